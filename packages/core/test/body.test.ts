import { runInNewContext } from 'node:vm';
import { parseOssError } from '@oss-errors/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Utf8 } from '../src/body';
import { MAX_BODY_BYTES } from '../src/limits';

// A body is read by what it is (internal slots, type tags), never by `instanceof`: bytes made in another
// realm (an iframe, a worker message, a `vm` context) are read like our own.

const XML = '<Error><Code>NoSuchKey</Code><RequestId>R-BODY</RequestId><EC>0026-00000001</EC></Error>';
const EXPECTED = { code: 'NoSuchKey', requestId: 'R-BODY', ec: '0026-00000001', source: 'body' };
const HEADERS = { 'x-oss-request-id': 'R-HEADER' };

const VIEWS = [
  'Uint8Array',
  'Uint8ClampedArray',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'DataView',
] as const;

type Kind = (typeof VIEWS)[number] | 'ArrayBuffer' | 'SharedArrayBuffer';

/**
 * A body holding the UTF-8 bytes of `text` (padded with spaces to whole elements), built in `realm`: a
 * view of type `kind` starting `offset` elements into a larger buffer, or a buffer holding just the text.
 */
function bodyOf(text: string, kind: Kind, offset: number, realm: 'vm' | 'here'): unknown {
  const isBuffer = kind === 'ArrayBuffer' || kind === 'SharedArrayBuffer';
  const size =
    isBuffer || kind === 'DataView'
      ? 1
      : (globalThis[kind] as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  const bytes = new TextEncoder().encode(text);
  const length = Math.ceil(bytes.length / size) * size;
  const padded = new Uint8Array(length).fill(0x20);
  padded.set(bytes);
  const start = isBuffer ? 0 : offset * size;
  const code = `
    const buffer = new ${kind === 'SharedArrayBuffer' ? 'SharedArrayBuffer' : 'ArrayBuffer'}(${start + length + (isBuffer ? 0 : 2 * size)});
    new Uint8Array(buffer, ${start}, ${length}).set(padded);
    return ${isBuffer ? 'buffer' : `new ${kind}(buffer, ${start}, ${kind === 'DataView' ? length : length / size})`};`;
  return realm === 'vm'
    ? runInNewContext(`(function (padded) {${code}})(padded)`, { padded })
    : new Function('padded', code)(padded);
}

describe('bodies from another realm', () => {
  it('are not instances of our own classes (so the test means something)', () => {
    const body = runInNewContext('new Uint8Array(4)');
    expect(body instanceof Uint8Array).toBe(false);
    expect(runInNewContext('new ArrayBuffer(4)') instanceof ArrayBuffer).toBe(false);
  });

  it('a Uint8Array, an ArrayBuffer, a SharedArrayBuffer and a DataView from a vm context are read', () => {
    for (const kind of ['Uint8Array', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView'] as const) {
      const body = bodyOf(XML, kind, 3, 'vm');
      expect(parseOssError({ status: 404, headers: HEADERS, body: body as Uint8Array }), kind).toMatchObject(
        EXPECTED,
      );
    }
  });

  it('any view of any element size, at any offset, from any realm, reads as the same text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VIEWS, 'ArrayBuffer' as const, 'SharedArrayBuffer' as const),
        fc.nat({ max: 5 }),
        fc.constantFrom('vm' as const, 'here' as const),
        (kind, offset, realm) => {
          const body = bodyOf(XML, kind, offset, realm);
          expect(parseOssError({ status: 404, headers: HEADERS, body: body as Uint8Array })).toMatchObject(
            EXPECTED,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads only the first 64 KiB of a foreign view, and a detached buffer as no body', () => {
    const big = bodyOf(`${XML}${' '.repeat(100 * 1024)}`, 'Uint16Array', 1, 'vm');
    expect(parseOssError({ status: 404, headers: HEADERS, body: big as Uint8Array })).toMatchObject(EXPECTED);
    const cut = bodyOf(
      `<Error><Code>Cut</Code><Message>${'x'.repeat(70 * 1024)}</Message></Error>`,
      'Float64Array',
      2,
      'vm',
    );
    expect(parseOssError({ status: 404, headers: HEADERS, body: cut as Uint8Array })).toMatchObject({
      code: 'Cut',
    });
    const detached = new ArrayBuffer(8);
    structuredClone(detached, { transfer: [detached] });
    expect(parseOssError({ status: 404, headers: HEADERS, body: detached })).toMatchObject({
      code: 'NotFound',
      requestId: 'R-HEADER',
    });
  });

  it('an object that only claims to be bytes reads as no body', () => {
    const fake = { [Symbol.toStringTag]: 'ArrayBuffer', byteLength: 10 };
    expect(
      parseOssError({ status: 404, headers: HEADERS, body: fake as unknown as ArrayBuffer }),
    ).toMatchObject({
      code: 'NotFound',
      source: 'status',
    });
  });
});

describe('x-oss-err', () => {
  const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

  it('decodes any base64 of UTF-8, standard or URL-safe, wrapped, with or without padding and white space after it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: 'binary', maxLength: 4000 }),
        ),
        fc.boolean(),
        fc.nat({ max: 80 }),
        fc.constantFrom('', '=', '==', ' ', '\n', '= =\r\n', '\u00a0', '\u3000='),
        (text, urlSafe, wrap, end) => {
          const bytes = new TextEncoder().encode(text);
          let value = toBase64(bytes);
          if (urlSafe) value = value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
          if (wrap > 0) value = value.replace(new RegExp(`(.{${wrap}})`, 'g'), '$1\n');
          const decoded = new TextDecoder().decode(bytes.subarray(0, MAX_BODY_BYTES));
          expect(decodeBase64Utf8(value + end)).toBe(decoded.replace(/^\uFEFF/, ''));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is no text when it is not base64', () => {
    for (const value of ['%%%', 'Q', 'QQ=Q', 'YQ==QQ', 'Q\u00a0Q', 'QQ\u0100']) {
      expect(decodeBase64Utf8(value), value).toBeUndefined();
    }
  });

  it('reads its longest values, and long runs of white space or padding inside them, in one pass', () => {
    // 128 Ki characters are read. A search for the padding at the end that started again at each white
    // space of a run would take about a minute here.
    const run = ' ='.repeat(MAX_BODY_BYTES - 4);
    expect(decodeBase64Utf8(`QUJD${' '.repeat(2 * MAX_BODY_BYTES - 8)}REVG`)).toBe('ABCDEF');
    expect(decodeBase64Utf8(`QUJD${run}REVG`)).toBeUndefined();
    expect(decodeBase64Utf8(`QUJD${run}`)).toBe('ABC');
  });
});
