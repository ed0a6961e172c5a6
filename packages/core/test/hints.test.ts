import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { OssError, type OssResponseLike, parseOssError } from '@oss-errors/core';
import { hintFor } from '@oss-errors/core/hints';
import { loadOssFixtures } from '@oss-errors/fake-oss';
import { findLeaks, plantSecrets } from '@oss-errors/fake-oss/leaks';
import { build } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hintOf, setHintProvider } from '../src/hint-registry';

/** An `<Error>` document; a field named `Parent.Child` becomes a child of one `<Parent>` element. */
function errorXml(fields: Readonly<Record<string, string>>): string {
  const parents = new Map<string, string>();
  for (const [name, value] of Object.entries(fields)) {
    const [parent, child] = name.includes('.') ? name.split('.', 2) : [name, undefined];
    const text = child === undefined ? value : `<${child}>${value}</${child}>`;
    parents.set(parent!, (parents.get(parent!) ?? '') + text);
  }
  const children = [...parents].map(([name, text]) => `<${name}>${text}</${name}>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${children.join('')}</Error>`;
}

function response(
  status: number,
  fields: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> = {},
  method?: string,
): OssResponseLike {
  return {
    status,
    headers: { 'x-oss-request-id': '5C3D9175B6FC201293AD0000', ...headers },
    body: Object.keys(fields).length === 0 ? '' : errorXml(fields),
    ...(method === undefined ? {} : { method }),
  };
}

const THROTTLED = /^OSS is throttling this caller: retry with exponential backoff and jitter, and lower/;
const SERVER_SIDE =
  /^OSS failed on its side: retry with exponential backoff and jitter; if it persists, quote/;

// [what, the response, the hint it must get]: every code of the hint table, with each dynamic part.
const CASES: [string, OssResponseLike, RegExp][] = [
  [
    'AccessDenied by an explicit Deny in a RAM policy',
    response(403, {
      Code: 'AccessDenied',
      'AccessDeniedDetail.PolicyType': 'AccountLevelIdentityBasedPolicy',
      'AccessDeniedDetail.NoPermissionType': 'ExplicitDeny',
      'AccessDeniedDetail.AuthAction': 'oss:PutBucketReferer',
    }),
    /^OSS names a RAM policy of this user or role as the reason: a Deny statement in it matches oss:PutBucketReferer; remove or narrow it\.$/,
  ],
  [
    'AccessDenied with no Allow in the bucket policy',
    response(403, {
      Code: 'AccessDenied',
      'AccessDeniedDetail.PolicyType': 'BucketPolicy',
      'AccessDeniedDetail.NoPermissionType': 'ImplicitDeny',
      'AccessDeniedDetail.AuthAction': 'oss:GetObject',
    }),
    /^OSS names the bucket policy as the reason: nothing in it allows oss:GetObject; add an Allow statement\.$/,
  ],
  [
    'AccessDenied by the STS session policy',
    response(403, { Code: 'AccessDenied', 'AccessDeniedDetail.PolicyType': 'SessionPolicy' }),
    /^OSS names the STS token's policy as the reason: check what it says about this action\.$/,
  ],
  [
    'AccessDenied by a policy type we do not know',
    response(403, { Code: 'AccessDenied', 'AccessDeniedDetail.PolicyType': 'FuturePolicy' }),
    /^OSS names a policy of type FuturePolicy as the reason/,
  ],
  [
    'AccessDenied for an expired presigned URL',
    response(403, {
      Code: 'AccessDenied',
      Message: 'Request has expired.',
      Expires: '2012-12-25T09:47:52.000Z',
      ServerTime: '2012-12-25T09:49:00.000Z',
    }),
    /^The presigned URL expired at 2012-12-25T09:47:52\.000Z \(OSS's time: 2012-12-25T09:49:00\.000Z\): sign a new one/,
  ],
  [
    'AccessDenied saying only that the request expired',
    response(403, { Code: 'AccessDenied', Message: 'Request has expired.' }),
    /^The presigned URL expired: sign a new one/,
  ],
  [
    'AccessDenied with an Endpoint to use',
    response(403, { Code: 'AccessDenied', Endpoint: 'oss-cn-beijing.aliyuncs.com' }),
    /^Send requests for this bucket to its region's endpoint, oss-cn-beijing\.aliyuncs\.com\.$/,
  ],
  [
    'AccessDenied for a URL with part of the presigned parameters',
    response(403, {
      Code: 'AccessDenied',
      Message: 'Query-string authentication requires the Signature, Expires and OSSAccessKeyId parameters',
    }),
    /^The URL lacks some presigned parameters/,
  ],
  [
    'AccessDenied with nothing more',
    response(403, { Code: 'AccessDenied', Message: 'AccessDenied' }),
    /^Check that the request is signed, then the RAM policy .*bucket policy and the ACLs/,
  ],
  [
    'RequestExpired',
    response(403, { Code: 'RequestExpired', Expires: '2024-01-01T00:00:00.000Z' }),
    /^The presigned URL expired at 2024-01-01T00:00:00\.000Z: /,
  ],
  [
    'SignatureDoesNotMatch with the StringToSign echoed',
    response(403, { Code: 'SignatureDoesNotMatch', StringToSign: 'GET\n\n\n1\n/b/k' }),
    /^OSS signed another string than you: `oss-errors explain <response> --string-to-sign <yours>` shows where; if equal, the AccessKey secret is wrong\.$/,
  ],
  [
    'SignatureDoesNotMatch with the V4 CanonicalRequest echoed',
    response(403, {
      Code: 'SignatureDoesNotMatch',
      CanonicalRequest: 'GET\n/b/k\n\nhost:b\n\nhost\nUNSIGNED-PAYLOAD',
    }),
    /--string-to-sign/,
  ],
  [
    'SignatureDoesNotMatch without an echo',
    response(403, { Code: 'SignatureDoesNotMatch' }),
    /^Check the AccessKey secret, then that the method, Content-Type/,
  ],
  [
    'InvalidAccessKeyId (long-term key)',
    response(403, { Code: 'InvalidAccessKeyId', OSSAccessKeyId: 'LTAIexample' }),
    /^No enabled AccessKey has this ID: /,
  ],
  [
    'InvalidAccessKeyId (STS key)',
    response(403, { Code: 'InvalidAccessKeyId', OSSAccessKeyId: 'STS.example' }),
    /^This STS AccessKey ID is unknown or expired: /,
  ],
  [
    'SecurityTokenExpired',
    response(403, { Code: 'SecurityTokenExpired' }),
    /^The STS token has expired: get new credentials/,
  ],
  [
    'InvalidSecurityToken',
    response(403, { Code: 'InvalidSecurityToken' }),
    /^Send the whole security token of the same STS response/,
  ],
  [
    'AccessKeyIdAndSecurityTokenNotMatch',
    response(403, { Code: 'AccessKeyIdAndSecurityTokenNotMatch' }),
    /^Use the AccessKey ID, secret and token of one STS response together/,
  ],
  [
    'RequestTimeTooSkewed, the signing clock ahead',
    response(403, {
      Code: 'RequestTimeTooSkewed',
      MaxAllowedSkewMilliseconds: '900000',
      RequestTime: '2024-06-01T08:20:30.000Z',
      ServerTime: '2024-06-01T08:00:00.000Z',
    }),
    /^The signing clock is 20 min 30 s ahead of OSS's \(15 min allowed\): sync it \(NTP\)/,
  ],
  [
    'RequestTimeTooSkewed, the signing clock behind, skew from the Date header',
    response(
      403,
      { Code: 'RequestTimeTooSkewed', RequestTime: '2024-06-01T06:00:00.000Z' },
      { Date: 'Sat, 01 Jun 2024 08:00:05 GMT' },
    ),
    /^The signing clock is 2 h 5 s behind OSS's: sync it \(NTP\)/,
  ],
  [
    'RequestTimeTooSkewed without times',
    response(403, { Code: 'RequestTimeTooSkewed' }),
    /^The request time is too far from OSS's clock: /,
  ],
  [
    'NoSuchKey with the key',
    response(404, { Code: 'NoSuchKey', Key: 'photos/2024/cat.jpg' }),
    /^No object "photos\/2024\/cat\.jpg" exists: check the key's spelling, case, leading "\/" and URL-encoding .*delete marker\.$/,
  ],
  ['NoSuchKey without the key', response(404, { Code: 'NoSuchKey' }), /^No object exists: /],
  [
    'NoSuchBucket',
    response(404, { Code: 'NoSuchBucket', BucketName: 'my-bucket' }),
    /^No bucket "my-bucket" exists: check the name in the endpoint or path\.$/,
  ],
  [
    'NoSuchUpload',
    response(404, { Code: 'NoSuchUpload' }),
    /^The multipart upload was completed, aborted or expired/,
  ],
  ['NoSuchVersion', response(404, { Code: 'NoSuchVersion' }), /^This key has no version with this ID/],
  ['InvalidObjectName', response(400, { Code: 'InvalidObjectName' }), /1 to 1023 bytes of UTF-8/],
  ['InvalidBucketName', response(400, { Code: 'InvalidBucketName' }), /3 to 63 lower-case letters/],
  ['BucketAlreadyExists', response(409, { Code: 'BucketAlreadyExists' }), /global across OSS/],
  ['BucketNotEmpty', response(409, { Code: 'BucketNotEmpty' }), /abort unfinished multipart uploads/],
  ['EntityTooLarge', response(400, { Code: 'EntityTooLarge' }), /5 GB at most.*use multipart upload\.$/],
  ['EntityTooSmall', response(400, { Code: 'EntityTooSmall' }), /at least 100 KB \(PostObject/],
  ['InvalidPart', response(400, { Code: 'InvalidPart' }), /exact number and ETag that UploadPart returned/],
  ['InvalidPartOrder', response(400, { Code: 'InvalidPartOrder' }), /ascending part-number order/],
  ['InvalidDigest', response(400, { Code: 'InvalidDigest' }), /base64 \(not hex\) of the MD5/],
  [
    'MalformedXML with ErrorDetail',
    response(400, { Code: 'MalformedXML', ErrorDetail: 'the root node is not named Delete.' }),
    /^The request XML does not fit this operation \(the root node is not named Delete\): /,
  ],
  [
    'InvalidArgument with ArgumentName and ArgumentValue',
    response(400, { Code: 'InvalidArgument', ArgumentName: 'x-oss-acl', ArgumentValue: 'error-acl' }),
    /^OSS does not accept "error-acl" for x-oss-acl: /,
  ],
  [
    'InvalidArgument naming a credential: the value is not quoted',
    response(400, { Code: 'InvalidArgument', ArgumentName: 'x-oss-security-token', ArgumentValue: 'abc' }),
    /^OSS does not accept x-oss-security-token: /,
  ],
  [
    'InvalidArgument without a name',
    response(400, { Code: 'InvalidArgument' }),
    /^A parameter or header has a value OSS does not accept/,
  ],
  [
    'MissingArgument with ArgumentName',
    response(400, { Code: 'MissingArgument', ArgumentName: 'position' }),
    /^Add the required position\.$/,
  ],
  [
    'MissingArgument',
    response(400, { Code: 'MissingArgument' }),
    /^A required parameter or header is missing/,
  ],
  [
    'PositionNotEqualToLength with x-oss-next-append-position',
    response(409, { Code: 'PositionNotEqualToLength' }, { 'x-oss-next-append-position': '1717' }),
    /^Append at position 1717, the object's current length \(x-oss-next-append-position\)\.$/,
  ],
  [
    'PositionNotEqualToLength without the header',
    response(409, { Code: 'PositionNotEqualToLength' }),
    /^Append at the object's current length: read it from x-oss-next-append-position\.$/,
  ],
  ['ObjectNotAppendable', response(409, { Code: 'ObjectNotAppendable' }), /created by AppendObject/],
  [
    'CallbackFailed on a 203',
    response(203, { Code: 'CallbackFailed' }),
    /^The object WAS stored; only the callback failed: do not upload again, fix the callback server \(its server must answer 200 with JSON within 5 s\)\.$/,
  ],
  [
    'CallbackFailed on another status',
    response(400, { Code: 'CallbackFailed' }),
    /^The upload callback failed \(on a 203 the object WAS stored\)/,
  ],
  ['PreconditionFailed', response(412, { Code: 'PreconditionFailed' }), /If-Match/],
  [
    'PreconditionFailed from the status alone (HEAD with If-Match)',
    response(412, {}, {}, 'HEAD'),
    /If-Match/,
  ],
  ['InvalidRange', response(416, { Code: 'InvalidRange' }), /bytes=0-99 is 100 bytes/],
  [
    'MethodNotAllowed',
    response(405, { Code: 'MethodNotAllowed', ResourceType: 'BUCKET' }),
    /^This method is not allowed on this resource \(bucket\): /,
  ],
  ['UserDisable', response(403, { Code: 'UserDisable' }), /retrying will not help\.$/],
  ['InvalidObjectState', response(403, { Code: 'InvalidObjectState' }), /restore it \(RestoreObject\)/],
  ['ArchiveRestoreNotFinished', response(409, { Code: 'ArchiveRestoreNotFinished' }), /still running/],
  ['AccessForbidden', response(403, { Code: 'AccessForbidden' }), /No CORS rule of the bucket matches/],
  ['InternalError', response(500, { Code: 'InternalError' }), SERVER_SIDE],
  ['ServiceUnavailable', response(503, { Code: 'ServiceUnavailable' }), THROTTLED],
  ['SlowDown', response(503, { Code: 'SlowDown' }), THROTTLED],
  ['QpsLimitExceeded', response(429, { Code: 'QpsLimitExceeded' }), THROTTLED],
  ['TotalQpsLimitExceeded', response(503, { Code: 'TotalQpsLimitExceeded' }), THROTTLED],
  ['MetaOperationQpsLimitExceeded', response(503, { Code: 'MetaOperationQpsLimitExceeded' }), THROTTLED],
  ['ActiveRequestLimitExceeded', response(503, { Code: 'ActiveRequestLimitExceeded' }), THROTTLED],
  [
    'DownloadTrafficRateLimitExceeded',
    response(503, { Code: 'DownloadTrafficRateLimitExceeded' }),
    THROTTLED,
  ],
  ['UploadTrafficRateLimitExceeded', response(503, { Code: 'UploadTrafficRateLimitExceeded' }), THROTTLED],
  ['CpuLimitExceeded', response(503, { Code: 'CpuLimitExceeded' }), THROTTLED],
  ['a 429 without a code', response(429, {}), THROTTLED],
  ['a 503 without a code', response(503, {}), THROTTLED],
  ['a 5xx code we do not know', response(500, { Code: 'ServiceFail' }), SERVER_SIDE],
  [
    'a HEAD 404 with only the status and the id',
    response(404, {}, {}, 'HEAD'),
    /^The object or bucket may not exist, but the reason is hidden: HEAD errors carry it in x-oss-err; in a browser, expose x-oss-err, x-oss-request-id and x-oss-ec in the bucket's CORS rule, or retry as GET\.$/,
  ],
  [
    'a HEAD 403 with only the status and the id',
    response(403, {}, {}, 'HEAD'),
    /^Access was denied, and the reason is hidden: HEAD errors carry it in x-oss-err/,
  ],
  [
    'a 404 with only the status, method unknown',
    response(404, {}),
    /^The object or bucket may not exist, but the reason is hidden/,
  ],
];

// Answers that get no hint: OSS's own message says as much as we could.
const NO_HINT: [string, OssResponseLike][] = [
  ['a code we have no hint for', response(400, { Code: 'TooManyCnameToken' })],
  ['RestoreAlreadyInProgress: OSS says it all', response(409, { Code: 'RestoreAlreadyInProgress' })],
  ['a GET 404 with only the status', response(404, {}, {}, 'GET')],
  ['a 400 with only the status', response(400, {})],
  ['a flat JSON error', { status: 400, headers: { 'x-oss-error-type': 'BadRequestException' }, body: '{}' }],
];

// Each shared sample, as its source answered it: its exact hint (or none).
const FIXTURE_HINTS: Record<string, string | undefined> = {
  'AccessDenied.browser-injected-script.xml':
    "Check that the request is signed, then the RAM policy of this user or role, the bucket policy and the ACLs (for STS, also the token's policy).",
  'AccessDenied.doc-xmlns-whitespace.xml':
    'The URL lacks some presigned parameters (Signature, Expires, OSSAccessKeyId): use the whole signed URL.',
  'AccessDenied.go-v2.xml':
    "Check that the request is signed, then the RAM policy of this user or role, the bucket policy and the ACLs (for STS, also the token's policy).",
  'AccessDenied.wrong-endpoint.partial.xml':
    "Send requests for this bucket to its region's endpoint, oss-cn-beijing.aliyuncs.com.",
  'ArchiveRestoreNotFinished.xml':
    'The restore is still running: read the object once x-oss-restore says ongoing-request="false".',
  'BadRequestException.json-v2-x-oss-error-type.json': undefined,
  'BucketAlreadyExists.xml': 'Bucket names are global across OSS and this one is taken: choose another.',
  'BucketNotEmpty.xml':
    'Delete every object first (with old versions and delete markers) and abort unfinished multipart uploads.',
  'CallbackFailed.203.xml':
    'The object WAS stored; only the callback failed: do not upload again, fix the callback server (its server must answer 200 with JSON within 5 s).',
  'Gateway-Tengine-400.no-body.headers.txt': undefined,
  'InvalidAccessKeyId.xml':
    'No enabled AccessKey has this ID: check it for typos and in the RAM console, and that ID and secret belong together.',
  'InvalidArgument.ArgumentName.xml':
    'OSS does not accept "error-acl" for x-oss-acl: use a value this operation allows.',
  'InvalidRange.xml':
    'The range is outside the object: ranges are zero-based and inclusive (bytes=0-99 is 100 bytes).',
  'InvalidRequest.xml': undefined,
  'InvalidTargetType.x-oss-err-decoded.xml': undefined,
  'MalformedXML.ErrorDetail.xml':
    'The request XML does not fit this operation (the root node is not named Delete): check its root and element names against the API reference.',
  'MalformedXML.doc-xmlns.xml':
    'The request XML does not fit this operation: check its root and element names against the API reference.',
  'MethodNotAllowed.legacy-doc.xml':
    'This method is not allowed on this resource (bucket): check the URL and the method the API reference gives.',
  'MissingArgument.doc.xml':
    'A required parameter or header is missing: compare the request with the API reference.',
  'NoSuchBucket.json-variant.json': 'No bucket "test" exists: check the name in the endpoint or path.',
  'NoSuchBucket.xml': 'No bucket "test" exists: check the name in the endpoint or path.',
  'NoSuchKey.HEAD-404.headers.txt':
    'No object "walker2asdasdasd.txt" exists: check the key\'s spelling, case, leading "/" and URL-encoding (once, not twice); with versioning, the latest version may be a delete marker.',
  'NoSuchKey.go-v2-restore.xml':
    'No object "walker-not-.txt" exists: check the key\'s spelling, case, leading "/" and URL-encoding (once, not twice); with versioning, the latest version may be a delete marker.',
  'NoSuchKey.real-opendal.xml':
    'No object "tn71gyrdg/_res/54ca0610-5e6b-4bf0-b1ae-a6f656f67ecc/_t/meta_v1.json" exists: check the key\'s spelling, case, leading "/" and URL-encoding (once, not twice); with versioning, the latest version may be a delete marker.',
  'NoSuchLifecycle.xml': undefined,
  'OperationNotSupported.Detail.xml': undefined,
  'PositionNotEqualToLength.xml':
    "Append at the object's current length: read it from x-oss-next-append-position.",
  'RequestTimeTooSkewed.real-android.xml':
    "The signing clock is 17,985 days behind OSS's (15 min allowed): sync it (NTP), or sign with a time corrected by the response's Date header.",
  'RequestTimeTooSkewed.rust-test.xml':
    "The signing clock is 1 h 4 s behind OSS's (15 min allowed): sync it (NTP), or sign with a time corrected by the response's Date header.",
  'RestoreAlreadyInProgress.xml': undefined,
  'ServiceFail.500.xml':
    'OSS failed on its side: retry with exponential backoff and jitter; if it persists, quote the request ID to support.',
  'SignatureDoesNotMatch.doc-0002-00000040.xml':
    'OSS signed another string than you: `oss-errors explain <response> --string-to-sign <yours>` shows where; if equal, the AccessKey secret is wrong.',
  'SignatureDoesNotMatch.go-v2-mock.xml':
    'Check the AccessKey secret, then that the method, Content-Type, Content-MD5, x-oss-* headers and key you signed are the ones sent.',
  'SignatureDoesNotMatch.s3-compat-AWSAccessKeyId.xml':
    'OSS signed another string than you: `oss-errors explain <response> --string-to-sign <yours>` shows where; if equal, the AccessKey secret is wrong.',
  'TooManyCnameToken.no-prolog.xml': undefined,
  'UserDisable.xml':
    "The bucket owner's account is disabled (overdue payment or a security hold): retrying will not help.",
};

// The codes of the hint table, read from its source: a code added there without a case here fails the test.
function tableCodes(): string[] {
  const source = readFileSync(new URL('../src/hints.ts', import.meta.url), 'utf8');
  const table = source.slice(
    source.indexOf('const HINTS'),
    source.indexOf('\n};', source.indexOf('const HINTS')),
  );
  return [...table.matchAll(/^ {2}(\w+):/gm)].map((match) => match[1]!);
}

describe('hint', () => {
  it.each(CASES)('%s', (_, input, expected) => {
    const details = parseOssError(input);
    expect(details?.hint).toMatch(expected);
    expect(hintFor(details!)).toBe(details?.hint);
  });

  it.each(NO_HINT)('none for %s', (_, input) => {
    const details = parseOssError(input);
    expect(details).toBeDefined();
    expect(details).not.toHaveProperty('hint');
  });

  it('has a case for every code of the table, and at least the 30 the issue names', () => {
    const tested = new Set(CASES.map(([, input]) => parseOssError(input)?.code));
    const codes = tableCodes();
    expect(codes.length).toBeGreaterThanOrEqual(40);
    expect(codes.filter((code) => !tested.has(code))).toStrictEqual([]);
  });

  it.each(loadOssFixtures().map((f) => [f.name, f] as const))('shared sample %s', (name, fixture) => {
    const details = parseOssError({
      status: fixture.status,
      headers: fixture.headers,
      body: fixture.body,
      method: fixture.method,
    });
    expect(Object.keys(FIXTURE_HINTS)).toContain(name);
    expect(details?.hint).toBe(FIXTURE_HINTS[name]);
  });

  it('is one line ending in a period, never depends on the EC, and never carries a planted secret', () => {
    const secrets = plantSecrets();
    const codes = [...tableCodes(), 'NotAnOssCode'];
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        `a?Signature=${encodeURIComponent(secrets.signature)}`,
        `security-token=${secrets.token}`,
        secrets.token,
        `OSSAccessKeyId=${secrets.keyId}`,
        `Authorization: OSS ${secrets.keyId}:${secrets.signature}`,
      ),
    );
    const names = fc.constantFrom(
      'Key',
      'BucketName',
      'Endpoint',
      'ErrorDetail',
      'ArgumentValue',
      'ServerTime',
      'Expires',
      'AccessDeniedDetail.PolicyType',
      'AccessDeniedDetail.AuthAction',
      'OSSAccessKeyId',
      'StringToSign',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.constantFrom(203, 400, 403, 404, 409, 429, 500, 503),
        fc.dictionary(names, value, { maxKeys: 4 }),
        fc.oneof(fc.constant('Signature'), fc.constant('x-oss-acl'), fc.constant('security-token')),
        fc.stringMatching(/^\d{4}-\d{8}$/),
        (code, status, fields, argumentName, ec) => {
          const escaped = Object.fromEntries(
            Object.entries(fields).map(([k, v]) => [k, v.replace(/&/g, '&amp;').replace(/</g, '&lt;')]),
          );
          const base = { Code: code, ...escaped, ArgumentName: argumentName };
          const withoutEc = parseOssError(response(status, base));
          const withEc = parseOssError(response(status, { ...base, EC: ec }, { 'x-oss-ec': ec }));
          expect(withEc?.hint).toBe(withoutEc?.hint);
          const hint = withEc?.hint;
          if (hint === undefined) return;
          expect(hint).not.toMatch(/[\r\n]/);
          expect(hint).toMatch(/[.]$/);
          expect(hint.length).toBeLessThan(420);
          expect(findLeaks(hint, secrets)).toStrictEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('is not part of the built one-line message', () => {
    for (const [, input] of CASES) {
      const details = parseOssError(input)!;
      const error = new OssError(details);
      expect(error.message).not.toContain(details.hint);
      expect(error.message).toBe(new OssError({ ...details, hint: 'x' }).message);
    }
  });
});

describe('the hint provider', () => {
  const input = response(404, { Code: 'NoSuchKey', Key: 'a.txt' });

  it('adds hint only while one is registered; a failing or empty provider adds nothing', () => {
    expect(parseOssError(input)?.hint).toMatch(/^No object "a\.txt" exists/);
    try {
      setHintProvider(undefined);
      const without = parseOssError(input)!;
      expect(without).not.toHaveProperty('hint');
      expect(without.code).toBe('NoSuchKey');
      expect(JSON.stringify(without)).not.toContain('hint');
      setHintProvider(() => {
        throw new Error('broken provider');
      });
      expect(parseOssError(input)).toStrictEqual(without);
      setHintProvider(() => '');
      expect(parseOssError(input)).toStrictEqual(without);
      expect(hintOf(without)).toBeUndefined();
    } finally {
      setHintProvider(hintFor);
    }
    expect(parseOssError(input)?.hint).toMatch(/^No object "a\.txt" exists/);
  });

  // What a browser app bundles: the parser alone, or the parser plus `import '@oss-errors/core/hints'`.
  // esbuild honours the package's `sideEffects`, so the opt-in import survives tree shaking only because
  // the package lists it. Each bundle runs in a fresh Node process (the provider lives on globalThis).
  async function browserBundle(withHints: boolean): Promise<string> {
    const result = await build({
      stdin: {
        contents: `${withHints ? "import '@oss-errors/core/hints';\n" : ''}export { parseOssError } from './src/parse';`,
        resolveDir: new URL('..', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      minify: true,
      conditions: ['@oss-errors/source'],
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  }

  function run(bundle: string): unknown {
    const script = `${bundle.replace(/export\s*\{[^}]*\};?\s*$/, '')}
      const body = '<Error><Code>PositionNotEqualToLength</Code></Error>';
      const details = ${/export\s*\{\s*([\w$]+) as parseOssError/.exec(bundle)?.[1] ?? 'parseOssError'}({ status: 409, headers: { 'x-oss-next-append-position': '7' }, body });
      process.stdout.write(JSON.stringify(details));`;
    const child = spawnSync(process.execPath, ['--input-type=module'], { input: script, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    return JSON.parse(child.stdout);
  }

  it('stays out of a browser bundle of the parser, and comes in with one import that tree shaking keeps', async () => {
    const [plain, hinted] = await Promise.all([browserBundle(false), browserBundle(true)]);
    expect(plain).not.toContain('exponential backoff');
    expect(hinted).toContain('exponential backoff');
    expect(run(plain)).not.toHaveProperty('hint');
    expect(run(hinted)).toMatchObject({
      nextAppendPosition: 7,
      hint: expect.stringMatching(/^Append at position 7,/),
    });
    // The hint table is text: keep what it adds to a browser bundle small (measured: about 3 KiB gzip).
    const added = gzipSync(hinted, { level: 9 }).length - gzipSync(plain, { level: 9 }).length;
    expect(added).toBeLessThan(3.5 * 1024);
  });

  it('is what the package lists in sideEffects, and nothing it lists is missing', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      sideEffects: string[];
      exports: Record<string, Record<string, unknown>>;
    };
    expect(manifest.sideEffects).toStrictEqual([
      './src/hints.ts',
      './dist/hints.js',
      './dist/hints.cjs',
      './dist/chunk-*.js',
      './dist/browser/hints.js',
      './dist/browser/hints.cjs',
    ]);
    expect(manifest.exports['./hints']).toMatchObject({ '@oss-errors/source': './src/hints.ts' });
  });
});
