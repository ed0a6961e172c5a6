import { inspect } from 'node:util';
import { OssError, type OssErrorDetails, parseOssError } from '@oss-errors/core';
import { maskSecrets, maskUrl } from '@oss-errors/core/adapter';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Test credentials, made up at run time so no file holds anything shaped like a real one.
const AK_ID = `LTAI${'5tFakeKeyId0123456789'.slice(0, 20)}`;
const AK_SECRET = 'fakeAccessKeySecretValue0123456789';
const STS_TOKEN = `CAIS${'Fake+Sts/Token0123456789abcdef'.repeat(4)}=`;
const SIGNATURE = 'Sig+nat/ure0123456789abcd=';
const V4_SIGNATURE = 'a'.repeat(12) + 'f00dfeed'.repeat(7);
const SECRETS = [
  AK_SECRET,
  STS_TOKEN,
  SIGNATURE,
  V4_SIGNATURE,
  encodeURIComponent(STS_TOKEN),
  encodeURIComponent(SIGNATURE),
];

function hex(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) =>
    b.toString(16).toUpperCase().padStart(2, '0'),
  ).join(' ');
}

const STRING_TO_SIGN_V1 = `GET\\n\\n\\n1700000000\\nx-oss-security-token:${STS_TOKEN}\\n/bucket/a.txt?security-token=${STS_TOKEN}`;
const STRING_TO_SIGN_REAL_NEWLINES = `GET\n\n\n1700000000\nx-oss-security-token:${STS_TOKEN}\n/bucket/a.txt`;
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>SignatureDoesNotMatch</Code>
  <Message>The request signature we calculated does not match. Authorization: OSS ${AK_ID}:${SIGNATURE}</Message>
  <RequestId>646DCB189AE2D1333018AAAA</RequestId>
  <HostId>bucket.oss-cn-hangzhou.aliyuncs.com</HostId>
  <OSSAccessKeyId>${AK_ID}</OSSAccessKeyId>
  <AWSAccessKeyId>${AK_ID}</AWSAccessKeyId>
  <SignatureProvided>${SIGNATURE}</SignatureProvided>
  <StringToSign>${STRING_TO_SIGN_V1}</StringToSign>
  <StringToSignBytes>${hex(STRING_TO_SIGN_REAL_NEWLINES)}</StringToSignBytes>
  <CanonicalRequest>GET\n/bucket/a.txt\nx-oss-credential=${AK_ID}%2F20250101%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&amp;x-oss-signature=${V4_SIGNATURE}\nx-oss-security-token:${STS_TOKEN}</CanonicalRequest>
  <SecurityToken>${STS_TOKEN}</SecurityToken>
  <Detail>accessKeySecret=${AK_SECRET} token ${STS_TOKEN}</Detail>
  <EC>0002-00000040</EC>
</Error>`;

const URLS = [
  `https://bucket.oss-cn-hangzhou.aliyuncs.com/a.txt?OSSAccessKeyId=${AK_ID}&Expires=1700000000&Signature=${encodeURIComponent(SIGNATURE)}&security-token=${encodeURIComponent(STS_TOKEN)}`,
  `https://bucket.oss-cn-hangzhou.aliyuncs.com/a.txt?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=${AK_ID}%2F20250101%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20250101T000000Z&x-oss-expires=3600&x-oss-signature=${V4_SIGNATURE}&x-oss-security-token=${encodeURIComponent(STS_TOKEN)}`,
  `https://${AK_ID}:${AK_SECRET}@bucket.oss-cn-hangzhou.aliyuncs.com/a.txt?X-Amz-Credential=${AK_ID}%2F20250101&X-Amz-Signature=${V4_SIGNATURE}&X-Amz-Security-Token=${encodeURIComponent(STS_TOKEN)}`,
];

function toBase64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** Every form in which we hand details to a user or a logger. */
function outputs(details: OssErrorDetails): string[] {
  const error = new OssError(details, { cause: new Error('client error') });
  return [
    JSON.stringify(details),
    inspect(details, { depth: Number.POSITIVE_INFINITY }),
    error.message,
    String(error.stack),
    JSON.stringify(error),
    JSON.stringify(error.toJSON()),
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: false }),
  ];
}

function expectNoSecret(texts: string[]): void {
  for (const text of texts) {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain(AK_ID);
  }
}

