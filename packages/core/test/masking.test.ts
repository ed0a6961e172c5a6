import { randomBytes } from 'node:crypto';
import { OssError, parseOssError } from '@oss-errors/core';
import {
  defineLogSafeStack,
  hideFields,
  logSafeStack,
  maskJson,
  maskSecrets,
  maskUrl,
  rewriteLogSafeStack,
} from '@oss-errors/core/adapter';
import { CAUSE_AS_IS, findLeaks, logOutputs } from '@oss-errors/fake-oss/leaks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANY_WORD, ASSIGNMENT_WORDS, HEADER_WORDS, maskField } from '../src/secrets';

// Credentials are made up at run time (a hook rejects tracked text shaped like a real key).
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (chars: number[]) => chars.map((i) => ALNUM[i % ALNUM.length]).join('');
const longTermId = fc.array(fc.nat(), { minLength: 20, maxLength: 26 }).map((c) => `LTAI${alnum(c)}`);
const stsId = fc.array(fc.nat(), { minLength: 20, maxLength: 30 }).map((c) => `STS.${alnum(c)}`);
const keyId = fc.oneof(longTermId, stsId);
// V1 and V2 signatures: base64 of a 20- or 32-byte HMAC, so always padded with `=`.
const base64Secret = fc
  .oneof(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.uint8Array({ minLength: 32, maxLength: 32 }))
  .map((b) => Buffer.from(b).toString('base64'));
const hexSecret = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const stsToken = fc
  .uint8Array({ minLength: 60, maxLength: 200 })
  .map((b) => `CAIS${Buffer.from(b).toString('base64')}`);
const signature = fc.oneof(base64Secret, hexSecret);

const NAMES = [
  'Signature',
  'signature',
  'x-oss-signature',
  'X-Amz-Signature',
  'SignatureProvided',
  'security-token',
  'x-oss-security-token',
  'X-Amz-Security-Token',
  'SecurityToken',
  'AccessKeySecret',
  'callback',
  'callback-var',
  'x-oss-callback',
  'x-oss-callback-var',
  'OSSAccessKeyId',
  'AWSAccessKeyId',
  'AccessKeyId',
  'x-oss-access-key-id',
  'x-oss-credential',
  'X-Amz-Credential',
  'Credential',
  'Authorization',
  'Proxy-Authorization',
  'Cookie',
  'password',
];

/** Text built from the pieces masking cares about, joined in any order: labels, separators, values, noise. */
const fragment = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.constantFrom('=', ':', ': ', ' ', '\t', '"', "'", '":"', "': '", '"\r\n\r\n', ' = ', '&', '?', ','),
  fc.constantFrom('\n', '\\n', '/', '%2F', '*', '****', '@', '://', 'https://', 'user:pw@', '.', '-', '_'),
  fc.constantFrom('OSS ', 'AWS ', 'OSS2 ', 'OSS4-HMAC-SHA256 ', 'Bearer ', 'Basic ', 'STS.', 'LTAI', 'CAIS'),
  fc.constantFrom('the signature you provided', 'Error status : 301.', 'GET\n\n\n1700000000\n/bucket/a.txt'),
  keyId,
  signature,
  stsToken,
  fc.string({ maxLength: 12 }),
);
const maskable = fc.array(fragment, { maxLength: 24 }).map((parts) => parts.join(''));

