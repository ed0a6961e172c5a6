import { runInNewContext } from 'node:vm';
import { parseOssError } from '@oss-errors/core';
import { loadOssFixtures } from '@oss-errors/fake-oss';
import { describe, expect, it } from 'vitest';

// A body can come from another realm: an iframe's fetch in a browser (see test/browser/parse.test.ts),
// a vm context in Node. Its Uint8Array and ArrayBuffer fail `instanceof` here, and must read the same.

const samples = loadOssFixtures().filter((fixture) => fixture.body !== '');

/** The sample's bytes as a Uint8Array and an ArrayBuffer made in a new vm context. */
function foreignBytes(body: string): { bytes: Uint8Array; buffer: ArrayBuffer } {
  const numbers = [...new TextEncoder().encode(body)];
  return runInNewContext('({ bytes: new Uint8Array(numbers), buffer: new Uint8Array(numbers).buffer })', {
    numbers,
  }) as { bytes: Uint8Array; buffer: ArrayBuffer };
}

describe('bodies from another realm', () => {
  it('are really foreign', () => {
    const { bytes, buffer } = foreignBytes('<Error/>');
    expect(bytes instanceof Uint8Array).toBe(false);
    expect(buffer instanceof ArrayBuffer).toBe(false);
  });

  it.each(samples)('$name reads as its text does', ({ status, headers, body }) => {
    const { bytes, buffer } = foreignBytes(body);
    const expected = parseOssError({ status, headers, body });
    expect(parseOssError({ status, headers, body: bytes })).toEqual(expected);
    expect(parseOssError({ status, headers, body: buffer })).toEqual(expected);
  });

  it('an object that only claims to be bytes is no body', () => {
    const impostor = { [Symbol.toStringTag]: 'Uint8Array', length: 3 };
    const details = parseOssError({
      status: 404,
      headers: { 'x-oss-request-id': 'abc' },
      body: impostor as unknown as Uint8Array,
    });
    expect(details).toMatchObject({ code: 'NotFound', source: 'status', requestId: 'abc' });
  });
});
