import { runInNewContext } from 'node:vm';
import { parseOssError } from '@oss-errors/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

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
