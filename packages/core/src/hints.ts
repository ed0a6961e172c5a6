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
const THROTTLED = `OSS is throttling this caller: ${BACKOFF}, and lower the request rate or concurrency.`;
const SERVER_SIDE = `OSS failed on its side: ${BACKOFF}; if it persists, quote the request ID to support.`;
const RESTORE = 'read the object once x-oss-restore says ongoing-request="false"';
const CALLBACK = 'its server must answer 200 with JSON within 5 s';
// Names whose value is a credential: a hint names the argument but never quotes its value.
const SECRET_NAME = /signature|token|secret|credential|authorization|accesskey|policy|callback/i;

/** AccessDeniedDetail's PolicyType values, by a word they contain, in plain words. */
const POLICY_KINDS: readonly (readonly [RegExp, string])[] = [
  [/resourcegroup/i, 'a RAM policy on the resource group'],
  [/identity/i, 'a RAM policy of this user or role'],
  [/bucket|resource/i, 'the bucket policy'],
  [/session|sts/i, "the STS token's policy"],
  [/control/i, 'a control policy'],
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
        ? `a Deny statement in it matches ${action}; remove or narrow it`
        : /implicit/i.test(denial)
          ? `nothing in it allows ${action}; add an Allow statement`
          : `check what it says about ${action}`
    }.`;
  }
  const expires = field('Expires');
  if (expires !== undefined || /expired/i.test(d.message)) return expired(expires, field('ServerTime'));
  const endpoint = field('Endpoint');
  if (endpoint !== undefined) return `Send requests for this bucket to its region's endpoint, ${endpoint}.`;
  if (/query-string authentication requires/i.test(d.message)) {
    return 'The URL lacks some presigned parameters (Signature, Expires, OSSAccessKeyId): use the whole signed URL.';
  }
  return "Check that the request is signed, then the RAM policy of this user or role, the bucket policy and the ACLs (for STS, also the token's policy).";
}

