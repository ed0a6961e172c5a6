/**
 * The `hint` sentences: what to check or do next, for the OSS errors people meet most. Importing this module
 * registers them, so `parseOssError` adds `hint`; the Node entry of `@oss-errors/core` imports it, and a browser
 * app opts in with `import '@oss-errors/core/hints'`.
 *
 * A hint is derived from the code, the status, the message and the (already masked) fields, never from the EC.
 * @module
 */
import { setHintProvider } from './hint-registry';
import type { OssErrorDetails } from './types';

type Hint = string | ((details: OssErrorDetails, field: (name: string) => string | undefined) => string);

const BACKOFF = 'retry with exponential backoff and jitter';
const THROTTLED = `OSS is limiting this caller's request rate or bandwidth: ${BACKOFF}, and lower the concurrency (many keys under one sequential prefix, such as a timestamp, concentrate the load).`;
const SERVER_SIDE = `The failure is on OSS's side and the request is safe to repeat: ${BACKOFF}; if it persists, quote the request ID to Alibaba Cloud support.`;
const RESTORE = 'read it once a HEAD shows x-oss-restore: ongoing-request="false"';
const CALLBACK_SERVER = 'the callback server must answer HTTP 200 with a JSON body within 5 seconds';
// Names whose value is a credential: a hint names the argument but never quotes its value.
const SECRET_NAME = /signature|token|secret|credential|authorization|accesskey|policy|callback/i;

/** `policy type` values of AccessDeniedDetail, by a word they contain, in plain words. */
const POLICY_KINDS: readonly (readonly [RegExp, string])[] = [
  [/resourcegroup/i, 'a RAM policy granted on the resource group'],
  [/identity/i, 'a RAM policy of this user or role'],
  [/bucket|resource/i, 'the bucket policy'],
  [/session|sts/i, 'the policy passed when the STS token was issued'],
  [/control/i, 'a Resource Directory control policy'],
  [/vpc/i, 'the VPC endpoint policy'],
];

function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s >= 172_800) return `${Math.round(s / 86_400).toLocaleString('en-US')} days`;
  const parts = [
    [Math.floor(s / 3600), 'h'],
    [Math.floor(s / 60) % 60, 'min'],
    [s % 60, 's'],
  ].filter(([n]) => n !== 0);
  return parts.length === 0 ? '0 s' : parts.map(([n, unit]) => `${n} ${unit}`).join(' ');
}

function accessDenied(d: OssErrorDetails, field: (name: string) => string | undefined): string {
  const policyType = field('AccessDeniedDetail.PolicyType');
  if (policyType !== undefined) {
    const kind =
      POLICY_KINDS.find(([word]) => word.test(policyType))?.[1] ?? `a policy of type ${policyType}`;
    const action = field('AccessDeniedDetail.AuthAction') ?? 'this action';
    const denial = field('AccessDeniedDetail.NoPermissionType') ?? '';
    return `OSS names ${kind} as the reason: ${
      /explicit/i.test(denial)
        ? `a Deny statement in it matches ${action}; remove or narrow that statement`
        : /implicit/i.test(denial)
          ? `no Allow statement in it covers ${action}; add one`
          : `check what it says about ${action}`
    }.`;
  }
  const expires = field('Expires');
  if (expires !== undefined || /expired/i.test(d.message)) return expired(expires, field('ServerTime'));
  const endpoint = field('Endpoint');
  if (endpoint !== undefined) {
    return `This bucket must be reached through the endpoint ${endpoint}: point the client at that endpoint (or its region).`;
  }
  return 'The request was authenticated but is not allowed: check the RAM policy of this user or role, the bucket policy and the bucket and object ACLs (and for STS credentials, the policy passed when the token was issued).';
}

function expired(expires: string | undefined, serverTime: string | undefined): string {
  const when =
    expires === undefined
      ? ''
      : ` (valid until ${expires}${serverTime ? `; OSS's time was ${serverTime}` : ''})`;
  return `The presigned URL has expired${when}: sign a new one, and if it was signed just before, check the clock of the machine that signed it.`;
}

