import { loadOssFixtures, loadPeerVectors } from '@oss-errors/fake-oss';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorDocument } from '../src/document';
import { parserReads, readXmlError, type XmlReader } from '../src/xml';
import { readXml } from '../src/xml-reader';
import { malformedDocuments, wellFormedDocuments } from './xml-documents';

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
    fc.assert(fc.property(fc.oneof(wellFormedDocuments, malformedDocuments, damaged), expectSameEverywhere), {
      numRuns: 4000,
    });
  });

  it('leaves a document over 1 KiB to the built-in reader, whose reading fast-xml-parser would give too', () => {
    const body = (units: number): string =>
      `<Error xmlns:o="u"><o:Code>NoSuchKey</o:Code><?pi x?>${'<o:Key>k</o:Key><o:D><o:E>x</o:E></o:D>'.repeat(units)}</Error>`;
    const short = body(20);
    const long = body(2000);
    expect(short.length).toBeLessThanOrEqual(1024);
    expect(parserReads(short, readXml(short)!)).toBe(true);
    expect(parserReads(`${short} `, readXml(`${short} `)!)).toBe(true);
    expect(parserReads(long, readXml(long)!)).toBe(false);
    expect(parserReads(long, readXml(long)!, 'fast-xml-parser')).toBe(true);
    expectSameEverywhere(long);
    expect(readXmlError(long)?.known.Code).toBe('NoSuchKey');
    expect(readXmlError(long)?.fields.get('D.E')).toBe('x');
  });

  it('gives fast-xml-parser real work: the well-formed documents are clean, and most have rare markup', () => {
    const texts = fc.sample(wellFormedDocuments, { seed: 7, numRuns: 1000 });
    const readings = texts.map((text) => readXml(text)!);
    expect(readings.filter((reading) => reading.clean).length).toBe(texts.length);
    expect(readings.filter((reading, i) => parserReads(texts[i]!, reading)).length).toBeGreaterThan(
      texts.length / 2,
    );
    expect(readings.filter((reading) => reading.doc.fields.size > 3).length).toBeGreaterThan(
      texts.length / 4,
    );
  });
});
