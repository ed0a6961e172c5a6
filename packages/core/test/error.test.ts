import { inspect } from 'node:util';
import { isOssError, OssError, type OssErrorDetails, parseOssError } from '@oss-errors/core';
import { brandOssError } from '@oss-errors/core/adapter';
import { describe, expect, it, vi } from 'vitest';

const details = parseOssError({
  status: 404,
  headers: { 'x-oss-request-id': '6556E3AED11E553933CCDEDF' },
  body: '<Error><Code>NoSuchKey</Code><Message>The specified key\n does not exist.</Message><RequestId>6556E3AED11E553933CCDEDF</RequestId><EC>0026-00000001</EC><Key>a.txt</Key></Error>',
  method: 'GET',
  url: 'https://bucket.oss-cn-hangzhou.aliyuncs.com/a.txt',
})!;

describe('OssError', () => {
  it('is an Error with a name, a one-line message, the details and the standard cause', () => {
    const cause = new TypeError('fetch failed');
    const error = new OssError(details, { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OssError');
    expect(error.message).toBe(
      'NoSuchKey: The specified key does not exist. (HTTP 404, request id 6556E3AED11E553933CCDEDF, EC 0026-00000001)',
    );
    expect(error.oss).toBe(details);
    expect(error.cause).toBe(cause);
    expect(String(error.stack)).toContain('OssError: NoSuchKey: The specified key does not exist.');
    expect(new OssError(details)).not.toHaveProperty('cause');
  });

  it('serialises to name, message and details only: no cause, no stack', () => {
    const error = new OssError(details, { cause: { secret: 'from the cause' } });
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['message', 'name', 'oss']);
    expect(json.oss).toStrictEqual(JSON.parse(JSON.stringify(details)));
    expect(JSON.stringify(error)).not.toContain('from the cause');
  });

  it('shows the details when inspected, and no brand', () => {
    const printed = inspect(new OssError(details));
    expect(printed).toContain("code: 'NoSuchKey'");
    expect(printed).not.toContain('Symbol');
  });

  it('names the status, and says the object was stored on a 203 callback failure', () => {
    const callback = parseOssError({
      status: 203,
      headers: {},
      body: '<Error><Code>CallbackFailed</Code><Message>Error status : 301.</Message><RequestId>R</RequestId></Error>',
    })!;
    expect(new OssError(callback).message).toBe(
      'CallbackFailed: Error status : 301. The object WAS stored; only the upload callback failed. (HTTP 203, request id R)',
    );
  });

  it('keeps a long OSS message on one bounded line', () => {
    const long = parseOssError({
      status: 400,
      headers: {},
      body: `<Error><Code>InvalidArgument</Code><Message>${'word\r\n'.repeat(500)}</Message></Error>`,
    })!;
    const message = new OssError(long).message;
    expect(message).not.toMatch(/[\r\n]/);
    expect(message.length).toBeLessThan(500);
  });
});

describe('isOssError', () => {
  it('is true for an OssError and narrows it', () => {
    const value: unknown = new OssError(details);
    expect(isOssError(value)).toBe(true);
    if (isOssError(value)) expect(value.oss.code).toBe('NoSuchKey');
  });

  it('is true for a client error enriched by an adapter, once', () => {
    const clientError = new Error('Request failed with status code 404');
    expect(isOssError(clientError)).toBe(false);
    expect(brandOssError(clientError, details)).toBe(true);
    expect(isOssError(clientError)).toBe(true);
    expect(brandOssError(clientError, details)).toBe(false);
    expect((clientError as Error & { oss: OssErrorDetails }).oss).toBe(details);
  });

  it('is true across two copies of the package', async () => {
    vi.resetModules();
    const copy = (await import('../src/index')) as typeof import('@oss-errors/core');
    expect(copy.OssError).not.toBe(OssError);
    const fromCopy = new copy.OssError(details);
    expect(fromCopy).not.toBeInstanceOf(OssError);
    expect(isOssError(fromCopy)).toBe(true);
    expect(copy.isOssError(new OssError(details))).toBe(true);
  });

  it('rejects impostors that only share the name or the shape', () => {
    const named = Object.assign(new Error('x'), { name: 'OssError', oss: details });
    const shaped = { name: 'OssError', message: 'x', oss: { ...details } };
    class OssErrorLookalike extends Error {
      override name = 'OssError';
      oss = details;
    }
    for (const impostor of [named, shaped, new OssErrorLookalike('x'), null, undefined, 'OssError', 42, {}]) {
      expect(isOssError(impostor)).toBe(false);
    }
  });

  it('rejects a branded object whose details were replaced by something else', () => {
    const error = new OssError(details);
    Object.defineProperty(error, 'oss', { value: { nope: true } });
    expect(isOssError(error)).toBe(false);
  });
});

describe('appendOssDescription (for adapters)', () => {
  it("keeps the client's words first, masks them, and adds code, message, request id and EC on one line", async () => {
    const { appendOssDescription } = await import('@oss-errors/core/adapter');
    const message = appendOssDescription(
      'Request failed with status code 404 (Not Found): GET https://b.oss-cn-hangzhou.aliyuncs.com/a.txt?Expires=1&Signature=c2VjcmV0%3D',
      details,
    );
    expect(message).toBe(
      'Request failed with status code 404 (Not Found): GET https://b.oss-cn-hangzhou.aliyuncs.com/a.txt?Expires=1&Signature=**** — NoSuchKey: The specified key does not exist. (request id 6556E3AED11E553933CCDEDF, EC 0026-00000001)',
    );
  });
});

describe('the OSS part of a message', () => {
  it('is one line with single spaces, whatever white space the code, message, request id and EC hold (blank ones left out)', async () => {
    const fc = (await import('fast-check')).default;
    const { describeOssError } = await import('@oss-errors/core/adapter');
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\t', '\u00a0', '\u2028', '\u3000', '\f', '\v'),
      minLength: 1,
      maxLength: 30,
    });
    // A code always holds a word (parseOssError never gives a blank one, nor a blank message; details
    // built by hand may hold one).
    const worded = text.filter((value) => value.trim() !== '');
    const maybeBlank = fc.oneof(text, fc.constant(''));
    fc.assert(
      fc.property(worded, maybeBlank, maybeBlank, maybeBlank, (code, message, requestId, ec) => {
        const described = describeOssError({ ...details, code, message, requestId, ec }, true);
        expect(described).not.toMatch(/[^\S ]| {2}| [,)]/);
        // The words stay, in order, one space between them; a blank part leaves out its label too.
        const words = (value: string): string => value.split(/\s+/).filter(Boolean).join(' ');
        const head = words(message) ? `${words(code)}: ${words(message)} (` : `${words(code)} (`;
        expect(described.startsWith(head)).toBe(true);
        if (words(requestId)) expect(described).toContain(`request id ${words(requestId)}`);
        else expect(described).not.toContain('request id');
        if (words(ec)) expect(described).toContain(`EC ${words(ec)}`);
        else expect(described).not.toContain('EC');
      }),
      { numRuns: 2000 },
    );
  });
});