const HINTS: Readonly<Record<string, Hint>> = {
  AccessDenied: accessDenied,
  RequestExpired: (_, field) => expired(field('Expires'), field('ServerTime')),
  SignatureDoesNotMatch: (_, field) =>
    field('StringToSign') !== undefined || field('CanonicalRequest') !== undefined
      ? 'Your signer signed a different string than OSS did: compare yours with the StringToSign OSS echoed (`oss-errors explain <response> --string-to-sign <file>` names the first differing line); if they are equal, the AccessKey secret is wrong.'
      : 'The signature differs from the one OSS computed: check the AccessKey secret, then that the method, Content-Type, Content-MD5, x-oss-* headers and encoded key you signed are exactly the ones sent.',
  InvalidAccessKeyId: (_, field) =>
    /^STS\./.test(field('OSSAccessKeyId') ?? field('AWSAccessKeyId') ?? '')
      ? 'OSS does not know this STS AccessKey ID: temporary credentials expire, so fetch a fresh set from STS and send its security token with it.'
      : 'OSS knows no enabled AccessKey with this ID: check it for typos, that it was not deleted or disabled in the RAM console, and that the ID and secret belong together.',
  SecurityTokenExpired:
    'The STS token has expired: get new temporary credentials (AssumeRole) and refresh them a few minutes before their Expiration instead of reusing them.',
  InvalidSecurityToken:
    'OSS cannot use this security token: send the whole token from the same STS response as the AccessKey ID and secret, unchanged (in a query string, URL-encoded once).',
  AccessKeyIdAndSecurityTokenNotMatch:
    'The security token belongs to another AccessKey ID: use the ID, secret and token of one STS response together.',
  RequestTimeTooSkewed: (d, field) => {
    const allowed = Number(field('MaxAllowedSkewMilliseconds'));
    return d.clockSkewMs === undefined
      ? "The request time is too far from OSS's clock: sync the clock of the machine that signs requests (NTP)."
      : `The signing clock is ${duration(d.clockSkewMs)} ${d.clockSkewMs > 0 ? 'ahead of' : 'behind'} OSS's${
          allowed > 0 ? ` (at most ${duration(allowed)} is allowed)` : ''
        }: sync it with NTP, or where you cannot (a browser, a phone), sign with your time shifted by the offset to the response's Date header.`;
  },
  NoSuchKey: (_, field) => {
    const key = field('Key');
    return `No object with the key${key === undefined ? '' : ` "${key}"`} exists in this bucket: check its spelling and letter case, that it has no leading "/", that it is URL-encoded once (not twice), and with versioning, that its latest version is not a delete marker.`;
  },
  NoSuchBucket: (_, field) => {
    const bucket = field('BucketName') ?? field('Bucket');
    return `No bucket${bucket === undefined ? '' : ` named "${bucket}"`} exists: check the name in the endpoint or path (bucket names are global, so it was never created or has been deleted).`;
  },
  NoSuchUpload:
    'This multipart upload ID is unknown: the upload was completed or aborted already (or removed by a lifecycle rule), or the ID belongs to another key or bucket; start a new upload.',
  NoSuchVersion:
    'No version with this ID exists for this key: list the versions of the object to find the right ID (it may belong to another key, or the version was deleted).',
  InvalidObjectName:
    'The object key is not valid: it must be 1 to 1023 bytes of UTF-8 and must not start with "/" or "\\".',
  InvalidBucketName:
    'The bucket name is not valid: 3 to 63 characters of lower-case letters, digits and hyphens, starting and ending with a letter or digit (pass the bare name, not an endpoint or URL).',
  BucketAlreadyExists:
    'Bucket names are shared by all OSS users and this one is taken, possibly by another account: choose another name (or use the bucket if it is yours).',
  BucketNotEmpty:
    'Delete every object in the bucket first, with their old versions and delete markers when versioning is on, and abort unfinished multipart uploads (their parts count too).',
  EntityTooLarge:
    "The body is larger than this operation accepts (PutObject takes at most 5 GB; a PostObject form also obeys its policy's content-length-range): upload large files with multipart upload.",
  EntityTooSmall:
    "A part other than the last is smaller than 100 KB (or a PostObject body is below its policy's content-length-range): make every part but the last at least 100 KB.",
  InvalidPart:
    'A part listed in CompleteMultipartUpload was not uploaded, or its ETag differs from the one UploadPart returned: list each part with exactly the number and ETag it got.',
  InvalidPartOrder: 'List the parts in CompleteMultipartUpload in ascending part-number order.',
  InvalidDigest:
    'The Content-MD5 header does not match the body: it must be the base64 of the 16 raw MD5 bytes (not hex), computed over exactly the bytes sent.',
  MalformedXML: (_, field) => {
    const detail = field('ErrorDetail');
    return `The XML request body does not fit this operation${detail === undefined ? '' : ` (${detail})`}: check its root element and the element names and letter case against the API reference.`;
  },
  InvalidArgument: (_, field) => {
    const name = field('ArgumentName');
    const value = field('ArgumentValue');
    if (name === undefined) {
      return 'A parameter or header has a value OSS does not accept for this operation (the message says which): check the values the API reference allows.';
    }
    const shown = value === undefined || SECRET_NAME.test(name) ? name : `the value "${value}" of ${name}`;
    return `OSS does not accept ${shown}: use one of the values this operation allows for it.`;
  },
  MissingArgument: (_, field) => {
    const name = field('ArgumentName');
    return name === undefined
      ? 'A query parameter or header this operation requires is missing: compare the request with the API reference.'
      : `Add the required ${name} to the request.`;
  },
  PositionNotEqualToLength: (d) =>
    d.nextAppendPosition === undefined
      ? 'The append position must equal the current length of the object: read it from x-oss-next-append-position (on this response or a HEAD) and append there.'
      : `Append at position ${d.nextAppendPosition}, the current length of the object (OSS sent it in x-oss-next-append-position); if you expected another length, someone else appended meanwhile.`,
  ObjectNotAppendable:
    'Only objects created by AppendObject can be appended to, and this one was not: append to a new key starting at position 0, or rewrite the object.',
  CallbackFailed: (d) =>
    d.status < 300
      ? `The object WAS stored and only the upload callback failed: do not upload it again; fix the callback server (${CALLBACK_SERVER}) and treat the upload as done.`
      : `The upload callback failed (on a 203 response the object WAS stored anyway): check the URL and body in the callback parameter; ${CALLBACK_SERVER}.`,
  PreconditionFailed:
    'A condition in the request did not hold (If-Match, If-Unmodified-Since, or x-oss-copy-source-if-* on a copy): the object changed since you read it; read it again, or drop the condition.',
  InvalidRange:
    'The requested range is outside the object: ranges count bytes from 0 and include both ends (bytes=0-99 is 100 bytes); check the size with a HEAD first.',
  MethodNotAllowed: (_, field) => {
    const resource = field('ResourceType');
    return `This method is not allowed on this resource${resource === undefined ? '' : ` (${resource.toLowerCase()})`}: check that the request goes to the right URL (bucket or object) with the method the API reference gives for the operation.`;
  },
  UserDisable:
    'The Alibaba Cloud account that owns this bucket is disabled (often an overdue payment or a security hold): its owner must clear that in the console; retrying will not help.',
  InvalidObjectState: `This object is in an archive storage class: restore it with RestoreObject and ${RESTORE}.`,
  ArchiveRestoreNotFinished: `The restore of this archived object is still running: ${RESTORE}.`,
  RestoreAlreadyInProgress:
    'A restore of this object is already running: wait for it instead of starting another.',
  FileAlreadyExists:
    'An object with this key exists and the request set x-oss-forbid-overwrite: true: write to another key or drop the header.',
  AccessForbidden:
    "The browser's cross-origin request matches no CORS rule of this bucket: add a rule for this origin, method and request headers.",
  RequestTimeout:
    'OSS waited too long for the request body: check the network path of the upload, or lower the concurrency so each upload keeps sending.',
  InternalError: SERVER_SIDE,
  ServiceUnavailable: THROTTLED,
  SlowDown: THROTTLED,
  QpsLimitExceeded: THROTTLED,
  TotalQpsLimitExceeded: THROTTLED,
  MetaOperationQpsLimitExceeded: THROTTLED,
  ActiveRequestLimitExceeded: THROTTLED,
  DownloadTrafficRateLimitExceeded: THROTTLED,
  UploadTrafficRateLimitExceeded: THROTTLED,
  CpuLimitExceeded: THROTTLED,
};

