import { loadOssFixtures, loadPeerVectors } from '@oss-errors/fake-oss';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_NAMES, type KnownName } from '../src/document';
import { readXmlError, type XmlReader } from '../src/xml';
import * as inNode from '../src/xml-chars';
import * as inBrowsers from '../src/xml-chars.browser';
import { readXml } from '../src/xml-reader';
import { HOSTILE_FRAGMENTS as FRAGMENTS } from './xml-documents';

const { decodeXmlEntities } = inNode;

// The rule (README, "Malformed documents"): whenever the text, from its root `<Error` on, holds a complete
// leaf element of a known name (`<Code>text</Code>`: attributes allowed, nothing but text inside) outside
// comments and CDATA sections, and the document gives that name no other value directly under `<Error>`,
// the result has it, whatever else the document contains. Tested by injecting hostile fragments at every
// position of every shared sample, on every reader.

const READERS: readonly XmlReader[] = ['auto', 'built-in', 'fast-xml-parser'];

const samples = [
  ...new Set([...loadOssFixtures().map((f) => f.body), ...loadPeerVectors().map((v) => v.body)]),
].filter((b) => b.trimStart().startsWith('<'));

// What the rule requires, found without the readers: the root check (prolog, then `<Error`), then the
// first non-empty complete leaf of each known name once comments and CDATA sections are cut out (each up
// to its end, or to the end of the text).
const ROOT =
  /^(?:\s|<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->|<!(?!--)[^[>]*(?:\[(?:[^\]]|\](?!>))*\]>|>))*<Error[\s/>]/;
