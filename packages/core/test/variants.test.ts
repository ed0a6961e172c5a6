import { type OssErrorDetails, parseOssError } from '@oss-errors/core';
import { describe, expect, it } from 'vitest';

const DOC = [
  '<Code>NoSuchKey</Code>',
  '<Message>The specified key does not exist.</Message>',
  '<RequestId>5C3D9175B6FC201293AD0000</RequestId>',
  '<HostId>bucket.oss-cn-hangzhou.aliyuncs.com</HostId>',
  '<Key>a.txt</Key>',
  '<EC>0026-00000001</EC>',
].join('');
const EXPECTED = {
  status: 404,
  code: 'NoSuchKey',
  message: 'The specified key does not exist.',
  requestId: '5C3D9175B6FC201293AD0000',
  hostId: 'bucket.oss-cn-hangzhou.aliyuncs.com',
  ec: '0026-00000001',
  recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0026-00000001',
  fields: { Key: 'a.txt' },
  source: 'body',
  fault: 'client',
  retryable: false,
  hint: expect.stringMatching(/^No object "a\.txt" exists/),
} as const;

function parse(
  body: string | Uint8Array | ArrayBuffer | null,
  headers = {},
  status = 404,
): OssErrorDetails | undefined {
  return parseOssError({ status, headers, body });
}

function toBase64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