/**
 * One sentence, in our words, on what to check or do next for a failed OSS response, or `undefined` when we
 * have nothing better to say than OSS's message. Derived from the code, the status, the message and the
 * masked fields, never from the EC. `parseOssError` sets it as `hint` once this module is imported.
 *
 * @example
 * import { hintFor } from '@oss-errors/core/hints';
 * hintFor(details); // 'Append at position 1717, the current length of the object (…)'
 */
export function hintFor(details: OssErrorDetails): string | undefined {
  const field = (name: string): string | undefined => {
    const value = Object.hasOwn(details.fields, name)
      ? details.fields[name]?.replace(/\s+/g, ' ').trim()
      : '';
    return value ? (value.length > 100 ? `${value.slice(0, 99)}…` : value) : undefined;
  };
  const hint = Object.hasOwn(HINTS, details.code) ? HINTS[details.code] : undefined;
  if (hint !== undefined) return typeof hint === 'string' ? hint : hint(details, field);
  const { status } = details;
  if (
    details.source === 'status' &&
    (status === 403 || status === 404) &&
    (details.method ?? 'HEAD') === 'HEAD'
  ) {
    return `${status === 404 ? 'The object or bucket may not exist, but' : 'Access was denied, and'} OSS's reason is not visible: a HEAD response has no body, so OSS sends its error document base64-encoded in x-oss-err; in a browser, add x-oss-err, x-oss-request-id and x-oss-ec to the ExposeHeaders of the bucket's CORS rule, or repeat the request as GET.`;
  }
  if (status === 429) return THROTTLED;
  return status >= 500 ? SERVER_SIDE : undefined;
}

setHintProvider(hintFor);