const HIDDEN = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g;
const LEAF =
  /<(Code|Message|RequestId|HostId|EC|RecommendDoc)(?:\s(?:[^<>"']|"[^<"]*"|'[^<']*')*)?>([^<]*)<\/\1\s*>/g;

function required(text: string): Partial<Record<KnownName, string>> | undefined {
  const root = ROOT.exec(text);
  if (root === null) return undefined;
  const visible = text.slice(root[0].length - 7).replace(HIDDEN, '<\u0000');
  const found: Partial<Record<KnownName, string>> = {};
  for (const [, name, raw] of visible.matchAll(LEAF)) {
    const value = decodeXmlEntities(raw!.replace(/\r\n?/g, '\n')).trim();
    if (value !== '') found[name as KnownName] ??= value;
  }
  return found;
}

/** What breaks the rule on `text`, for each reader: one line per broken name ([] when it holds). */
function breaches(text: string, readers: readonly XmlReader[] = READERS): string[] {
  const want = required(text);
  const found: string[] = [];
  for (const reader of readers) {
    const doc = readXmlError(text, reader);
    if (want === undefined) {
      if (doc !== undefined) found.push(`${reader}: a document for ${JSON.stringify(text)}`);
      continue;
    }
    for (const name of KNOWN_NAMES) {
      if (want[name] !== undefined && doc?.known[name] !== want[name])
        found.push(`${reader}: ${name} ${JSON.stringify(doc?.known[name])} in ${JSON.stringify(text)}`);
    }
  }
  return found;
}

// Texts made of the pieces a prolog is made of, whole or broken, in any order.
const prologs = fc
  .array(
    fc.constantFrom(
      ...[' ', '\n', '\u00a0', '\u3000', '\ufeff', 'x', '>', '<', '<?', '?', '?>', '<?xml version="1.0"?>'],
      ...['<!--', '-', '--', '-->', '<!-- c -->', '<!', '<!-', '<!DOCTYPE x', '[', ']', ']>', '<!x [<!y>]>'],
      ...['<Error', '<Error>', '<Error/>', '<Error ', '<Errors>', '<error>', '<Error\u00a0'],
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.join(''));

describe('the root element', () => {
  it('is found where the prolog rules put it, or not at all', () => {
    fc.assert(
      fc.property(prologs, (text) => {
        const root = ROOT.exec(text);
        expect(readXml(text)?.start, text).toBe(root === null ? undefined : root[0].length - 7);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('entities', () => {
  // What XML defines, by a pattern: the five predefined entities, and character references to a code point.
  const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7})));/g;
  const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  const decoded = (text: string): string =>
    text.replace(ENTITY, (whole, name?: string, hex?: string, decimal?: string) => {
      if (name !== undefined) return NAMED[name]!;
      const point = hex === undefined ? Number(decimal) : Number.parseInt(hex, 16);
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    });

  it('are decoded in one pass, and anything else that starts with & is left as written, by both builds', () => {
    const piece = fc.constantFrom(
      ' ',
      ...'& ; # x X 0 9 1 a F g Z lt gt amp quot apos &# &#x &ap; &#65 &#X41; &#x4e2D; &amp; &#38;'.split(
        ' ',
      ),
      ...'&#x26; &#0; &#1114111; &#1114112; &#x10FFFF; &#x110000; &#0000065; &#00000065;'.split(' '),
      ...'&#x000041; &#x0000041;'.split(' '),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(decodeXmlEntities(text), text).toBe(decoded(text));
        expect(inBrowsers.decodeXmlEntities(text), text).toBe(decoded(text));
      }),
      { numRuns: 20_000 },
    );
  });
});

// The reader's character rules have a browser build of their own (xml-chars.browser.ts: smaller, slower).
describe('names are read alike by the Node and browser builds', () => {
  it('every character, and the end of a text (NaN), may start or continue a name alike', () => {
    for (let c = 0; c <= 0xffff; c++) {
      if (
        inNode.isNameStart(c) !== inBrowsers.isNameStart(c) ||
        inNode.isNameChar(c) !== inBrowsers.isNameChar(c)
      )
        expect.fail(`character ${c}`);
    }
    expect(inNode.isNameStart(Number.NaN) || inNode.isNameChar(Number.NaN)).toBe(false);
    expect(inBrowsers.isNameStart(Number.NaN) || inBrowsers.isNameChar(Number.NaN)).toBe(false);
    // What XML says of ASCII, which both follow: letters and `_` start a name, digits, `.`, `-`, `:` follow.
    expect([...'aZ_é'].every((c) => inNode.isNameStart(c.charCodeAt(0)))).toBe(true);
    expect(
      [...'09.-:'].every((c) => inNode.isNameChar(c.charCodeAt(0)) && !inNode.isNameStart(c.charCodeAt(0))),
    ).toBe(true);
    expect([...' /<>=!?"'].some((c) => inNode.isNameChar(c.charCodeAt(0)))).toBe(false);
  });

  it('a known name is told from any other name alike', () => {
    const names = fc.oneof(
      fc.constantFrom(...KNOWN_NAMES, 'code', 'CODE', 'Codes', 'Cod', 'EC ', 'RequestID', '', 'Message2'),
      fc.string({ maxLength: 14 }),
    );
    fc.assert(
      fc.property(names, (name) => {
        expect(inNode.knownIndex(name), name).toBe(inBrowsers.knownIndex(name));
        expect(inNode.knownIndex(name), name).toBe((KNOWN_NAMES as readonly string[]).indexOf(name));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('complete known elements survive any hostile content', () => {
  it('the oracle finds what the samples say', () => {
    for (const sample of samples.filter((s) => /<Code>[^<]+<\/Code>/.test(s))) {
      expect(required(sample)?.Code, sample).toBeDefined();
    }
  });

  it('with a hostile fragment at every position of every shared sample', () => {
    // Every position gets a fragment (in turn), and every fragment goes next to every tag.
    let checked = 0;
    const found: string[] = [];
    samples.forEach((sample, index) => {
      for (let at = 0; at <= sample.length; at++) {
        const next = sample[at];
        const atTag = next === '<' || sample[at - 1] === '>';
        const fragments = atTag ? FRAGMENTS : [FRAGMENTS[(at + index) % FRAGMENTS.length]!];
        for (const fragment of fragments) {
          found.push(...breaches(sample.slice(0, at) + fragment + sample.slice(at), ['auto']));
          checked++;
        }
      }
    });
    expect(found.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
  });

  it('with several fragments anywhere, on every reader', () => {
    const text = fc
      .tuple(
        fc.constantFrom(...samples),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...FRAGMENTS)), { minLength: 1, maxLength: 4 }),
      )
      .map(([sample, inserts]) =>
        inserts.reduce((t, [at, fragment]) => {
          const i = at % (t.length + 1);
          return t.slice(0, i) + fragment + t.slice(i);
        }, sample),
      );
    fc.assert(
      fc.property(text, (t) => {
        expect(breaches(t)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });
});
