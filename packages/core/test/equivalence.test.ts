import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseOssError } from '@oss-errors/core';
import { loadOssFixtures, loadPeerVectors } from '@oss-errors/fake-oss';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserFiles } from '../../../tsup.config';
import { decodeBase64Utf8, readBodyPrefix } from '../src/body';
import { readOssHeaders } from '../src/headers';
import { parserReads, readXmlError, type XmlReader } from '../src/xml';
import { readXml } from '../src/xml-reader';
import { comparable, EQUIVALENCE_CASES, type EquivalenceCase } from './equivalence-cases';
import { HOSTILE_FRAGMENTS, malformedDocuments, wellFormedDocuments } from './xml-documents';

// One table of cases, every reading path held to it. The first test writes the table (a file snapshot:
// `vitest -u` rewrites it when a case or a detail changes on purpose) from the shared fixtures and peer
// vectors, the variants and hostile bodies of the tests, hostile fragments injected into fixtures, and
// generated documents, with the details Node's parseOssError gives. The others hold each path to it.

type Input = Omit<EquivalenceCase, 'expected'>;
type Response = EquivalenceCase['response'];

const DOC = [
  '<Code>NoSuchKey</Code>',
  '<Message>The specified key does not exist.</Message>',
  '<RequestId>5C3D9175B6FC201293AD0000</RequestId>',
  '<HostId>bucket.oss-cn-hangzhou.aliyuncs.com</HostId>',
  '<Key>a.txt</Key>',
  '<EC>0026-00000001</EC>',
].join('');
const toBase64 = (text: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');

/** The bodies of variants.test.ts and the other tests, with their status and headers. */
const VARIANTS: readonly [string, number, Record<string, string>, string][] = [
  ['a standard prolog', 404, {}, `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${DOC}</Error>`],
  ['a prolog with a space before ?>', 404, {}, `<?xml version="1.0" ?>\n<Error>${DOC}</Error>`],
  ['a BOM', 404, {}, `\uFEFF<?xml version="1.0"?><Error>${DOC}</Error>`],
  ['xmlns on <Error>', 404, {}, `<Error xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">${DOC}</Error>`],
  ['CRLF', 404, {}, `<?xml version="1.0"?>\r\n<Error>\r\n${DOC.replace(/></g, '>\r\n<')}\r\n</Error>\r\n`],
  ['values padded with newlines', 404, {}, `<Error>${DOC.replace(/>([^<]+)</g, '>\n  $1\n<')}</Error>`],
  ['a comment before the root', 404, {}, `\n\n  <!-- hi --><Error>${DOC}</Error>`],
  ['a malformed prolog', 404, {}, `<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\n<Error>${DOC}</Error>`],
  [
    'entities',
    400,
    {},
    '<Error><Code>InvalidArgument</Code><Message>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#38; &#x263A;</Message><ArgumentValue>x&amp;y</ArgumentValue></Error>',
  ],
  [
    'CDATA',
    404,
    {},
    '<Error><Code><![CDATA[NoSuchKey]]></Code><Message>x <![CDATA[a &amp; <b>]]></Message></Error>',
  ],
  [
    'an injected script',
    403,
    {},
    `<Error><script type="text/javascript">var x = {};</script>${DOC}<Extra>1</Extra></Error>`,
  ],
  ['a script with a <', 403, {}, `<Error><script>var x = 1 < 2; if (a<b) {}</script>${DOC}</Error>`],
  [
    'AccessDeniedDetail',
    403,
    {},
    '<Error><Code>AccessDenied</Code><AccessDeniedDetail><AuthPrincipalType>RAM</AuthPrincipalType><PolicyType>Bucket</PolicyType></AccessDeniedDetail></Error>',
  ],
  ['repeated elements', 404, {}, '<Error><Code>A</Code><Code>B</Code><Key>1</Key><Key>2</Key></Error>'],
  [
    'JSON {"Error": ...} in any letter case',
    404,
    {},
    '{"error":{"code":"NoSuchKey","MESSAGE":"The specified key does not exist.","RequestId":"R","Key":"a.txt","Ec":"0026-00000001"}}',
  ],
  [
    'flat JSON with x-oss-error-type',
    400,
    { 'x-oss-error-type': 'BadRequestException', 'x-oss-request-id': 'id-1', 'x-oss-ec': '0016-00000502' },
    '{"message": "Invalid table bucket operation.", "details": {"field": "name"}}',
  ],
  ['flat JSON without x-oss-error-type', 404, { 'x-oss-request-id': 'id-2' }, '{"message": "gone"}'],
  [
    'x-oss-err, non-ASCII',
    404,
    {
      'x-oss-err': toBase64(`<Error>${DOC.replace('does not exist.', '对象不存在')}</Error>`),
      'x-oss-request-id': 'H',
    },
    '',
  ],
  [
    'x-oss-err, URL-safe and wrapped',
    404,
    {
      'x-oss-err': toBase64(`<Error>${DOC}<M>??>></M></Error>`)
        .replace(/\+/g, '-')
        .replace(/=+$/, '')
        .replace(/(.{60})/g, '$1\n'),
    },
    '',
  ],
  [
    'the body over x-oss-err',
    404,
    { 'x-oss-err': toBase64('<Error><Code>FromHeader</Code></Error>') },
    `<Error>${DOC}</Error>`,
  ],
  ['headers only', 404, { 'X-OSS-Request-Id': 'ONLY-HEADERS', 'x-oss-ec': '0026-00000001' }, ''],
  [
    'clock skew',
    403,
    {},
    '<Error><Code>RequestTimeTooSkewed</Code><RequestTime>2022-09-04T07:11:33.000Z</RequestTime><ServerTime>2022-09-04T08:11:37.000Z</ServerTime></Error>',
  ],
  [
    'clock skew from Date',
    403,
    { Date: 'Wed, 28 Dec 2022 10:27:41 GMT' },
    '<Error><Code>RequestTimeTooSkewed</Code></Error>',
  ],
  [
    'next append position',
    409,
    { 'x-oss-next-append-position': '1717' },
    '<Error><Code>PositionNotEqualToLength</Code></Error>',
  ],
  ['a 200 without a document', 200, { 'x-oss-request-id': 'R' }, 'hello'],
  [
    'a 203 callback failure',
    203,
    {},
    '<Error><Code>CallbackFailed</Code><Message>Error status : 301.</Message></Error>',
  ],
  ['a 200 with a document', 200, {}, `<Error>${DOC}</Error>`],
  [
    'a gateway page',
    502,
    { 'content-type': 'text/html' },
    '<html><body><h1>502 Bad Gateway</h1></body></html>',
  ],
  ['a JSON 429 without OSS headers', 429, {}, '{"message": "rate limited"}'],
  ['another root', 404, {}, '<html><Error><Code>NoSuchKey</Code></Error></html>'],
  ['an HTML page with a request id', 502, { 'x-oss-request-id': 'R' }, '<html>bad gateway</html>'],
  [
    'an unclosed element',
    404,
    { 'x-oss-request-id': 'HEADER' },
    '<Error><Code>NoSuchKey</Code><Message>gone</Message><Broken><RequestId>R1</RequestId><EC>0026-00000001</EC></Error>',
  ],
  [
    'truncated XML',
    403,
    {},
    '<?xml version="1.0"?>\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>no</Message>\n  <RequestId>56',
  ],
  ['truncated JSON', 404, {}, '{"Error": {"Code": "NoSuchBucket", "Message": "gone", "RequestId": "R'],
  ['only <Error', 500, { 'x-oss-request-id': 'R' }, '<Error'],
  ['x-oss-err not base64', 403, { 'x-oss-err': '%%% not base64 %%%' }, ''],
  [
    'billion laughs and an external entity',
    403,
    {},
    `<?xml version="1.0"?><!DOCTYPE Error [<!ENTITY lol0 "lol">${lol}<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Error><Code>AccessDenied</Code><Message>&lol9;&xxe;</Message></Error>`,
  ],
  [
    'a DOCTYPE inside the root',
    403,
    {},
    '<Error><!DOCTYPE x [<!ENTITY a "expanded">]><Code>&a;</Code></Error>',
  ],
  [
    '__proto__ elements',
    403,
    {},
    '<Error><Code>A</Code><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor><prototype>p</prototype></Error>',
  ],
  [
    '__proto__ JSON',
    403,
    {},
    '{"Error": {"Code": "A", "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}}',
  ],
  [
    'a body past 64 KiB',
    404,
    {},
    `<Error><Code>NoSuchKey</Code><Message>${'x'.repeat(70 * 1024)}</Message></Error>`,
  ],
  ['deep nesting', 400, {}, `<Error><Code>Deep</Code>${'<a>'.repeat(150)}x${'</a>'.repeat(150)}</Error>`],
  [
    'many elements',
    400,
    {},
    `<Error><Code>Many</Code>${Array.from({ length: 300 }, (_, i) => `<F${i}>v</F${i}>`).join('')}</Error>`,
  ],
  ['deep JSON', 400, {}, `{"Error": {"Code": "J", "x": ${'['.repeat(300)}${']'.repeat(300)}}}`],
  ['text after the root', 403, {}, `<Error><Code>AccessDenied</Code></Error><Message>after</Message>`],
  ['a second root', 403, {}, `<Error><Message>first</Message></Error><Error>${DOC}</Error>`],
  ['a stray < and &', 403, {}, `<Error><Code>A & B</Code><Message>1 < 2 > 0</Message>${DOC}</Error>`],
  ['mismatched tags', 403, {}, `<Error><a><b></a></b>${DOC}</Error>`],
  [
    'namespaces and a PI',
    403,
    {},
    `<Error xmlns:o="u"><o:Code>NoSuchKey</o:Code><?pi x?><o:Key>k</o:Key></Error>`,
  ],
];

function xmlResponse(body: string): Response {
  return { status: 403, headers: { 'x-oss-request-id': 'REQ-HEADER' }, body };
}

function inputs(): Input[] {
  const fixtures = loadOssFixtures();
  const xmlFixtures = fixtures.filter((f) => f.body.includes('<Code>'));
  const hostile = HOSTILE_FRAGMENTS.flatMap((fragment, index) =>
    // Two different fixtures for each fragment: before Code, inside the Message value, or right after the
    // root's start tag, in turn.
    [index, index + 1 + ((index * 7) % (xmlFixtures.length - 1))].map((pick) => {
      const fixture = xmlFixtures[pick % xmlFixtures.length]!;
      const anchors = [
        fixture.body.indexOf('<Code>'),
        fixture.body.indexOf('</Message>') - 5,
        fixture.body.indexOf('<Error') + 7,
      ];
      const at = anchors[index % anchors.length]!;
      return {
        name: `hostile ${JSON.stringify(fragment)} in ${fixture.name} at ${at}`,
        response: { ...fixture, body: fixture.body.slice(0, at) + fragment + fixture.body.slice(at) },
      };
    }),
  );
  const generated = (label: string, documents: fc.Arbitrary<string>, seed: number): Input[] =>
    fc
      .sample(documents, { seed, numRuns: 60 })
      .map((body, i) => ({ name: `${label} #${i}`, response: xmlResponse(body) }));
  return [
    ...fixtures.map(({ name, status, headers, body, method }) => ({
      name,
      response: { status, headers, body, method },
    })),
    ...loadPeerVectors().map(({ id, status, headers, body, method }) => ({
      name: id,
      response: { status, headers, body, method },
    })),
    ...VARIANTS.map(([name, status, headers, body]) => ({ name, response: { status, headers, body } })),
    ...hostile,
    ...generated('well-formed', wellFormedDocuments, 1),
    ...generated('malformed', malformedDocuments, 2),
  ];
}

/** The XML texts a response's reading goes through: its body, and its x-oss-err document. */
function xmlTexts(response: Response): string[] {
  const texts = [readBodyPrefix(response.body)];
  const err = readOssHeaders(response.headers).err;
  const decoded = err === undefined ? undefined : decodeBase64Utf8(err);
  if (decoded !== undefined) texts.push(decoded);
  return texts.filter((text) => text.trimStart().startsWith('<'));
}

function mismatches(parse: (response: Response) => object | undefined): string[] {
  return EQUIVALENCE_CASES.filter(({ response, expected }) => {
    return JSON.stringify(comparable(parse(response))) !== JSON.stringify(expected);
  }).map(({ name }) => name);
}

describe('the equivalence table', () => {
  it('holds every case, with the details Node gives (vitest -u rewrites it)', async () => {
    const table = inputs().map((input) => ({
      ...input,
      expected: comparable(parseOssError(input.response)),
    }));
    expect(new Set(table.map((c) => c.name)).size).toBe(table.length);
    // One case a line: a change shows as the lines of the cases it changes.
    await expect(`[\n${table.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`).toMatchFileSnapshot(
      './fixtures/equivalence-cases.json',
    );
  });

  it('has every kind of case, and documents that fast-xml-parser reads in Node', () => {
    const names = EQUIVALENCE_CASES.map((c) => c.name);
    for (const fixture of loadOssFixtures()) expect(names).toContain(fixture.name);
    expect(names.filter((name) => name.startsWith('hostile ')).length).toBe(2 * HOSTILE_FRAGMENTS.length);
    expect(EQUIVALENCE_CASES.length).toBeGreaterThan(350);
    const texts = EQUIVALENCE_CASES.flatMap(({ response }) => xmlTexts(response));
    const readings = texts.map((text) => readXml(text));
    const parsed = readings.filter((reading, i) => reading !== undefined && parserReads(texts[i]!, reading));
    expect(parsed.length).toBeGreaterThan(20);
    expect(readings.filter((reading) => reading?.clean === false).length).toBeGreaterThan(100);
  });

  it('Node: parseOssError gives the details of every case', () => {
    expect(mismatches(parseOssError)).toEqual([]);
  });

  it.each<XmlReader>(['built-in', 'fast-xml-parser'])(
    'Node: the %s reader reads every XML text of every case as parseOssError does',
    (reader) => {
      const show = (text: string, path: XmlReader): string => {
        const doc = readXmlError(text, path);
        return JSON.stringify(doc === undefined ? null : [doc.known, [...doc.fields]]);
      };
      const differing = EQUIVALENCE_CASES.flatMap(({ name, response }) =>
        xmlTexts(response)
          .filter((text) => show(text, reader) !== show(text, 'auto'))
          .map(() => name),
      );
      expect(differing).toEqual([]);
    },
  );

  describe('the browser build (esbuild, `.browser.ts` stand-ins, as tsup builds dist/browser)', () => {
    let dir: string;
    let browserParse: (response: Response) => object | undefined;

    beforeAll(async () => {
      const result = await esbuild.build({
        stdin: {
          contents: "export { parseOssError } from './src/index.ts';",
          resolveDir: join(import.meta.dirname, '..'),
          loader: 'ts',
        },
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        metafile: true,
        plugins: [browserFiles],
        logLevel: 'silent',
      });
      const inputsOfBundle = Object.keys(result.metafile.inputs);
      expect(inputsOfBundle.some((file) => file.includes('fast-xml-parser'))).toBe(false);
      expect(inputsOfBundle.some((file) => file.endsWith('xml.browser.ts'))).toBe(true);
      dir = mkdtempSync(join(tmpdir(), 'oss-errors-browser-'));
      const file = join(dir, 'core.mjs');
      writeFileSync(file, result.outputFiles[0]!.text);
      ({ parseOssError: browserParse } = (await import(pathToFileURL(file).href)) as {
        parseOssError: typeof browserParse;
      });
    });

    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('gives the details of every case', () => {
      expect(mismatches(browserParse)).toEqual([]);
    });
  });
});