describe('masking is idempotent', () => {
  it('maskSecrets and maskUrl: masking a masked text changes nothing', () => {
    fc.assert(
      fc.property(maskable, (text) => {
        const once = maskSecrets(text);
        expect(maskSecrets(once)).toBe(once);
        expect(maskUrl(maskUrl(text))).toBe(maskUrl(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('maskField, for every field name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES, 'StringToSign', 'StringToSignBytes', 'Message', 'Detail.x'),
        maskable,
        (name, value) => {
          const once = maskField(name, value);
          expect(maskField(name, once)).toBe(once);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('maskJson', () => {
    const json = fc.dictionary(
      fc.constantFrom(...NAMES, 'url', 'data', 'note'),
      fc.oneof(maskable, fc.integer()),
    );
    fc.assert(
      fc.property(fc.record({ headers: json, params: json, url: maskable }), (value) => {
        const once = maskJson(value);
        expect(maskJson(once)).toStrictEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('an access key id keeps the same prefix however often it is masked', () => {
    fc.assert(
      fc.property(keyId, (id) => {
        const once = maskSecrets(`OSSAccessKeyId=${id}`);
        expect(once).toMatch(/^OSSAccessKeyId=(LTAI|STS\.)[A-Za-z0-9]{0,4}\*{4}$/);
        expect(maskSecrets(maskSecrets(once))).toBe(once);
      }),
    );
  });
});

/** Every place a credential stands in what OSS echoes, a client sends, or a log line shows. */
const contexts: ReadonlyArray<[string, (secret: string, id: string) => string]> = [
  ['V1 query', (s, id) => `?OSSAccessKeyId=${id}&Expires=1&Signature=${encodeURIComponent(s)}`],
  ['V1 STS query', (s, id) => `?OSSAccessKeyId=${id}&security-token=${encodeURIComponent(s)}`],
  [
    'V2 query',
    (s, id) =>
      `?x-oss-signature-version=OSS2&x-oss-access-key-id=${id}&x-oss-signature=${encodeURIComponent(s)}`,
  ],
  [
    'V4 query',
    (s, id) =>
      `?x-oss-credential=${id}%2F20261130%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-signature=${s}`,
  ],
  [
    'S3 query',
    (s, id) =>
      `?X-Amz-Credential=${id}%2F20261130%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=${s}&X-Amz-Security-Token=${encodeURIComponent(s)}`,
  ],
  ['V1 Authorization', (s, id) => `Authorization: OSS ${id}:${s}`],
  ['V1 Authorization, no label', (s, id) => `The header was OSS ${id}:${s} for this request`],
  [
    'V2 Authorization',
    (s, id) => `authorization: OSS2 AccessKeyId:${id},AdditionalHeaders:host,Signature:${s}`,
  ],
  ['V2 Authorization, no label', (s, id) => `OSS2 AccessKeyId:${id},AdditionalHeaders:host,Signature:${s}`],
  [
    'V4 Authorization, no label',
    (s, id) =>
      `OSS4-HMAC-SHA256 Credential=${id}/20261130/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=host,Signature=${s}`,
  ],
  [
    'S3 Authorization, no label',
    (s, id) =>
      `AWS4-HMAC-SHA256 Credential=${id}/20261130/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${s}`,
  ],
  ['canonical headers', (s) => `GET\n\n\n1\nx-oss-security-token:${s}\nx-oss-callback:${s}\n/bucket/a`],
  [
    'StringToSign with literal \\n',
    (s) => `GET\\n\\n\\n1\\nx-oss-security-token:${s}\\n/bucket/a?security-token=${s}`,
  ],
  ['a label and a space', (s, id) => `SignatureProvided ${s} OSSAccessKeyId ${id}`],
  ['JSON', (s, id) => `{"Signature":"${s}","OSSAccessKeyId":"${id}","Authorization":"OSS ${id}:${s}"}`],
  ['inspected object', (s, id) => `{ authorization: 'OSS ${id}:${s}', 'x-oss-security-token': '${s}' }`],
  [
    'PostObject form',
    (s, id) =>
      `--b\r\nContent-Disposition: form-data; name="OSSAccessKeyId"\r\n\r\n${id}\r\n--b\r\nContent-Disposition: form-data; name="x-oss-security-token"\r\n\r\n${s}\r\n--b\r\nContent-Disposition: form-data; name="Signature"\r\n\r\n${s}\r\n--b--`,
  ],
  ['callback query', (s) => `?callback=${encodeURIComponent(s)}&callback-var=${encodeURIComponent(s)}`],
  ['Cookie and Proxy-Authorization', (s) => `Cookie: sid=${s}\nProxy-Authorization: Basic ${s}`],
  [
    'URL user info',
    (s, id) => `https://${id}:${encodeURIComponent(s)}@bucket.oss-cn-hangzhou.aliyuncs.com/a`,
  ],
  ['bare ids and tokens', (s, id) => `id ${id} token CAIS${s}`],
];

describe('masking removes every credential wherever it stands', () => {
  it.each(contexts)('%s', (_, place) => {
    fc.assert(
      fc.property(fc.oneof(signature, stsToken), keyId, (secret, id) => {
        const masked = maskSecrets(place(secret, id));
        for (const form of [secret, encodeURIComponent(secret), id]) expect(masked).not.toContain(form);
        // Twelve characters of a secret are too many to keep; a key id keeps at most eight.
        expect(masked).not.toContain(secret.slice(-12));
        expect(masked).not.toContain(id.slice(0, 12));
      }),
      { numRuns: 200 },
    );
  });

  it('the quick gate holds exactly the words of the rules, grouped by first letter', () => {
    // What the bare rules and URL user info look for before they run (maskOnce's `includes`).
    const bare = ['cais', 'ltai', 'sts\\.', 'oss ', 'aws ', '@'];
    const words = [...HEADER_WORDS.source.split('|'), ...ASSIGNMENT_WORDS.source.split('|'), ...bare];
    const groups = new Map<string, string[]>();
    for (const word of words) groups.set(word[0]!, [...(groups.get(word[0]!) ?? []), word.slice(1)]);
    const grouped = [...groups]
      .map(([first, rests]) => (rests.length === 1 ? first + rests[0] : `${first}(?:${rests.join('|')})`))
      .join('|');
    expect(ANY_WORD.source).toBe(grouped);
    expect(ANY_WORD.flags).toBe('i');
  });

  it('URL user info, whatever it holds and wherever the URL stands (the quick gate lets it through by its @)', () => {
    // Plain words only: nothing but the `@` tells the gate there is a secret.
    const word = fc.stringMatching(/^[a-z0-9._~!$'()+,;=-]{1,16}$/);
    const scheme = fc.constantFrom('https', 'http', 'ftp', 'git+ssh', 'S3');
    const around = fc.constantFrom(
      ['', ''],
      ['GET ', ' failed'],
      ['url: "', '"'],
      ['(', ')'],
      ['x\n', '\ny'],
    );
    fc.assert(
      fc.property(
        scheme,
        word,
        word,
        fc.boolean(),
        around,
        (scheme, user, password, withUser, [before, after]) => {
          const info = withUser ? `${user}:${password}` : password;
          const masked = maskSecrets(`${before}${scheme}://${info}@host.example/p?q=1${after}`);
          expect(masked).toBe(`${before}${scheme}://****@host.example/p?q=1${after}`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('every secret name, in any letter case, before = or : (the quick gate lets each through)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        fc.constantFrom('=', ':', ': ', '":"'),
        fc.oneof(signature, stsToken),
        (name, flips, separator, secret) => {
          const cased = Array.from(name, (ch, i) =>
            flips[i % flips.length] ? ch.toUpperCase() : ch.toLowerCase(),
          ).join('');
          // A V4 credential keeps its scope after the first `/`: only what comes before it is secret.
          const value = /credential/i.test(name) ? secret.replaceAll('/', '_') : secret;
          const masked = maskSecrets(`x ${cased}${separator}${value}`);
          expect(masked).not.toContain(value.slice(-12));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps a short prefix of STS and long-term ids, and the V4 scope after the id', () => {
    const sts = `STS.${'NUgYrLnoC37mZZCNnAbez2xB'}`;
    expect(maskSecrets(`OSSAccessKeyId=${sts}&Expires=1`)).toBe('OSSAccessKeyId=STS.NUgY****&Expires=1');
    expect(maskSecrets(`x-oss-credential=${sts}%2F20261130%2Fcn-hangzhou%2Foss%2Faliyun_v4_request`)).toBe(
      'x-oss-credential=STS.NUgY****%2F20261130%2Fcn-hangzhou%2Foss%2Faliyun_v4_request',
    );
    expect(maskSecrets(`OSS ${sts}:c2lnbmF0dXJl`)).toBe('OSS STS.NUgY****:****');
  });

  it('leaves prose, and parameters that are not secret, as they are', () => {
    for (const text of [
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      'The OSS Access Key Id you provided does not exist in our records.',
      'Error status : 301.',
      'x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-date=20261130T000000Z&x-oss-expires=3600',
      'Authorization header is invalid',
    ]) {
      expect(maskSecrets(text)).toBe(text);
    }
  });
});

describe('maskJson', () => {
  it('masks by name in any letter case, by content elsewhere, and never lets a raw object through', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    class Agent {
      sockets = ['a socket'];
    }
    const masked = maskJson(
      {
        url: `https://b.oss-cn-hangzhou.aliyuncs.com/k?Signature=${'abc%2B'}`,
        headers: new Headers({ Authorization: 'OSS x:y', 'X-OSS-Security-Token': 'token', Accept: '*/*' }),
        params: new URLSearchParams({ 'x-oss-signature': 'sig', prefix: 'a/' }),
        form: Object.assign(new FormData(), {}),
        auth: { username: 'u', password: 'p' },
        data: new Uint8Array(12),
        agent: new Agent(),
        cycle,
        when: new Date(0),
        mine: 'kept',
      },
      ['mine'],
    );
    expect(masked).toStrictEqual({
      url: 'https://b.oss-cn-hangzhou.aliyuncs.com/k?Signature=****',
      headers: { accept: '*/*', authorization: '****', 'x-oss-security-token': '****' },
      params: { 'x-oss-signature': '****', prefix: 'a/' },
      form: {},
      auth: { username: 'u', password: '****' },
      data: '[Uint8Array: 12 bytes]',
      agent: '[Agent]',
      cycle: { name: 'loop', self: '[Circular]' },
      when: '1970-01-01T00:00:00.000Z',
      mine: '****',
    });
  });
});

describe('log-safe surfaces (core/adapter)', () => {
  it('hideFields: the value reads as before, Object.keys and JSON no longer list it', () => {
    const config = { url: 'https://b/k?Signature=abc' };
    const error = Object.assign(new Error('x'), { config, code: 'E' });
    hideFields(error, ['config', 'missing']);
    expect(error.config).toBe(config);
    expect(Object.keys(error)).toStrictEqual(['code']);
  });

  it('V8 formats a never-read stack with the message of that moment (what the lazy stack relies on)', () => {
    const error = new Error('before');
    error.message = 'after';
    expect(error.stack?.split('\n')[0]).toBe('Error: after');
  });

  it('defineLogSafeStack does not read the stack; reading it later gives the new message, masked', () => {
    let reads = 0;
    const error = new Error('GET https://b/k?Signature=abc');
    Object.defineProperty(error, 'stack', {
      configurable: true,
      get: () => {
        reads++;
        return 'Error: GET https://b/k?Signature=abc\n    at f (file.js:1:1)';
      },
    });
    error.message = 'GET https://b/k?Signature=**** — NoSuchKey';
    defineLogSafeStack(error, 'GET https://b/k?Signature=abc', error.message);
    expect(reads).toBe(0);
    expect(logSafeStack(error)).toBe(
      'Error: GET https://b/k?Signature=**** — NoSuchKey\n    at f (file.js:1:1)',
    );
  });

  it('rewriteLogSafeStack: a stack formatted before is rewritten at once, header and secrets', () => {
    const error = new Error('old Signature=abc');
    expect(error.stack).toContain('Error: old Signature=abc');
    error.message = 'new Signature=****';
    rewriteLogSafeStack(error, 'old Signature=abc', error.message);
    expect(error.stack?.split('\n')[0]).toBe('Error: new Signature=****');
    expect(error.stack).not.toContain('abc');
    expect(Object.keys(error)).not.toContain('stack');
    // Text someone appends later is plain again, but never in what a log prints.
    error.stack = `${error.stack}\nCaused by: x-oss-security-token=CAIS${'x'.repeat(20)}`;
    expect(logSafeStack(error)).toContain('Caused by: x-oss-security-token=****');
  });
});

describe('OssError', () => {
  it('shows its cause as one masked line in util.inspect and console; toJSON leaves the cause out', async () => {
    const token = `CAIS${randomBytes(60).toString('base64')}`;
    const details = parseOssError({ status: 403, headers: { 'x-oss-request-id': 'R' }, body: '' })!;
    const cause = new Error(`GET https://b/k?security-token=${encodeURIComponent(token)} failed`);
    const outputs = await logOutputs(new OssError(details, { cause }));
    // pino appends every cause's own message and stack itself; a structured clone (a plain Error, without
    // our hooks) and Node's inspect without custom hooks show the cause as it is: a cause you pass is yours
    // to vouch for.
    const ours = Object.fromEntries(Object.entries(outputs).filter(([name]) => !CAUSE_AS_IS.includes(name)));
    expect(findLeaks(ours, [{ label: 'security token', value: token }])).toStrictEqual([]);
    expect(outputs['console.error(err)']).toContain(
      "cause: 'Error: GET https://b/k?security-token=**** failed'",
    );
  });

  it('pino logs details that look like an error, even with a field named message (nothing frozen to trip on)', async () => {
    const body = '<Error><Code>AccessDenied</Code><Message>no</Message><message>odd</message></Error>';
    const details = parseOssError({ status: 403, headers: { 'x-oss-request-id': 'R' }, body })!;
    expect(details.fields.message).toBe('odd');
    const outputs = await logOutputs(new OssError(details));
    expect(JSON.parse(outputs['pino logger.error(err)']!).err.oss.code).toBe('AccessDenied');
  });
});
