import { KNOWN_NAMES } from './document';

// How the built-in XML reader reads characters in the browser build (xml-chars.ts in Node): entities with
// one pattern, names with comparisons. Smaller than Node's by-hand decoding and look-up tables and as
// exact, if slower on text dense with entities (3.5 times) or tags; the tests hold both to the same results.

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(?:[xX]([\da-fA-F]{1,6})|(\d{1,7})));/g;

/**
 * Decodes `&amp;`-style predefined entities and `&#NN;` / `&#xNN;` references; leaves anything else as
 * written.
 *
 * @example
 * decodeXmlEntities('a &amp; b &#x263A;'); // 'a & b ☺'
 */
export function decodeXmlEntities(text: string): string {
  return text.replace(ENTITY, (entity, name?: string, hex?: string, decimal?: string) => {
    if (name) return NAMED[name]!;
    const point = Number.parseInt(hex ?? decimal!, hex ? 16 : 10);
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : entity;
  });
}

/**
 * A letter, `_`, or anything beyond ASCII: what may start a name.
 *
 * @example
 * isNameStart('C'.charCodeAt(0)); // true
 */
export function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c > 0x7f;
}

/**
 * What may follow in a name: name start characters, digits, `.`, `-` and `:`.
 *
 * @example
 * isNameChar('-'.charCodeAt(0)); // true
 */
export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x2d && c <= 0x3a && c !== 0x2f);
}

/**
 * Which of KNOWN_NAMES `name` is, or -1.
 *
 * @example
 * knownIndex('RequestId'); // 2
 */
export function knownIndex(name: string): number {
  return (KNOWN_NAMES as readonly string[]).indexOf(name);
}
