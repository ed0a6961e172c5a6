import { readdirSync } from 'node:fs';
import { parseOssError } from '@oss-errors/core';
import { loadOssFixtures, readOssFixtureFile } from '@oss-errors/fake-oss';
import { findLeaks, plantSecrets } from '@oss-errors/fake-oss/leaks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/explain';
import { EC_CATEGORIES, ecCategory } from '../src/explain/ec-categories';

function curlDump(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  eol = '\r\n',
): string {
  const head = [`HTTP/1.1 ${status} Whatever`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${head.join(eol)}${eol}${eol}${body}`;
}

// What each file of the shared sample folder, pasted as it is, should give.
const NOT_AN_OSS_ERROR: Record<string, string> = {
  'BadRequestException.json-v2-x-oss-error-type.json': 'a flat JSON body alone: its code is in a header',
  'CallbackFailed.203.headers.txt': 'the headers of a 203 without its body: a 2xx with no <Error> document',
  'Gateway-Tengine-400.no-body.headers.txt': 'a gateway answer: no <Error> document, no x-oss-request-id',
  'SOURCES.md': 'prose',
};

describe('oss-errors explain', () => {
  const folder = new URL('../../fake-oss/fixtures/oss-errors/', import.meta.url);
  const files = readdirSync(folder);

  it.each(files)('handles the shared file %s as pasted', (file) => {
    const result = explain([], readOssFixtureFile(file));
    if (file in NOT_AN_OSS_ERROR) {
      expect(result.exitCode, NOT_AN_OSS_ERROR[file]).toBe(1);
      expect(result.output).toMatch(/^oss-errors explain: no OSS error found in the input/);
      expect(result.output).not.toMatch(/\n\s+at /);
    } else {
      expect(result.exitCode).toBe(0);
      expect(result.output).toMatch(/^Code: +\S/);
      expect(result.output).toMatch(/\nRequest ID: /);
    }
  });

  it.each(loadOssFixtures().map((f) => [f.name, f] as const))('reads %s as curl -i output', (_, fixture) => {
    const details = parseOssError({ status: fixture.status, headers: fixture.headers, body: fixture.body });
    const dump = curlDump(fixture.status, fixture.headers, fixture.body);
    const result = explain(['--json'], dump);
    if (details === undefined) {
      expect(result.exitCode).toBe(1);
      return;
    }
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.output)).toStrictEqual(JSON.parse(JSON.stringify(details)));
    const text = explain([], dump).output;
    expect(text).toContain(`Code:`);
    expect(text).toContain(details.code);
    expect(text).toMatch(new RegExp(`\\nStatus: +${details.status} \\(`));
    expect(text).toMatch(/Retry: +(may help|will not help)/);
    // The hint, wrapped under its column, and the EC's category when OSS's list has it.
    const hint = /\nHint: +([\s\S]*?)\n(?=\S)/.exec(text)?.[1]?.replace(/\n +/g, ' ');
    expect(hint).toBe(details.hint);
    if (details.ec !== undefined) {
      const category = ecCategory(details.ec);
      expect(/\nEC: +(.*)\n/.exec(text)?.[1]).toBe(
        `${details.ec}   ${category === undefined ? '' : `${category} `}(for diagnosis only; it may change)`,
      );
    }
  });

  it('prints the fields a person needs, in a fixed layout', () => {
    const fixture = loadOssFixtures().find((f) => f.name === 'NoSuchKey.HEAD-404.headers.txt')!;
    expect(explain([], curlDump(404, fixture.headers, '')).output).toBe(
      [
        'Code:         NoSuchKey',
        'Message:      The specified key does not exist.',
        'Request ID:   6556E3AED11E553933CCDEDF   <- quote this to Alibaba Cloud support',
        'EC:           0026-00000001   26-FS: file system and objects (for diagnosis only; it may change)',
        'Troubleshoot: https://api.aliyun.com/troubleshoot?q=0026-00000001',
        'Hint:         No object "walker2asdasdasd.txt" exists: check the key\'s spelling, case, leading "/"',
        '              and URL-encoding (once, not twice); with versioning, the latest version may be a',
        '              delete marker.',
        'Status:       404 (client side: the request)',
        'Retry:        will not help: change the request first',
        'Host:         demo-walker-6961.oss-cn-hangzhou.aliyuncs.com',
        'Key:          walker2asdasdasd.txt',
        'Read from:    the x-oss-err header (base64 error document)',
      ].join('\n'),
    );
  });

  it('keeps the last response of a curl -i dump (100 Continue, redirects) and accepts LF line ends', () => {
    const body =
      '<Error><Code>ServiceUnavailable</Code><Message>busy</Message><RequestId>R</RequestId></Error>';
    const dump = `HTTP/1.1 100 Continue\n\nHTTP/1.1 503 Service Unavailable\nx-oss-request-id: R\n\n${body}`;
    const result = explain([], dump);
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('Status:       503 (server side: OSS)');
    expect(result.output).toContain('Retry:        may help');
  });

  it('takes --status for a bare body, and says what it cannot know without it', () => {
    const body = '<Error><Code>AccessDenied</Code><Message>no</Message></Error>';
    expect(explain([], body).output).toContain('Status:       unknown (pass --status <code>');
    expect(explain(['--status', '403'], body).output).toContain(
      'Status:       403 (client side: the request)',
    );
    const json = JSON.parse(explain(['--json'], body).output) as Record<string, unknown>;
    expect(json).toMatchObject({ code: 'AccessDenied', status: null, fault: null, retryable: null });
  });

  it('masks secrets in what it prints', () => {
    const token = `CAIS${'x9'.repeat(30)}`;
    const body = `<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>c2lnbmF0dXJl</SignatureProvided><StringToSign>GET\\n/b/k?security-token=${token}</StringToSign></Error>`;
    for (const args of [[], ['--json']]) {
      const output = explain(args, curlDump(403, { 'x-oss-request-id': 'R' }, body)).output;
      expect(output).not.toContain(token);
      expect(output).not.toContain('c2lnbmF0dXJl');
    }
  });

  it('names the category of every EC prefix on the OSS list, and prints only the EC for any other', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4}$/), fc.stringMatching(/^\d{8}$/), (prefix, serial) => {
        const ec = `${prefix}-${serial}`;
        const output = explain(
          ['--status', '403'],
          `<Error><Code>AccessDenied</Code><EC>${ec}</EC></Error>`,
        ).output;
        const two = prefix.slice(2);
        const known = prefix.startsWith('00') && Object.hasOwn(EC_CATEGORIES, two);
        expect(output.split('\n').find((line) => line.startsWith('EC:'))).toBe(
          `EC:           ${ec}   ${known ? `${two}-${EC_CATEGORIES[two]} ` : ''}(for diagnosis only; it may change)`,
        );
        // Diagnosis only: nothing else in the output depends on the EC.
        const other = explain(
          ['--status', '403'],
          '<Error><Code>AccessDenied</Code><EC>0002-00000040</EC></Error>',
        );
        const withoutEc = (text: string) =>
          text.split('\n').filter((line) => !/^(EC|Troubleshoot):/.test(line));
        expect(withoutEc(output)).toStrictEqual(withoutEc(other.output));
      }),
      { numRuns: 300 },
    );
  });

  it('knows the 44 categories of the OSS "EC error codes" page', () => {
    expect(Object.keys(EC_CATEGORIES).sort()).toStrictEqual(
      '01 02 03 04 05 06 07 10 11 12 13 14 15 16 17 18 19 20 21 24 25 26 27 28 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 46 48 53 56 61'.split(
        ' ',
      ),
    );
    expect(ecCategory('0002-00000040')).toBe('02-AUTH: authentication and signatures');
    expect(ecCategory('0003-00000201')).toBe('03-ACCESS_CONTROL: access control (policies, ACLs)');
    expect(ecCategory('0015-00000101')).toBe('15-BUCKET: buckets');
    expect(ecCategory('0016-00000502')).toBe('16-OBJECT: objects');
    expect(ecCategory('0026-00000001')).toBe('26-FS: file system and objects');
    expect(ecCategory('0042-00000001')).toBe('42-MULTIPART: multipart upload');
    for (const unknown of ['0099-00000001', '1002-00000040', '0002', 'x', '', '0002-0000004O']) {
      expect(ecCategory(unknown)).toBeUndefined();
    }
  });

  it('prints no planted secret, in text or --json, whatever form the response came in', () => {
    const secrets = plantSecrets();
    const xml = `<Error><Code>SignatureDoesNotMatch</Code><RequestId>R</RequestId><OSSAccessKeyId>${secrets.keyId}</OSSAccessKeyId><SignatureProvided>${secrets.signature}</SignatureProvided><StringToSign>GET\n\n\n1\n/b/k?security-token=${secrets.token}</StringToSign><Authorization>OSS ${secrets.keyId}:${secrets.signature}</Authorization></Error>`;
    const base64 = Buffer.from(xml).toString('base64');
    const inputs = [
      curlDump(403, { 'x-oss-request-id': 'R' }, xml),
      curlDump(403, { 'x-oss-request-id': 'R', 'x-oss-err': base64 }, ''),
      base64,
      xml,
      JSON.stringify({
        Error: {
          Code: 'AccessDenied',
          Message: `security-token=${secrets.token}`,
          HostId: `x-oss-credential=${secrets.keyId}`,
        },
      }),
    ];
    for (const input of inputs) {
      for (const args of [['--status', '403'], ['--json']]) {
        const result = explain(args, input);
        expect(result.exitCode).toBe(0);
        expect(findLeaks(result.output, secrets)).toStrictEqual([]);
      }
    }
  });

  it('answers garbage and bad usage with a message and a non-zero exit, never a stack trace', () => {
    const cases: [string[], string, number, RegExp][] = [
      [[], '', 2, /the input is empty/],
      [[], '   \n ', 2, /the input is empty/],
      [['--nope'], '<Error/>', 2, /unknown option --nope/],
      [['--status', 'abc'], '<Error/>', 2, /--status takes an HTTP status/],
      [[], '\u0000\u0001\u0002 binary junk \uFFFD', 1, /no OSS error found/],
      [[], '<html><body>502 Bad Gateway</body></html>', 1, /no OSS error found/],
      [[], 'HTTP/1.1 200 OK\r\nx-oss-request-id: R\r\n\r\nhello', 1, /no OSS error found/],
      [[], '{"message": "Invalid table bucket operation."}', 1, /x-oss-error-type/],
    ];
    for (const [args, input, exitCode, message] of cases) {
      const result = explain(args, input);
      expect(result.exitCode).toBe(exitCode);
      expect(result.output).toMatch(message);
      expect(result.output).not.toMatch(/\n\s+at /);
    }
  });
});
