import { loadOssFixtures, loadPeerVectors } from '@oss-errors/fake-oss';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorDocument } from '../src/document';
import { readXmlError, type XmlReader } from '../src/xml';
import { readXml } from '../src/xml-reader';

// Every document is read by the built-in one-pass reader; in Node, fast-xml-parser reads again the
// well-formed ones with markup OSS never sends, and the browser build has the built-in reader alone. For
// any text, every reader must give the same document: `fast-xml-parser` below reads every well-formed
// document with the parser, `built-in` reads everything with the built-in reader, `auto` is what Node does.

const READERS: readonly XmlReader[] = ['auto', 'built-in', 'fast-xml-parser'];

const show = (doc: ErrorDocument | undefined): string =>
  doc === undefined ? 'undefined' : JSON.stringify([doc.known, [...doc.fields], doc.isErrorDocument]);

function expectSameEverywhere(text: string): void {
  const [first, ...others] = READERS.map((reader) => show(readXmlError(text, reader)));
  for (const other of others) expect(other, text).toBe(first);
}

const samples = [...loadOssFixtures().map((f) => f.body), ...loadPeerVectors().map((v) => v.body)].filter(
  (b) => b.trimStart().startsWith('<'),
);

/** Names, values and markup that keep a document well-formed (as far as the readers care). */
const GOOD = {
  names: [
    ...['Code', 'Message', 'RequestId', 'HostId', 'EC', 'RecommendDoc', 'Key', 'a.b', 'x-y', 'A1', '_u'],
    ...[
      'toString',
      'valueOf',
      'hasOwnProperty',
      'Error',
      'ns:Code',
      'é',
      '名前',
      'Detail',
      'AccessDeniedDetail',
    ],
  ],
  values: [
    ...[
      'x',
      ' ',
      '\n',
      '\r\n',
      '\r',
      '\t',
      '&amp;',
      '&lt;',
      '&#32;',
      '&#x41;',
      '&#13;',
      '&foo;',
      '>',
      '"',
      "'",
    ],
    ...['NoSuchKey', '\u00a0', '\ufeff', '0002-00000040', '<![CDATA[z]]>', '<![CDATA[ a\r\nb <c> ]]>', ']]'],
    ...['<![CDATA[]]>', '<!--c-->', '<?pi x?>', '<b>q</b>', '<b/>', '<ns:b xmlns:ns="u">q</ns:b>'],
  ],
  attributes: ['', '', '', ' a="1"', " b='>'", ' xmlns:ns="u"', ' c = "x" d=\'y\''],
  gaps: ['', ' ', '\n', '\r\n  ', '\t', 'text', '\u00a0', '<!-- c -->', '<?pi?>'],
  roots: ['<Error>', '<Error xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">', "<Error a='>'>", '<Error\n>'],
  prologs: ['', '<?xml version="1.0" encoding="UTF-8"?>\n', '\ufeff', '<!-- c -->'],
  tails: ['', '\n', '<!-- c -->'],
};
/** And what breaks it. */
const BAD = {
  names: ['__proto__', 'constructor', 'prototype', 'a:b:c', ':a', 'a:', 'xmlns:a', 'x\u00a0', '1a', 'a$'],
  values: ['&', '<', '/', '<Code>', '</Code>', '</x>', '<!DOCTYPE x [<!ENTITY a "b">]>', '<!--', '<![CDATA['],
  attributes: [' c="<"', ' d', ' e="x', ' <'],
  roots: ['<Error/>', '<Error a="x>', '<Error/x>', '<Error >', '<Error <'],
  tails: ['</Error>', '<x/>', 'junk', '<Code>T</Code>', '</Error >', '<'],
};

function errorDocuments(parts: typeof GOOD): fc.Arbitrary<string> {
  const child: fc.Memo<string> = fc.memo((depth) =>
    fc
      .tuple(
        fc.constantFrom(...parts.names),
        fc.constantFrom(...parts.attributes),
        fc.array(
          depth > 1
            ? fc.oneof(fc.constantFrom(...parts.values), child(depth - 1))
            : fc.constantFrom(...parts.values),
          {
            maxLength: 6,
          },
        ),
        fc.constantFrom(...parts.gaps),
        fc.constantFrom('', '', '', ' ', '/'),
      )
      .map(([n, a, content, g, end]) =>
        end === '/' ? `${g}<${n}${a}/>` : `${g}<${n}${a}>${content.join('')}</${n}${end}>`,
      ),
  );
  return fc
    .tuple(
      fc.constantFrom(...parts.prologs),
      fc.constantFrom(...parts.roots),
      fc.array(child(3), { maxLength: 30 }),
      fc.constantFrom(...parts.gaps),
      fc.constantFrom(...parts.tails),
    )
    .map(([p, r, children, g, t]) => `${p}${r}${children.join('')}${g}</Error>${t}`);
}

/** Well-formed error documents: flat, nested, with CDATA, comments, entities, attributes, namespaces. */
const wellFormed = errorDocuments(GOOD);
/** The same with broken markup mixed in: names, values, attributes, roots and tails that break it. */
const malformed = errorDocuments({
  names: [...GOOD.names, ...BAD.names],
  values: [...GOOD.values, ...BAD.values],
  attributes: [...GOOD.attributes, ...BAD.attributes],
  gaps: [...GOOD.gaps, '<x>', '</x>', '<'],
  roots: [...GOOD.roots, ...BAD.roots],
  prologs: GOOD.prologs,
  tails: [...GOOD.tails, ...BAD.tails],
});
const damaged = fc
  .tuple(fc.constantFrom(...samples), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }))
  .map(([sample, i, j, insert]) => {
    const [from, to] = [i % (sample.length + 1), j % (sample.length + 1)].sort((x, y) => x - y);
    return sample.slice(0, from) + insert + sample.slice(to);
  });

describe('every XML reader reads alike', () => {
  it('on every real sample', () => {
    for (const sample of samples) expectSameEverywhere(sample);
  });

  it('on generated and damaged documents', () => {
    fc.assert(fc.property(fc.oneof(wellFormed, malformed, damaged), expectSameEverywhere), {
      numRuns: 10_000,
    });
  });

  it('gives fast-xml-parser real work: the well-formed documents are clean, and most have rare markup', () => {
    const texts = fc.sample(wellFormed, { seed: 7, numRuns: 1000 });
    const readings = texts.map((text) => readXml(text)!);
    expect(readings.filter((reading) => reading.clean).length).toBe(texts.length);
    expect(readings.filter((reading) => reading.rare).length).toBeGreaterThan(texts.length / 2);
    expect(readings.filter((reading) => reading.doc.fields.size > 3).length).toBeGreaterThan(
      texts.length / 4,
    );
  });
});
