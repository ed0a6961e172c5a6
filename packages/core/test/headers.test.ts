import { parseOssError } from '@oss-errors/core';
import { AxiosHeaders } from 'axios';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The headers a response arrives with come in every shape a client uses: a plain object in any letter
// case (Node, got), axios's AxiosHeaders (its headers as own keys, and a `get`), fetch's Headers and a Map
// (a `get`, no own keys), or a class of someone's own that keeps them privately. Rule: whatever the
// shape, the details are those of the same headers as a plain object.

const NAMES = [
  'x-oss-request-id',
  'x-oss-ec',
  'x-oss-err',
  'x-oss-error-type',
  'date',
  'x-oss-next-append-position',
  'content-type',
  'server',
];
const ERR = btoa('<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>');

const value = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,30}[A-Za-z0-9]$/),
  fc.constantFrom(ERR, '0026-00000001', '42', 'Mon, 30 Nov 2026 10:00:00 GMT'),
);
const headerSet = fc
  .uniqueArray(
    fc.tuple(fc.constantFrom(...NAMES), value, fc.array(fc.boolean(), { minLength: 1, maxLength: 6 })),
    {
      selector: ([name]) => name,
      maxLength: NAMES.length,
    },
  )
  .map((entries) =>
    entries.map(([name, text, flips]): [string, string] => [
      Array.from(name, (ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch)).join(''),
      text,
    ]),
  );

/** Headers kept out of sight, reachable through `get` only (names compared in lower case). */
class PrivateHeaders {
  readonly #entries: Map<string, string>;
  constructor(entries: [string, string][]) {
    this.#entries = new Map(entries.map(([name, text]) => [name.toLowerCase(), text]));
  }
  get(name: string): string | null {
    return this.#entries.get(name.toLowerCase()) ?? null;
  }
}

describe('the OSS headers, whatever shape they come in', () => {
  it('give the details the same headers give as a plain object', () => {
    fc.assert(
      fc.property(headerSet, fc.constantFrom(403, 404, 503), (entries, status) => {
        const plain = Object.fromEntries(entries);
        const expected = parseOssError({ status, headers: plain, body: '' });
        const shapes = {
          AxiosHeaders: AxiosHeaders.from(plain),
          Headers: new Headers(entries),
          Map: new Map(entries.map(([name, text]) => [name.toLowerCase(), text])),
          'a private store': new PrivateHeaders(entries),
        };
        for (const [shape, headers] of Object.entries(shapes)) {
          expect(parseOssError({ status, headers: headers as never, body: '' }), shape).toStrictEqual(
            expected,
          );
        }
      }),
      { numRuns: 1000 },
    );
  });
});