describe('variants OSS has been seen to send', () => {
  it.each([
    ['a standard prolog', `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${DOC}</Error>`],
    ['a prolog with a space before ?>', `<?xml version="1.0" ?>\n<Error>${DOC}</Error>`],
    ['no prolog', `<Error>${DOC}</Error>`],
    ['a BOM in a string', `\uFEFF<?xml version="1.0"?><Error>${DOC}</Error>`],
    ['xmlns on <Error>', `<Error xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">${DOC}</Error>`],
    ['CRLF line ends', `<?xml version="1.0"?>\r\n<Error>\r\n${DOC.replace(/></g, '>\r\n<')}\r\n</Error>\r\n`],
    ['values padded with newlines', `<Error>${DOC.replace(/>([^<]+)</g, '>\n  $1\n<')}</Error>`],
    ['a comment and leading white space', `\n\n  <!-- hi --><Error>${DOC}</Error>`],
    [
      'a malformed prolog (Rust raw string)',
      `<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\n<Error>${DOC}</Error>`,
    ],
  ])('reads %s', (_, body) => {
    expect(parse(body)).toStrictEqual(EXPECTED);
  });

  it('reads a UTF-8 body with a BOM given as bytes', () => {
    const bytes = new TextEncoder().encode(`\uFEFF<Error>${DOC}</Error>`);
    expect(bytes[0]).toBe(0xef);
    expect(parse(bytes)).toStrictEqual(EXPECTED);
  });

  it('decodes the predefined entities and character references, in text and in fields', () => {
    const details = parse(
      '<Error><Code>InvalidArgument</Code><Message>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#38; &#x263A;</Message><ArgumentValue>x&amp;y</ArgumentValue></Error>',
    );
    expect(details?.message).toBe('a & b <c> "d" \'e\' & \u263A');
    expect(details?.fields).toStrictEqual({ ArgumentValue: 'x&y' });
  });

  it('reads CDATA as text, without decoding entities inside it', () => {
    const details = parse(
      '<Error><Code><![CDATA[NoSuchKey]]></Code><Message>x <![CDATA[a &amp; <b>]]></Message></Error>',
    );
    expect(details?.code).toBe('NoSuchKey');
    expect(details?.message).toBe('x a &amp; <b>');
  });

  it('keeps an injected or unexpected child as a field and still reads the rest', () => {
    const details = parse(
      `<Error><script type="text/javascript">var x = {};</script>${DOC}<Extra>1</Extra></Error>`,
    );
    expect(details).toMatchObject({ code: 'NoSuchKey', requestId: EXPECTED.requestId });
    expect(details?.fields).toStrictEqual({ script: 'var x = {};', Key: 'a.txt', Extra: '1' });
  });

  it('flattens nested children into Parent.Child fields', () => {
    const details = parse(
      `<Error><Code>AccessDenied</Code><AccessDeniedDetail><AuthPrincipalType>RAM</AuthPrincipalType><PolicyType>Bucket</PolicyType></AccessDeniedDetail></Error>`,
      {},
      403,
    );
    expect(details?.fields).toStrictEqual({
      'AccessDeniedDetail.AuthPrincipalType': 'RAM',
      'AccessDeniedDetail.PolicyType': 'Bucket',
    });
  });

  it('keeps the first of repeated elements', () => {
    expect(parse('<Error><Code>A</Code><Code>B</Code><Key>1</Key><Key>2</Key></Error>')).toMatchObject({
      code: 'A',
      fields: { Key: '1' },
    });
  });

  it('reads a JSON {"Error": {...}} body, keys in any letter case', () => {
    const body = JSON.stringify({
      error: {
        code: 'NoSuchKey',
        MESSAGE: 'The specified key does not exist.',
        RequestId: '5C3D9175B6FC201293AD0000',
        HostId: 'bucket.oss-cn-hangzhou.aliyuncs.com',
        Key: 'a.txt',
        Ec: '0026-00000001',
      },
    });
    expect(parse(body)).toStrictEqual(EXPECTED);
  });

  it('reads a flat JSON body with x-oss-error-type: code from the header, message from the body', () => {
    const details = parse(
      '{"message": "Invalid table bucket operation.", "details": {"field": "name"}}',
      { 'x-oss-error-type': 'BadRequestException', 'x-oss-request-id': 'id-1', 'x-oss-ec': '0016-00000502' },
      400,
    );
    expect(details).toStrictEqual({
      status: 400,
      code: 'BadRequestException',
      message: 'Invalid table bucket operation.',
      requestId: 'id-1',
      ec: '0016-00000502',
      recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0016-00000502',
      fields: { 'details.field': 'name' },
      source: 'body',
      fault: 'client',
      retryable: false,
    });
  });

  it('reads a flat JSON body without x-oss-error-type: code from the status', () => {
    const details = parse('{"message": "The specified bucket does not exist."}', {
      'x-oss-request-id': 'id-2',
    });
    expect(details).toMatchObject({
      code: 'NotFound',
      source: 'status',
      message: 'The specified bucket does not exist.',
    });
  });

  it('decodes x-oss-err (base64 of UTF-8 XML) when the body is empty, as on HEAD', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><Error>${DOC.replace('does not exist.', 'does not exist: 对象不存在')}</Error>`;
    const details = parse('', { 'x-oss-err': toBase64(xml), 'x-oss-request-id': 'HEADER-ID' });
    expect(details).toStrictEqual({
      ...EXPECTED,
      message: 'The specified key does not exist: 对象不存在',
      source: 'x-oss-err',
    });
  });

  it('decodes URL-safe, unpadded and line-wrapped base64 in x-oss-err', () => {
    const b64 = toBase64(`<Error>${DOC}<Message2>??>></Message2></Error>`);
    const variant = `${b64
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
      .replace(/(.{60})/g, '$1\n')}`;
    expect(parse(null, { 'x-oss-err': variant })).toMatchObject({ code: 'NoSuchKey', source: 'x-oss-err' });
  });

  it('prefers the body document over x-oss-err', () => {
    const header = toBase64('<Error><Code>FromHeader</Code></Error>');
    expect(parse(`<Error>${DOC}</Error>`, { 'x-oss-err': header })).toMatchObject({
      code: 'NoSuchKey',
      source: 'body',
    });
  });

  it('uses the headers alone when only they are there', () => {
    const details = parse('', { 'X-OSS-Request-Id': 'ONLY-HEADERS', 'x-oss-ec': '0026-00000001' });
    expect(details).toStrictEqual({
      status: 404,
      code: 'NotFound',
      message: 'OSS answered HTTP 404 Not Found and sent no message.',
      requestId: 'ONLY-HEADERS',
      ec: '0026-00000001',
      recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0026-00000001',
      fields: {},
      source: 'status',
      fault: 'client',
      retryable: false,
      hint: expect.stringMatching(/^The object or bucket may not exist, but the reason is hidden/),
    });
  });

  it('takes body values over header values, and headers as arrays, numbers or a Headers object', () => {
    const body = '<Error><Code>A</Code><RequestId>BODY</RequestId></Error>';
    expect(parse(body, { 'x-oss-request-id': 'HEADER', 'x-oss-ec': ['0001-00000001', 'x'] })).toMatchObject({
      requestId: 'BODY',
      ec: '0001-00000001',
    });
    expect(parse('', { 'x-oss-request-id': 12345 })?.requestId).toBe('12345');
    expect(parse('', new Headers({ 'X-Oss-Request-Id': 'FROM-HEADERS' }))?.requestId).toBe('FROM-HEADERS');
  });

  it('reads clock skew from ServerTime and RequestTime, and the server time from Date when only it is there', () => {
    const skewed = parse(
      '<Error><Code>RequestTimeTooSkewed</Code><RequestTime>2022-09-04T07:11:33.000Z</RequestTime><ServerTime>2022-09-04T08:11:37.000Z</ServerTime></Error>',
      {},
      403,
    );
    expect(skewed).toMatchObject({
      serverTime: '2022-09-04T08:11:37.000Z',
      clockSkewMs: -3_604_000,
      retryable: true,
    });
    const fromDate = parse(
      '<Error><Code>RequestTimeTooSkewed</Code></Error>',
      { Date: 'Wed, 28 Dec 2022 10:27:41 GMT' },
      403,
    );
    expect(fromDate?.serverTime).toBe('2022-12-28T10:27:41.000Z');
    expect(fromDate?.clockSkewMs).toBeUndefined();
    expect(
      parse(`<Error>${DOC}</Error>`, { Date: 'Wed, 28 Dec 2022 10:27:41 GMT' })?.serverTime,
    ).toBeUndefined();
  });

  it('reads the next append position on PositionNotEqualToLength', () => {
    const details = parse(
      '<Error><Code>PositionNotEqualToLength</Code></Error>',
      { 'x-oss-next-append-position': '1717' },
      409,
    );
    expect(details?.nextAppendPosition).toBe(1717);
  });

  it('keeps the request method and a masked URL', () => {
    const details = parseOssError({
      status: 404,
      headers: {},
      body: `<Error>${DOC}</Error>`,
      method: 'get',
      url: 'https://bucket.oss-cn-hangzhou.aliyuncs.com/a.txt?versionId=1',
    });
    expect(details).toMatchObject({
      method: 'GET',
      url: 'https://bucket.oss-cn-hangzhou.aliyuncs.com/a.txt?versionId=1',
    });
  });
});

describe('what is and is not an OSS error', () => {
  it('returns undefined for a 2xx or 3xx without an <Error> document, even with OSS headers', () => {
    for (const status of [200, 204, 206, 301, 304]) {
      expect(parse('hello', { 'x-oss-request-id': 'R' }, status)).toBeUndefined();
    }
  });

  it('reads an <Error> document on any status: a 203 callback failure, and a 200 (adapters decide what to do)', () => {
    const callback = parse(
      '<Error><Code>CallbackFailed</Code><Message>Error status : 301.</Message></Error>',
      {},
      203,
    );
    expect(callback).toMatchObject({
      code: 'CallbackFailed',
      status: 203,
      fault: 'client',
      retryable: false,
    });
    expect(parse(`<Error>${DOC}</Error>`, {}, 200)?.code).toBe('NoSuchKey');
  });

  it('returns undefined for a gateway HTML page or an empty Tengine 400 with no OSS headers', () => {
    expect(
      parse('<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' }, 502),
    ).toBeUndefined();
    expect(parse('', { Server: 'Tengine', 'X-Swift-Error': 'request parse msg error' }, 400)).toBeUndefined();
    expect(parse('{"message": "rate limited"}', { 'content-type': 'application/json' }, 429)).toBeUndefined();
  });

  it('does not take a root other than <Error>, even when an <Error> element is inside', () => {
    expect(parse('<html><Error><Code>NoSuchKey</Code></Error></html>', {}, 404)).toBeUndefined();
  });

  it('still reports an HTML page that OSS headers vouch for, with a code from the status', () => {
    expect(parse('<html>bad gateway</html>', { 'x-oss-request-id': 'R' }, 502)).toMatchObject({
      code: 'BadGateway',
      source: 'status',
      fault: 'server',
      retryable: true,
      requestId: 'R',
    });
  });

  it.each([
    [500, true],
    [503, true],
    [401, true],
    [408, true],
    [429, true],
    [400, false],
    [403, false],
    [404, false],
    [409, false],
  ])('follows the OSS SDK v2 retry rule for status %i (retryable: %s)', (status, retryable) => {
    expect(parse('', { 'x-oss-request-id': 'R' }, status)).toMatchObject({
      retryable,
      fault: status >= 500 ? 'server' : 'client',
    });
  });

  it('retries the codes RequestTimeTooSkewed and BadRequest only when OSS sent them, and never decides by EC', () => {
    expect(parse('<Error><Code>BadRequest</Code></Error>', {}, 400)?.retryable).toBe(true);
    expect(parse('', { 'x-oss-request-id': 'R' }, 400)).toMatchObject({
      code: 'BadRequest',
      retryable: false,
    });
    const a = parse('<Error><Code>AccessDenied</Code><EC>0002-00000040</EC></Error>', {}, 403);
    const b = parse('<Error><Code>AccessDenied</Code><EC>0001-00000503</EC></Error>', {}, 403);
    expect([a?.retryable, b?.retryable]).toEqual([false, false]);
  });
});

describe('bad input gets a clear outcome, never an exception', () => {
  it('recovers Code, Message, RequestId and EC from malformed XML', () => {
    const details = parse(
      '<Error><Code>NoSuchKey</Code><Message>gone</Message><Broken><RequestId>R1</RequestId><EC>0026-00000001</EC></Error>',
      { 'x-oss-request-id': 'HEADER' },
    );
    expect(details).toMatchObject({
      code: 'NoSuchKey',
      message: 'gone',
      requestId: 'R1',
      ec: '0026-00000001',
      source: 'body',
    });
  });

  it('recovers what precedes the cut in truncated XML, and not the half-sent value', () => {
    const details = parse(
      '<?xml version="1.0"?>\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>no</Message>\n  <RequestId>56',
      {},
      403,
    );
    expect(details).toMatchObject({ code: 'AccessDenied', message: 'no', source: 'body', fields: {} });
    expect(details?.requestId).toBeUndefined();
  });

  it('recovers from truncated JSON with an Error key', () => {
    expect(
      parse('{"Error": {"Code": "NoSuchBucket", "Message": "gone", "RequestId": "R', {}, 404),
    ).toMatchObject({
      code: 'NoSuchBucket',
      message: 'gone',
      source: 'body',
    });
  });

  it('falls back to status and headers when nothing can be recovered', () => {
    expect(parse('<Error', { 'x-oss-request-id': 'R' }, 500)).toMatchObject({
      code: 'InternalServerError',
      source: 'status',
      requestId: 'R',
    });
    expect(parse('', { 'x-oss-err': '%%% not base64 %%%' }, 403)).toMatchObject({
      code: 'Forbidden',
      source: 'status',
    });
    expect(parse('', { 'x-oss-err': btoa('not xml at all') }, 403)).toMatchObject({
      code: 'Forbidden',
      source: 'status',
    });
  });

  it('never expands a DOCTYPE or entity declaration (billion laughs, external entities)', () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join(
      '',
    );
    const body = `<?xml version="1.0"?><!DOCTYPE Error [<!ENTITY lol0 "lol">${lol}<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Error><Code>AccessDenied</Code><Message>&lol9;&xxe;</Message></Error>`;
    const details = parse(body, {}, 403);
    expect(details).toMatchObject({ code: 'AccessDenied', message: '&lol9;&xxe;' });
    const inside = parse('<Error><!DOCTYPE x [<!ENTITY a "expanded">]><Code>&a;</Code></Error>', {}, 403);
    expect(JSON.stringify(inside)).not.toContain('expanded');
  });

  it('keeps __proto__, constructor and prototype elements as own fields, never as prototypes', () => {
    for (const body of [
      '<Error><Code>A</Code><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor><prototype>p</prototype></Error>',
      '<Error><Code>A</Code><__proto__>x</__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor></Error>',
      '{"Error": {"Code": "A", "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}}',
    ]) {
      const details = parse(body, {}, 403)!;
      expect(details.code).toBe('A');
      expect(Object.getPrototypeOf(details)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(details.fields)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
      for (const value of Object.values(details.fields)) expect(typeof value).toBe('string');
    }
  });

  it('reads only the first 64 KiB of a huge body', () => {
    const huge = `<Error>${DOC}</Error>${' '.repeat(50 * 1024 * 1024)}`;
    expect(parse(huge)).toStrictEqual(EXPECTED);
    const late = `${' '.repeat(70 * 1024)}<Error>${DOC}</Error>`;
    expect(parse(late)).toBeUndefined();
    const cut = `<Error><Code>NoSuchKey</Code><Message>${'x'.repeat(70 * 1024)}</Message></Error>`;
    expect(parse(new TextEncoder().encode(cut))).toMatchObject({ code: 'NoSuchKey', source: 'body' });
  });

  it('survives deep nesting and thousands of elements, keeping at most 100 fields', () => {
    const deep = `<Error><Code>Deep</Code>${'<a>'.repeat(10_000)}x${'</a>'.repeat(10_000)}</Error>`;
    expect(parse(deep, {}, 400)?.code).toBe('Deep');
    const many = `<Error><Code>Many</Code>${Array.from({ length: 5000 }, (_, i) => `<F${i}>v</F${i}>`).join('')}</Error>`;
    expect(Object.keys(parse(many, {}, 400)!.fields)).toHaveLength(100);
    const deepJson = `{"Error": {"Code": "J", "x": ${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    expect(parse(deepJson, {}, 400)?.code).toBe('J');
  });

  it('decodes invalid UTF-8 with replacement characters', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('<Error><Code>A</Code><Message>'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('</Message></Error>'),
    ]);
    expect(parse(bytes, {}, 400)?.message).toBe('\uFFFD\uFFFD');
  });

  it('returns undefined for a status that is not an HTTP status', () => {
    for (const status of [Number.NaN, 0, -1, 42, 1000, 404.5]) {
      expect(parse(`<Error>${DOC}</Error>`, {}, status)).toBeUndefined();
    }
  });

  it('treats bodies and headers of the wrong type as absent', () => {
    const weird = { status: 404, headers: 'x-oss-request-id: R', body: 12345 } as unknown as Parameters<
      typeof parseOssError
    >[0];
    expect(parseOssError(weird)).toBeUndefined();
    expect(parseOssError({ status: 404, headers: null, body: null })).toBeUndefined();
    expect(parseOssError({ status: 404 })).toBeUndefined();
  });

  it('does not throw on hostile input objects', () => {
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    ) as Parameters<typeof parseOssError>[0];
    expect(parseOssError(throwing)).toBeUndefined();
    const headers = {
      get: () => {
        throw new Error('boom');
      },
    };
    expect(parseOssError({ status: 404, headers, body: `<Error>${DOC}</Error>` })).toBeUndefined();
    expect(parseOssError(null as unknown as Parameters<typeof parseOssError>[0])).toBeUndefined();
  });
});