describe('secrets never leave', () => {
  const inputs: [string, Parameters<typeof parseOssError>[0]][] = [
    ...URLS.map((url, i): [string, Parameters<typeof parseOssError>[0]] => [
      `an XML body and presigned URL #${i + 1}`,
      { status: 403, headers: { 'x-oss-request-id': 'R' }, body: XML, method: 'GET', url },
    ]),
    [
      'x-oss-err on a HEAD',
      { status: 403, headers: { 'x-oss-err': toBase64(XML) }, body: '', method: 'HEAD', url: URLS[0] },
    ],
    [
      'a JSON body',
      {
        status: 403,
        headers: { 'x-oss-request-id': 'R' },
        body: JSON.stringify({
          Error: {
            Code: 'SignatureDoesNotMatch',
            Message: `Signature=${SIGNATURE}`,
            SignatureProvided: SIGNATURE,
            OSSAccessKeyId: AK_ID,
            StringToSign: STRING_TO_SIGN_V1,
            Nested: { SecurityToken: STS_TOKEN, Authorization: `OSS ${AK_ID}:${SIGNATURE}` },
          },
        }),
      },
    ],
    [
      'a flat JSON body',
      {
        status: 403,
        headers: { 'x-oss-error-type': 'AccessDeniedException' },
        body: JSON.stringify({ message: `denied for x-oss-security-token=${STS_TOKEN}`, token: STS_TOKEN }),
      },
    ],
    [
      'a truncated body (salvage path)',
      { status: 403, headers: {}, body: XML.slice(0, XML.indexOf('<EC>')) },
    ],
  ];

  it.each(inputs)('from %s: not in details, message, toJSON or util.inspect', (_, input) => {
    const details = parseOssError(input);
    expect(details).toBeDefined();
    expectNoSecret(outputs(details!));
  });

  it('keeps a short prefix of access key ids and says what was masked', () => {
    const details = parseOssError(inputs[0]![1])!;
    expect(details.fields.OSSAccessKeyId).toBe('LTAI5tFa****');
    expect(details.fields.SignatureProvided).toBe('****');
    expect(details.fields.StringToSign).toBe(
      'GET\\n\\n\\n1700000000\\nx-oss-security-token:****\\n/bucket/a.txt?security-token=****',
    );
    expect(details.url).toBe(
      'https://bucket.oss-cn-hangzhou.aliyuncs.com/a.txt?OSSAccessKeyId=LTAI5tFa****&Expires=1700000000&Signature=****&security-token=****',
    );
  });

  it('masks StringToSignBytes as bytes, so the hex still decodes to the masked StringToSign', () => {
    const details = parseOssError(inputs[0]![1])!;
    const decoded = String.fromCharCode(
      ...details.fields.StringToSignBytes!.split(' ').map((b) => Number.parseInt(b, 16)),
    );
    expect(decoded).toBe('GET\n\n\n1700000000\nx-oss-security-token:****\n/bucket/a.txt');
  });

  it('leaves the V4 presigned parameters that are not secret readable', () => {
    expect(maskUrl(URLS[1]!)).toBe(
      'https://bucket.oss-cn-hangzhou.aliyuncs.com/a.txt?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=LTAI5tFa****%2F20250101%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20250101T000000Z&x-oss-expires=3600&x-oss-signature=****&x-oss-security-token=****',
    );
    expect(maskUrl(URLS[2]!)).toMatch(/^https:\/\/\*\*\*\*@bucket/);
  });

  it('masks Authorization header values, V1 and V4', () => {
    expect(maskSecrets(`Authorization: OSS ${AK_ID}:${SIGNATURE}`)).toBe('Authorization: ****');
    const v4 = `authorization=OSS4-HMAC-SHA256 Credential=${AK_ID}/20250101/cn-hangzhou/oss/aliyun_v4_request,Signature=${V4_SIGNATURE}`;
    expect(maskSecrets(v4)).toBe('authorization=****');
  });

  it('leaves text without secrets alone', () => {
    const text = 'The request signature we calculated does not match the signature you provided.';
    expect(maskSecrets(text)).toBe(text);
  });
});

describe('an argument OSS echoes back', () => {
  // OSS names the argument it rejects and echoes its value: <ArgumentName>x-oss-signature</ArgumentName>
  // <ArgumentValue>…</ArgumentValue>. Rule: whatever secret name the argument has (any letter case), its
  // value is masked as a field of that name would be, and appears in no output.
  const SECRET_ARGUMENTS = [
    'Signature',
    'x-oss-signature',
    'X-Amz-Signature',
    'security-token',
    'x-oss-security-token',
    'SecurityToken',
    'AccessKeySecret',
    'OSSAccessKeyId',
    'x-oss-credential',
    'Authorization',
    'x-oss-callback',
    'callback-var',
  ];
  const caseOf = (name: string, flips: boolean[]) =>
    Array.from(name, (ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch.toLowerCase())).join('');
  // No `/`: a V4 credential keeps its scope after the first `/`, by design.
  const credential = fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9+]{15,60}$/), fc.integer({ min: 0, max: 9 }))
    .map(([text, digit]) => `${text}${digit}=`);

  it('is masked for every secret argument name, in every letter case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SECRET_ARGUMENTS),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        credential,
        (name, flips, value) => {
          const body = `<Error><Code>InvalidArgument</Code><Message>Invalid ${name}.</Message><ArgumentName> ${caseOf(name, flips)} </ArgumentName><ArgumentValue>${value}</ArgumentValue><RequestId>R</RequestId></Error>`;
          const details = parseOssError({ status: 400, body });
          expect(details?.fields.ArgumentValue).toBeDefined();
          for (const text of outputs(details!)) expect(text).not.toContain(value);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is kept when the argument holds no secret', () => {
    const details = parseOssError({
      status: 400,
      body: '<Error><Code>InvalidArgument</Code><ArgumentName>x-oss-storage-class</ArgumentName><ArgumentValue>Hot</ArgumentValue></Error>',
    });
    expect(details?.fields.ArgumentValue).toBe('Hot');
  });
});
