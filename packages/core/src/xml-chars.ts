import { KNOWN_NAMES } from './document';

// How the built-in XML reader reads characters in Node: entities by hand, names with look-up tables, the
// fastest ways on text of thousands of tags or entities. The browser build has xml-chars.browser.ts
// instead, smaller and as exact; the tests hold both to the same results.

const ENTITIES = ['lt;', 'gt;', 'amp;', 'quot;', 'apos;'];
const CHARACTERS = '<>&"\'';

/**
 * Decodes `&amp;`-style predefined entities and `&#NN;` / `&#xNN;` references; leaves anything else as
 * written.
 *
 * @example
 * decodeXmlEntities('a &amp; b &#x263A;'); // 'a & b ☺'
 */
export function decodeXmlEntities(text: string): string {
  let decoded = '';
  let from = 0;
  // One pass (`&#38;amp;` is `&amp;`), by hand: a pattern with a replace callback (the browser build's)
  // takes 3.5 times as long on text dense with entities, and a pattern and `parseInt` per reference twice.
  for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
    let value: string | undefined;
    let next = at + 1;
    const c = text.charCodeAt(next);
    if (c === 0x23) {
      // `&#`, 1 to 7 decimal digits or `x` and 1 to 6 hexadecimal ones, `;`.
      const hex = (text.charCodeAt(next + 1) | 0x20) === 0x78;
      let point = 0;
      let digits = 0;
      for (next += hex ? 2 : 1; digits < (hex ? 6 : 7); digits++, next++) {
        const d = text.charCodeAt(next);
        const letter = d | 0x20;
        const digit =
          d >= 0x30 && d <= 0x39 ? d - 0x30 : hex && letter >= 0x61 && letter <= 0x66 ? letter - 0x57 : -1;
        if (digit < 0) break;
        point = point * (hex ? 16 : 10) + digit;
      }
      if (digits > 0 && text.charCodeAt(next++) === 0x3b && point > 0 && point <= 0x10ffff)
        value = String.fromCodePoint(point);
    } else {
      for (let i = 0; i < 5; i++) {
        if (c === ENTITIES[i]!.charCodeAt(0) && text.startsWith(ENTITIES[i]!, next)) {
          value = CHARACTERS[i];
          next += ENTITIES[i]!.length;
          break;
        }
      }
    }
    if (value !== undefined) {
      decoded += text.slice(from, at) + value;
      from = next;
      at = next - 1;
    }
  }
  return from === 0 ? text : decoded + text.slice(from);
}

// What an ASCII character may be in a name: 2 its start (a letter, `_`), 1 what follows (digits, `.`, `-`,
// `:`); anything beyond ASCII may be either. A look-up: names are read a character at a time.
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
  NAME[c] = start ? 2 : c >= 0x2d && c <= 0x3a && c !== 0x2f ? 1 : 0;
}

/**
 * A letter, `_`, or anything beyond ASCII: what may start a name.
 *
 * @example
 * isNameStart('C'.charCodeAt(0)); // true
 */
export function isNameStart(c: number): boolean {
  // The table is read only below 128: past the end of a text charCodeAt gives NaN, and NaN as an index is
  // a property look-up, not an element read. `c > 127 || NAME[c] === 2` did that and measured slower:
  // the worst hostile body of pnpm bench's row 3k took 2.3 ms against 2.0 (quick runs, 4 against 6).
  return c < 128 ? NAME[c] === 2 : c > 127;
}

/**
 * What may follow in a name: name start characters, digits, `.`, `-` and `:`.
 *
 * @example
 * isNameChar('-'.charCodeAt(0)); // true
 */
export function isNameChar(c: number): boolean {
  // As in isNameStart: never the table with NaN.
  return c < 128 ? NAME[c]! > 0 : c > 127;
}

// The known names have six different lengths: a name's length says which one it may be.
const KNOWN_BY_LENGTH: number[] = [];
KNOWN_NAMES.forEach((name, i) => {
  KNOWN_BY_LENGTH[name.length] = i;
});

/**
 * Which of KNOWN_NAMES `name` is, or -1.
 *
 * @example
 * knownIndex('RequestId'); // 2
 */
export function knownIndex(name: string): number {
  const known = KNOWN_BY_LENGTH[name.length] ?? -1;
  // Not KNOWN_NAMES[-1]: an array read at a negative index looks for a property named "-1", slowly.
  return known >= 0 && KNOWN_NAMES[known] === name ? known : -1;
}
