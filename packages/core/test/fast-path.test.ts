import { loadOssFixtures, loadPeerVectors } from '@oss-errors/fake-oss';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorDocument } from '../src/document';
import { readXmlError } from '../src/xml';

// Flat <Error> documents (plain-text leaf children only: what OSS sends) are read in one pass; everything
// else goes to fast-xml-parser. The fast path may only decline, never decide differently: for any text,
// reading it with and without the fast path must give the same document.

const show = (doc: ErrorDocument | undefined): string =>
  doc === undefined ? 'undefined' : JSON.stringify([doc.known, [...doc.fields], doc.isErrorDocument]);

const samples = [...loadOssFixtures().map((f) => f.body), ...loadPeerVectors().map((v) => v.body)].filter(
  (b) => b.trimStart().startsWith('<'),
);

const name = fc.constantFrom(
  ...['Code', 'Message', 'RequestId', 'HostId', 'EC', 'RecommendDoc', 'Key', 'Foo.Code', 'a.b', 'x-y', 'A1'],
  ...['_u', 'toString', '__proto__', 'constructor', 'prototype', 'valueOf', 'Error', 'ns:Code', 'é', 'code'],
);
const valuePart = fc.constantFrom(
  ...['x', ' ', '\n', '\r\n', '\r', '\t', '&amp;', '&lt;', '&#32;', '&#x41;', '&foo;', '&', '>', '"', "'"],
  ...['NoSuchKey', '\u00a0', '\ufeff', '0002-00000040', '<![CDATA[z]]>', '<!--c-->', '<b>q</b>', '<', '/'],
);
const gap = fc.constantFrom('', ' ', '\n', '\r\n  ', '\t', 'text', '\u00a0');
const child = fc
  .tuple(name, fc.array(valuePart, { maxLength: 8 }), gap, fc.constantFrom('', '', ' ', '/'))
  .map(([n, parts, g, tail]) => (tail === '/' ? `${g}<${n}/>` : `${g}<${n}${tail}>${parts.join('')}</${n}>`));
const root = fc.constantFrom(
  ...['<Error>', '<Error xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">', "<Error a='>'>", '<Error\n>'],
  ...['<Error/>', '<Error a="x>', '<Error/x>', '<Error >'],
);
const prolog = fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>\n', '\ufeff', '<!-- c -->');
const tail = fc.constantFrom('', '\n', '</Error>', '<x/>', 'junk');
const documents = fc
  .tuple(prolog, root, fc.array(child, { maxLength: 120 }), gap, tail)
  .map(([p, r, children, g, t]) => `${p}${r}${children.join('')}${g}</Error>${t}`);
const damaged = fc
  .tuple(fc.constantFrom(...samples), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }))
  .map(([sample, i, j, insert]) => {
    const [from, to] = [i % (sample.length + 1), j % (sample.length + 1)].sort((x, y) => x - y);
    return sample.slice(0, from) + insert + sample.slice(to);
  });

describe('the flat-document fast path', () => {
  it('reads every real sample as fast-xml-parser does', () => {
    for (const sample of samples)
      expect(show(readXmlError(sample)), sample).toBe(show(readXmlError(sample, false)));
  });

  it('reads generated and damaged documents as fast-xml-parser does', () => {
    fc.assert(
      fc.property(fc.oneof(documents, damaged), (text) => {
        expect(show(readXmlError(text))).toBe(show(readXmlError(text, false)));
      }),
      { numRuns: 20_000 },
    );
  });
});
