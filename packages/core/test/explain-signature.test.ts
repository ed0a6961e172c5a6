import { readOssFixtureFile } from '@oss-errors/fake-oss';
import { findLeaks, type PlantedSecrets, plantSecrets } from '@oss-errors/fake-oss/leaks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExplainResult, explain } from '../src/explain';

const secrets: PlantedSecrets = plantSecrets();
const DATE = 'Sat, 01 Jun 2024 08:00:00 GMT';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function hex(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) =>
    b.toString(16).toUpperCase().padStart(2, '0'),
  ).join(' ');
}

/** A SignatureDoesNotMatch answer as `curl -i` prints it, echoing what OSS signed. */
function mismatch(echo: {
  stringToSign?: string;
  canonicalRequest?: string;
  bytes?: boolean;
  keyField?: 'OSSAccessKeyId' | 'AWSAccessKeyId';
}): string {
  const fields: [string, string][] = [
    ['Code', 'SignatureDoesNotMatch'],
    ['Message', 'The request signature we calculated does not match the signature you provided.'],
    ['RequestId', '65A1C2D3E4F5061728394A5B'],
    [echo.keyField ?? 'OSSAccessKeyId', secrets.keyId],
    ['SignatureProvided', secrets.signature],
  ];
  if (echo.stringToSign !== undefined) {
    fields.push(['StringToSign', echo.stringToSign]);
    if (echo.bytes === true) fields.push(['StringToSignBytes', hex(echo.stringToSign)]);
  }
  if (echo.canonicalRequest !== undefined) fields.push(['CanonicalRequest', echo.canonicalRequest]);
  fields.push(['EC', '0002-00000040']);
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n${fields
    .map(([name, value]) => `  <${name}>${escapeXml(value)}</${name}>`)
    .join('\n')}\n</Error>\n`;
  return `HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nx-oss-request-id: 65A1C2D3E4F5061728394A5B\r\nx-oss-ec: 0002-00000040\r\n\r\n${body}`;
}

function compare(response: string, yours: string): ExplainResult {
  const result = explain(['response.txt', '--string-to-sign', 'mine.txt'], response, (file) => {
    expect(file).toBe('mine.txt');
    return yours;
  });
  expect(findLeaks(result.output, secrets)).toStrictEqual([]);
  expect(result.output).not.toMatch(/\n\s+at /);
  return result;
}

/** The lines naming the difference: what is printed after the first line. */
function difference(result: ExplainResult): string[] {
  expect(result.exitCode).toBe(0);
  return result.output.split('\n').slice(1);
}

const V1 = [
  'PUT',
  '',
  'text/plain',
  DATE,
  'x-oss-meta-owner:ops',
  `x-oss-security-token:${secrets.token}`,
  '/bucket/dir/a.txt',
];
const V4 = [
  'PUT',
  '/bucket/dir/a.txt',
  'acl=&x-oss-credential=' +
    encodeURIComponent(`${secrets.keyId}/20240601/cn-hangzhou/oss/aliyun_v4_request`),
  'content-type:text/plain',
  'x-oss-content-sha256:UNSIGNED-PAYLOAD',
  'x-oss-date:20240601T080000Z',
  `x-oss-security-token:${secrets.token}`,
  '',
  '',
  'UNSIGNED-PAYLOAD',
];
const V4_STRING = [
  'OSS4-HMAC-SHA256',
  '20240601T080000Z',
  '20240601/cn-hangzhou/oss/aliyun_v4_request',
  'a'.repeat(64),
];
const AWS4 = [
  'GET',
  '/bucket/a.txt',
  '',
  'host:bucket.oss-cn-hangzhou.aliyuncs.com',
  'x-amz-content-sha256:UNSIGNED-PAYLOAD',
  'x-amz-date:20240601T080000Z',
  '',
  'host;x-amz-content-sha256;x-amz-date',
  'UNSIGNED-PAYLOAD',
];
const AWS4_STRING = [
  'AWS4-HMAC-SHA256',
  '20240601T080000Z',
  '20240601/cn-hangzhou/s3/aws4_request',
  'b'.repeat(64),
];

describe('explain --string-to-sign', () => {
  it('V1: a Content-Type that the signer left out', () => {
    const response = mismatch({ stringToSign: V1.join('\n'), bytes: true });
    const yours = [...V1.slice(0, 2), '', ...V1.slice(3)].join('\n');
    const result = compare(response, yours);
    expect(result.output.split('\n')[0]).toBe(
      'Compared your text with the one OSS echoed: a V1 StringToSign, 7 lines at OSS, 7 in yours.',
    );
    expect(difference(result)).toStrictEqual([
      'First difference: line 3, Content-Type.',
      '  OSS signed: "text/plain\\n"',
      '  you signed: "\\n"',
      'Sign exactly the Content-Type the request sends: browsers, axios and fetch add one when the code sets none (text/plain;charset=UTF-8, application/x-www-form-urlencoded, …).',
    ]);
  });

  it('V1: an x-oss- header that OSS received and the signer did not sign; the token shows masked', () => {
    const response = mismatch({ stringToSign: V1.join('\n') });
    const yours = [...V1.slice(0, 4), ...V1.slice(5)].join('\n');
    expect(difference(compare(response, yours))).toStrictEqual([
      'First difference: line 5, OSS: the canonical header x-oss-meta-owner; yours: the canonical header x-oss-security-token.',
      '  OSS signed: "x-oss-meta-owner:ops\\n"',
      '  you signed: "x-oss-security-token:****\\n"',
      'OSS received the header x-oss-meta-owner, which your text does not sign: sign every header OSS signs (Content-Type, Content-MD5, every x-oss-* header, V4 additional headers), lower case and sorted, also those a client adds itself.',
    ]);
  });

  it('V1: a header the signer signed that OSS never received', () => {
    const response = mismatch({ stringToSign: [...V1.slice(0, 4), ...V1.slice(5)].join('\n') });
    const lines = difference(compare(response, V1.join('\n')));
    expect(lines[0]).toBe(
      'First difference: line 5, OSS: the canonical header x-oss-security-token; yours: the canonical header x-oss-meta-owner.',
    );
    expect(lines[3]).toMatch(/^Your text signs the header x-oss-meta-owner, which OSS did not receive/);
  });

  it('V1: a wrong resource path', () => {
    const response = mismatch({ stringToSign: V1.join('\n'), bytes: true });
    const yours = [...V1.slice(0, -1), '/bucket/dir/b.txt'].join('\n');
    expect(difference(compare(response, yours))).toStrictEqual([
      'First difference: line 7, the canonical resource.',
      '  OSS signed: "/bucket/dir/a.txt"   (no line ending)',
      '  you signed: "/bucket/dir/b.txt"   (no line ending)',
      'Check the bucket name, the encoding of the object key, and the sub-resources (?acl, ?uploadId=…, response-* parameters): the resource must match the request URL.',
    ]);
  });

  it('V1 presigned: Expires, and CRLF where OSS has LF', () => {
    const presigned = ['GET', '', '', '1717230000', '/bucket/a.txt'];
    const response = mismatch({ stringToSign: presigned.join('\n'), bytes: true });
    const crlf = difference(compare(response, presigned.join('\r\n')));
    expect(crlf.slice(0, 3)).toStrictEqual([
      'First difference: line 1, the HTTP method.',
      '  OSS signed: "GET\\n"',
      '  you signed: "GET\\r\\n"',
    ]);
    expect(crlf[3]).toMatch(/^The line endings differ: OSS signs with LF \(\\n\) only/);
    const expires = difference(
      compare(response, [...presigned.slice(0, 3), '1717230060', presigned[4]].join('\n')),
    );
    expect(expires[0]).toBe('First difference: line 4, Expires (a presigned URL).');
  });

  it('a trailing line break counts, and is shown', () => {
    const response = mismatch({ stringToSign: V1.join('\n'), bytes: true });
    expect(difference(compare(response, `${V1.join('\n')}\n`))).toStrictEqual([
      'First difference: line 7, the canonical resource.',
      '  OSS signed: "/bucket/dir/a.txt"   (no line ending)',
      '  you signed: "/bucket/dir/a.txt\\n"',
      "One text ends with a line break the other does not have. If your signer does not add it, the file got it when saved (echo, an editor): write it with printf '%s'.",
    ]);
  });

  it('equal texts: exit code 1, printed on standard output, and the secret is what is wrong', () => {
    const result = compare(mismatch({ stringToSign: V1.join('\n'), bytes: true }), V1.join('\n'));
    expect(result.exitCode).toBe(1);
    expect(result.stream).toBe('stdout');
    expect(result.output).toMatch(
      /\nThey are identical, so the string is right and the signature was computed with another secret: check that the AccessKey secret belongs to the AccessKey ID LTAI\w{0,8}\*{4} /,
    );
  });

  it('a difference inside a token: named, both sides masked', () => {
    const other = [...V1.slice(0, 5), `x-oss-security-token:${plantSecrets().token}`, V1[6]].join('\n');
    const lines = difference(compare(mismatch({ stringToSign: V1.join('\n') }), other));
    expect(lines.slice(0, 3)).toStrictEqual([
      'First difference: line 6, the canonical header x-oss-security-token.',
      '  OSS signed: "x-oss-security-token:****\\n"',
      '  you signed: "x-oss-security-token:****\\n"',
    ]);
    expect(lines[3]).toMatch(/^The difference is inside a masked value/);
  });

  it('a response that was masked before it was saved: masked values compare as equal', () => {
    const masked = [...V1.slice(0, 5), 'x-oss-security-token:****', V1[6]].join('\n');
    const result = compare(mismatch({ stringToSign: masked }), V1.join('\n'));
    expect(result.exitCode).toBe(1);
    const wrongPath = compare(mismatch({ stringToSign: masked }), [...V1.slice(0, 6), '/other'].join('\n'));
    expect(difference(wrongPath)[0]).toBe('First difference: line 7, the canonical resource.');
  });

  it('V4: a missing content-type line in the canonical request', () => {
    const response = mismatch({ stringToSign: V4_STRING.join('\n'), canonicalRequest: V4.join('\n') });
    const result = compare(response, [...V4.slice(0, 3), ...V4.slice(4)].join('\n'));
    expect(result.output.split('\n')[0]).toBe(
      'Compared your text with the one OSS echoed: a V4 (OSS4-HMAC-SHA256) canonical request, 10 lines at OSS, 9 in yours.',
    );
    expect(difference(result).slice(0, 3)).toStrictEqual([
      'First difference: line 4, OSS: the canonical header content-type; yours: the canonical header x-oss-content-sha256.',
      '  OSS signed: "content-type:text/plain\\n"',
      '  you signed: "x-oss-content-sha256:UNSIGNED-PAYLOAD\\n"',
    ]);
  });

  it('V4: the query, the additional headers and the payload hash are named', () => {
    const response = mismatch({ canonicalRequest: V4.join('\n') });
    const at = (i: number, value: string) => V4.map((line, j) => (j === i ? value : line)).join('\n');
    expect(difference(compare(response, at(2, 'acl')))[0]).toBe(
      'First difference: line 3, the canonical query string.',
    );
    expect(difference(compare(response, at(8, 'host')))[0]).toBe(
      'First difference: line 9, the additional header names.',
    );
    expect(difference(compare(response, at(9, 'e3b0c442')))).toContain(
      'Sign the x-oss-content-sha256 value the request sends (UNSIGNED-PAYLOAD unless the body is hashed).',
    );
  });

  it("V4: a StringToSign compared with OSS's; a differing hash points to the canonical requests", () => {
    const response = mismatch({ stringToSign: V4_STRING.join('\n'), canonicalRequest: V4.join('\n') });
    const hash = difference(compare(response, [...V4_STRING.slice(0, 3), 'c'.repeat(64)].join('\n')));
    expect(hash[0]).toBe('First difference: line 4, the hash of the canonical request.');
    expect(hash[3]).toMatch(
      /^The canonical requests differ: compare yours with the CanonicalRequest OSS echoed/,
    );
    const scope = difference(
      compare(
        response,
        [V4_STRING[0], V4_STRING[1], '20240601/oss-cn-hangzhou/oss/aliyun_v4_request', V4_STRING[3]].join(
          '\n',
        ),
      ),
    );
    expect(scope[0]).toBe('First difference: line 3, the scope (date/region/oss/aliyun_v4_request).');
    expect(scope[3]).toMatch(/region id \(cn-hangzhou, not oss-cn-hangzhou\)/);
  });

  it('S3-style V2 (AWSAccessKeyId): read from StringToSignBytes, since the text lost its line breaks', () => {
    const response = readOssFixtureFile('SignatureDoesNotMatch.s3-compat-AWSAccessKeyId.xml');
    const right =
      'GET\n\n\n1708795817\n/filebox-woolio/filebox-woolio/share/data/2024/02/25/7316ceba652e43159ecfa9f69d634672.webp';
    const equal = explain(['r', '--status', '403', '--string-to-sign', 'f'], response, () => right);
    expect(equal.exitCode).toBe(1);
    expect(equal.output).toMatch(
      /^Compared your text with the one OSS echoed: an S3-compatible V2 StringToSign, 5 lines/,
    );
    const wrong = explain(['r', '--string-to-sign', 'f'], response, () =>
      right.replace('/filebox-woolio/', '/testexample/'),
    );
    expect(difference(wrong)[0]).toBe('First difference: line 5, the canonical resource.');
  });

  it('S3-style V4 (AWS4-HMAC-SHA256): canonical request and StringToSign', () => {
    const response = mismatch({
      stringToSign: AWS4_STRING.join('\n'),
      canonicalRequest: AWS4.join('\n'),
      keyField: 'AWSAccessKeyId',
    });
    const request = compare(
      response,
      AWS4.map((line) => (line.startsWith('x-amz-date') ? 'x-amz-date:20240601T080001Z' : line)).join('\n'),
    );
    expect(request.output.split('\n')[0]).toMatch(/an AWS4-HMAC-SHA256 canonical request, 9 lines at OSS/);
    expect(difference(request)[0]).toBe('First difference: line 6, the canonical header x-amz-date.');
    expect(difference(request)[3]).toMatch(/^The value of x-amz-date differs: sign it exactly as sent/);
    const signed = compare(response, AWS4.map((line, i) => (i === 7 ? 'host;x-amz-date' : line)).join('\n'));
    expect(difference(signed)[0]).toBe('First difference: line 8, the signed header names.');
    const string = compare(
      response,
      [AWS4_STRING[0], '20240601T080001Z', ...AWS4_STRING.slice(2)].join('\n'),
    );
    expect(string.output.split('\n')[0]).toMatch(/an AWS4-HMAC-SHA256 StringToSign/);
    expect(difference(string)[0]).toBe('First difference: line 2, the request time (X-Amz-Date).');
  });

  it('the shared documentation sample: the bytes win over the text, whose \\n are two characters', () => {
    const response = readOssFixtureFile('SignatureDoesNotMatch.doc-0002-00000040.xml');
    const result = explain(
      ['r', '--string-to-sign', 'f'],
      response,
      () => 'PUT\\n\\n\\nTue, 23 May 2023 15:24:55 GMT\\n/bucket/?acl',
    );
    expect(difference(result).slice(0, 3)).toStrictEqual([
      'First difference: line 5, the canonical resource.',
      '  OSS signed: "/dinary/?acl"   (no line ending)',
      '  you signed: "/bucket/?acl"   (no line ending)',
    ]);
  });

  it('says when there is nothing to compare, and never prints a stack trace', () => {
    const cases: [string, string, 0 | 1 | 2, RegExp][] = [
      [
        readOssFixtureFile('SignatureDoesNotMatch.go-v2-mock.xml'),
        'GET',
        2,
        /holds no StringToSign or CanonicalRequest/,
      ],
      [mismatch({ stringToSign: V4_STRING.join('\n') }), 'PUT\n/b', 2, /OSS echoed only its V4 StringToSign/],
      ['<html>502</html>', 'GET', 1, /no OSS error found/],
    ];
    for (const [response, yours, exitCode, message] of cases) {
      const result = compare(response, yours);
      expect(result.exitCode).toBe(exitCode);
      expect(result.output).toMatch(message);
    }
    const unreadable = explain(
      ['r', '--string-to-sign', 'missing.txt'],
      mismatch({ stringToSign: 'GET' }),
      () => {
        throw new Error('ENOENT: no such file or directory');
      },
    );
    expect(unreadable).toMatchObject({
      exitCode: 2,
      output: expect.stringMatching(/cannot read missing\.txt: ENOENT/),
    });
    for (const args of [
      ['--string-to-sign'],
      ['--string-to-sign', '-'],
      ['-', '--string-to-sign', '-'],
      ['r', '--string-to-sign', 'f', '--json'],
      ['a', 'b'],
    ]) {
      expect(explain(args, mismatch({ stringToSign: 'GET' }), () => 'GET').exitCode).toBe(2);
    }
  });

  it('names the first line that differs, for any V1 text and any one changed line', () => {
    const line = fc.stringMatching(/^[ -~]{0,30}$/);
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 5, maxLength: 9 }),
        fc.nat(),
        fc.constantFrom('text', 'crlf', 'token'),
        (lines, pick, change) => {
          const theirs = lines.join('\n');
          const at = pick % lines.length;
          const yoursLines = [...lines];
          if (change === 'text') yoursLines[at] = `${lines[at]}~`;
          if (change === 'token') yoursLines[at] = `x-oss-security-token:${secrets.token}`;
          const yours =
            change === 'crlf' && at < lines.length - 1
              ? `${yoursLines.slice(0, at + 1).join('\n')}\r\n${yoursLines.slice(at + 1).join('\n')}`
              : yoursLines.join('\n');
          const result = compare(mismatch({ stringToSign: theirs, bytes: true }), yours);
          if (yours === theirs) {
            expect(result.exitCode).toBe(1);
            return;
          }
          expect(result.exitCode).toBe(0);
          expect(result.output.split('\n')[1]).toMatch(new RegExp(`^First difference: line ${at + 1}, `));
        },
      ),
      { numRuns: 300 },
    );
  });
});
