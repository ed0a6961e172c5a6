import { readFileSync } from 'node:fs';
import { type OssResponseLike, parseOssError } from '@oss-errors/core';
import { loadOssFixtures } from '@oss-errors/fake-oss';
import { findLeaks, type PlantedSecrets, plantSecrets, withSecrets } from '@oss-errors/fake-oss/leaks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/explain';

// chromium.har and firefox.har are written by hand after the HAR 1.2 spec and what each browser adds or
// leaves out (Chromium: `_initiator`, `_resourceType`, `_transferSize`, `_error` with status 0 for a blocked
// request, HTTP/2 header names in lower case; Firefox's har-builder.js: `_securityState`, `content.comment`
// instead of `text` when bodies were not saved, `encoding: "base64"` for binary bodies, status 0 when aborted).
// Credentials are `{{PLACEHOLDERS}}` filled in at run time.
function har(name: string): { text: string; secrets: PlantedSecrets } {
  const secrets = plantSecrets();
  return {
    text: withSecrets(readFileSync(new URL(`./har/${name}`, import.meta.url), 'utf8'), secrets),
    secrets,
  };
}

function blocks(output: string): string[] {
  return output.split(/\n\n(?=== )/);
}

describe('explain on a HAR file', () => {
  it('Chromium: every OSS error entry in order, one block each with its method and masked URL', () => {
    const { text, secrets } = har('chromium.har');
    const result = explain([], text);
    expect(result.exitCode).toBe(0);
    expect(findLeaks(result.output, secrets)).toStrictEqual([]);
    const [signature, head, base64, append] = blocks(result.output);
    expect(signature).toMatch(
      /^== Entry 2 of 7: GET https:\/\/examplebucket\.oss-cn-hangzhou\.aliyuncs\.com\/photos\/cat\.jpg\?OSSAccessKeyId=LTAI\w{0,8}\*{4}&Expires=1700000000&Signature=\*{4}&security-token=\*{4}\nCode: +SignatureDoesNotMatch\n/,
    );
    expect(signature).toMatch(
      /\nEC: +0002-00000040 {3}02-AUTH: authentication and signatures \(for diagnosis only/,
    );
    expect(signature).toMatch(
      /\nStringToSign: +GET\\n\\n\\n1700000000\\n\/examplebucket\/photos\/cat\.jpg\?security-token=\*{4}\n/,
    );
    expect(head).toMatch(
      /^== Entry 4 of 7: HEAD https:\/\/examplebucket\.oss-cn-hangzhou\.aliyuncs\.com\/avatars\/42\.png\nCode: +NoSuchKey\n/,
    );
    expect(head).toMatch(/\nRead from: +the x-oss-err header/);
    expect(base64).toMatch(/^== Entry 5 of 7: GET \S+\/uploads\/missing\.png\nCode: +NoSuchKey\n/);
    expect(base64).toMatch(/\nKey: +uploads\/missing\.png\n/);
    expect(append).toMatch(
      /^== Entry 7 of 7: POST \S+\/logs\/app\.log\?append&position=0\nCode: +PositionNotEqualToLength\n/,
    );
    expect(append).toMatch(/\nHint: +Append at position 1717, the object's current length/);
    expect(append).toMatch(
      /\n\n4 OSS errors in 7 entries\. 1 entry has no response \(status 0\): the browser blocked or aborted it, for OSS most often because no CORS rule matches/,
    );
  });

  it('Firefox: base64 bodies, bodies left out of the export, aborted requests', () => {
    const { text, secrets } = har('firefox.har');
    const result = explain([], text);
    expect(result.exitCode).toBe(0);
    expect(findLeaks(result.output, secrets)).toStrictEqual([]);
    const [skew, noBody, callback] = blocks(result.output);
    expect(skew).toMatch(/^== Entry 1 of 5: PUT \S+\/uploads\/photo\.jpg\nCode: +RequestTimeTooSkewed\n/);
    expect(skew).toMatch(/\nHint: +The signing clock is 20 min behind OSS's \(15 min allowed\)/);
    expect(noBody).toMatch(
      /^== Entry 2 of 5: GET \S+\/private\/data\.json\?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=LTAI\w{0,8}\*{4}%2F20240601%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20240601T080000Z&x-oss-expires=3600&x-oss-signature=\*{4}&x-oss-security-token=\*{4}\nNote: +the HAR file holds no body for this entry; export it with response content to see the OSS code\.\nCode: +Forbidden\n/,
    );
    expect(callback).toMatch(/^== Entry 4 of 5: POST \S+\/uploads\/avatar\.png\nCode: +CallbackFailed\n/);
    expect(callback).toMatch(/\nHint: +The object WAS stored; only the callback failed/);
    expect(callback).toMatch(/\nStatus: +203 /);
    expect(callback).toMatch(/\n\n3 OSS errors in 5 entries\. 1 entry has no response/);
  });

  it('--json: an array of the details, in order', () => {
    for (const [file, codes] of [
      ['chromium.har', ['SignatureDoesNotMatch', 'NoSuchKey', 'NoSuchKey', 'PositionNotEqualToLength']],
      ['firefox.har', ['RequestTimeTooSkewed', 'Forbidden', 'CallbackFailed']],
    ] as const) {
      const { text, secrets } = har(file);
      const result = explain(['--json'], text);
      expect(result.exitCode).toBe(0);
      expect(findLeaks(result.output, secrets)).toStrictEqual([]);
      const details = JSON.parse(result.output) as { code: string; method: string; url: string }[];
      expect(details.map((d) => d.code)).toStrictEqual(codes);
      for (const d of details)
        expect(d.url).toMatch(/^https:\/\/examplebucket\.oss-cn-hangzhou\.aliyuncs\.com\//);
    }
  });

  it('a HAR without OSS errors, one cut short, and options that take one response', () => {
    const empty = {
      log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries: [] },
    };
    expect(explain([], JSON.stringify(empty))).toStrictEqual({
      exitCode: 1,
      output: 'oss-errors explain: no OSS error found in the HAR file (0 entries).',
    });
    const { text } = har('chromium.har');
    const cut = explain([], text.slice(0, 5000));
    expect(cut.exitCode).toBe(1);
    expect(cut.output).toMatch(
      /^oss-errors explain: no OSS error found in the input: it looks like a HAR file but is not valid JSON/,
    );
    expect(explain(['--status', '403'], text)).toMatchObject({
      exitCode: 2,
      output: expect.stringMatching(/--status takes one response/),
    });
    expect(explain(['r', '--string-to-sign', 'f'], text, () => 'GET').exitCode).toBe(2);
    // A JSON error body is not a HAR file, even with a "log" key.
    expect(explain(['--status', '404'], '{"Error":{"Code":"NoSuchKey","log":"x"}}').output).toMatch(
      /^Code: +NoSuchKey/,
    );
  });

  it('reads base64 that an old Firefox wrote without saying so, and ignores a __proto__ header', () => {
    const body = '<Error><Code>NoSuchBucket</Code><BucketName>b</BucketName></Error>';
    const entry = {
      request: { method: 'GET', url: 'https://b.oss-cn-hangzhou.aliyuncs.com/' },
      response: {
        status: 404,
        headers: [
          { name: '__proto__', value: 'x' },
          { name: 'x-oss-request-id', value: 'R1' },
          { name: 'x-oss-request-id', value: 'R2' },
        ],
        content: { mimeType: 'application/xml', text: btoa(body) },
      },
    };
    const result = explain(['--json'], JSON.stringify({ log: { entries: [entry] } }));
    expect(JSON.parse(result.output)).toMatchObject([{ code: 'NoSuchBucket', requestId: 'R1, R2' }]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  // The rule: for any list of entries, `--json` gives parseOssError's details of every entry that is an OSS
  // error, in order, whatever shape the export gave the body (text, base64, left out) and the headers.
  it('gives, for any HAR, the details of exactly the OSS error entries, in order', () => {
    const pool: OssResponseLike[] = [
      ...loadOssFixtures().map((f) => ({
        status: f.status,
        headers: f.headers,
        body: f.body,
        method: f.method,
      })),
      { status: 200, headers: { 'content-type': 'text/plain' }, body: 'hello', method: 'GET' },
      { status: 502, headers: { server: 'Tengine' }, body: '<html>502</html>', method: 'GET' },
      { status: 0, headers: {}, body: '', method: 'PUT' },
    ];
    const entry = fc.record({
      response: fc.constantFrom(...pool),
      body: fc.constantFrom('text', 'base64', 'missing'),
      lowerCase: fc.boolean(),
      path: fc.stringMatching(/^[a-z0-9/._-]{0,20}$/),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const log = {
          log: {
            version: '1.2',
            creator: { name: 'WebInspector', version: '537.36' },
            entries: entries.map(({ response, body, lowerCase, path }) => ({
              request: {
                method: response.method,
                url: `https://b.oss-cn-hangzhou.aliyuncs.com/${path}`,
                headers: [],
              },
              response: {
                status: response.status,
                headers: Object.entries(response.headers as Record<string, string>).map(([name, value]) => ({
                  name: lowerCase ? name.toLowerCase() : name,
                  value,
                })),
                content:
                  body === 'missing'
                    ? { size: -1, mimeType: 'application/xml', comment: 'Response bodies are not included.' }
                    : body === 'base64'
                      ? {
                          size: 1,
                          mimeType: 'application/xml',
                          encoding: 'base64',
                          text: Buffer.from(String(response.body)).toString('base64'),
                        }
                      : { size: 1, mimeType: 'application/xml', text: response.body },
              },
            })),
          },
        };
        const expected = entries.flatMap(({ response, body, path }) => {
          const details = parseOssError({
            ...response,
            body: body === 'missing' ? '' : response.body,
            url: `https://b.oss-cn-hangzhou.aliyuncs.com/${path}`,
          });
          return details === undefined || response.status < 100 ? [] : [details];
        });
        const result = explain(['--json'], JSON.stringify(log));
        if (expected.length === 0) {
          expect(result.exitCode).toBe(1);
          return;
        }
        expect(result.exitCode).toBe(0);
        expect(JSON.parse(result.output)).toStrictEqual(JSON.parse(JSON.stringify(expected)));
      }),
      { numRuns: 150 },
    );
  });
});