function expired(expires: string | undefined, serverTime: string | undefined): string {
  const when =
    expires === undefined ? '' : ` at ${expires}${serverTime ? ` (OSS's time: ${serverTime})` : ''}`;
  return `The presigned URL expired${when}: sign a new one (if it was just signed, check the signer's clock).`;
}

const HINTS: Readonly<Record<string, Hint>> = {
  AccessDenied: accessDenied,
  RequestExpired: (_, field) => expired(field('Expires'), field('ServerTime')),
  SignatureDoesNotMatch: (_, field) =>
    field('StringToSign') !== undefined || field('CanonicalRequest') !== undefined
      ? 'OSS signed another string than you: `oss-errors explain <response> --string-to-sign <yours>` shows where; if equal, the AccessKey secret is wrong.'
      : 'Check the AccessKey secret, then that the method, Content-Type, Content-MD5, x-oss-* headers and key you signed are the ones sent.',
  InvalidAccessKeyId: (_, field) =>
    /^STS/.test(field('OSSAccessKeyId') ?? field('AWSAccessKeyId') ?? '')
      ? 'This STS AccessKey ID is unknown or expired: get fresh STS credentials and send their security token too.'
      : 'No enabled AccessKey has this ID: check it for typos and in the RAM console, and that ID and secret belong together.',
  SecurityTokenExpired:
    'The STS token has expired: get new credentials, and refresh them before their Expiration.',
  InvalidSecurityToken:
    'Send the whole security token of the same STS response as the AccessKey ID and secret, unchanged.',
  AccessKeyIdAndSecurityTokenNotMatch: 'Use the AccessKey ID, secret and token of one STS response together.',
  RequestTimeTooSkewed: (d, field) => {
    const allowed = Number(field('MaxAllowedSkewMilliseconds'));
    return d.clockSkewMs === undefined
      ? "The request time is too far from OSS's clock: sync the signing machine's clock (NTP)."
      : `The signing clock is ${duration(d.clockSkewMs)} ${d.clockSkewMs > 0 ? 'ahead of' : 'behind'} OSS's${
          allowed > 0 ? ` (${duration(allowed)} allowed)` : ''
        }: sync it (NTP), or sign with a time corrected by the response's Date header.`;
  },
  NoSuchKey: (_, field) => {
    const key = field('Key');
    return `No object ${key === undefined ? '' : `"${key}" `}exists: check the key's spelling, case, leading "/" and URL-encoding (once, not twice); with versioning, the latest version may be a delete marker.`;
  },
  NoSuchBucket: (_, field) => {
    const bucket = field('BucketName') ?? field('Bucket');
    return `No bucket ${bucket === undefined ? '' : `"${bucket}" `}exists: check the name in the endpoint or path.`;
  },
  NoSuchUpload:
    'The multipart upload was completed, aborted or expired, or the ID is for another key: start a new upload.',
  NoSuchVersion: 'This key has no version with this ID: list its versions to find the right one.',
  InvalidObjectName: 'Object keys are 1 to 1023 bytes of UTF-8 and do not start with "/" or "\\".',
  InvalidBucketName:
    'Bucket names are 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.',
  BucketAlreadyExists: 'Bucket names are global across OSS and this one is taken: choose another.',
  BucketNotEmpty:
    'Delete every object first (with old versions and delete markers) and abort unfinished multipart uploads.',
  EntityTooLarge:
    "The body is too large (PutObject: 5 GB at most; PostObject: the policy's content-length-range): use multipart upload.",
  EntityTooSmall:
    "Every part but the last must be at least 100 KB (PostObject: within the policy's content-length-range).",
  InvalidPart: 'List each part with the exact number and ETag that UploadPart returned.',
  InvalidPartOrder: 'List the parts in ascending part-number order.',
  InvalidDigest: 'Content-MD5 must be the base64 (not hex) of the MD5 of exactly the bytes sent.',
  MalformedXML: (_, field) => {
    const detail = field('ErrorDetail')?.replace(/\.$/, '');
    return `The request XML does not fit this operation${detail === undefined ? '' : ` (${detail})`}: check its root and element names against the API reference.`;
  },
  InvalidArgument: (_, field) => {
    const name = field('ArgumentName');
    const value = field('ArgumentValue');
    if (name === undefined)
      return 'A parameter or header has a value OSS does not accept (the message says which).';
    const shown = value === undefined || SECRET_NAME.test(name) ? name : `"${value}" for ${name}`;
    return `OSS does not accept ${shown}: use a value this operation allows.`;
  },
  MissingArgument: (_, field) => {
    const name = field('ArgumentName');
    return name === undefined
      ? 'A required parameter or header is missing: compare the request with the API reference.'
      : `Add the required ${name}.`;
  },
  PositionNotEqualToLength: (d) =>
    d.nextAppendPosition === undefined
      ? "Append at the object's current length: read it from x-oss-next-append-position."
      : `Append at position ${d.nextAppendPosition}, the object's current length (x-oss-next-append-position).`,
  ObjectNotAppendable:
    'Only objects created by AppendObject can be appended to: use a new key, or rewrite the object.',
  CallbackFailed: (d) =>
    d.status < 300
      ? `The object WAS stored; only the callback failed: do not upload again, fix the callback server (${CALLBACK}).`
      : `The upload callback failed (on a 203 the object WAS stored): ${CALLBACK}.`,
  PreconditionFailed:
    'An If-Match, If-Unmodified-Since or x-oss-copy-source-if-* condition did not hold: the object changed; read it again.',
  InvalidRange:
    'The range is outside the object: ranges are zero-based and inclusive (bytes=0-99 is 100 bytes).',
  MethodNotAllowed: (_, field) => {
    const resource = field('ResourceType')?.toLowerCase();
    return `This method is not allowed on this resource${resource === undefined ? '' : ` (${resource})`}: check the URL and the method the API reference gives.`;
  },
  UserDisable:
    "The bucket owner's account is disabled (overdue payment or a security hold): retrying will not help.",
  InvalidObjectState: `This object is archived: restore it (RestoreObject), then ${RESTORE}.`,
  ArchiveRestoreNotFinished: `The restore is still running: ${RESTORE}.`,
  AccessForbidden: 'No CORS rule of the bucket matches this origin, method and headers: add one.',
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
 * hintFor(details); // "Append at position 1717, the object's current length (x-oss-next-append-position)."
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
    return `${status === 404 ? 'The object or bucket may not exist, but' : 'Access was denied, and'} the reason is hidden: HEAD errors carry it in x-oss-err; in a browser, expose x-oss-err, x-oss-request-id and x-oss-ec in the bucket's CORS rule, or retry as GET.`;
  }
  if (status === 429) return THROTTLED;
  return status >= 500 ? SERVER_SIDE : undefined;
}

setHintProvider(hintFor);
