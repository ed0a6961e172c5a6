// Checks that the flat-document fast path in packages/core/src/xml.ts reads every input exactly as the
// fast-xml-parser path does: `node bench/verify-fast-path.mjs [runs]` (default 200,000 generated inputs,
// plus every shared fixture and peer vector). Not part of `pnpm bench`; run it after touching xml.ts.
// It bundles xml.ts twice with esbuild, once as it is and once with the fast path switched off, and
// compares what readXmlError returns for real samples, damaged samples and generated documents.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadOssFixtures, loadPeerVectors } from '@oss-errors/fake-oss';
import * as esbuild from 'esbuild';
import fc from 'fast-check';

const RUNS = Number(process.argv[2] ?? 200_000);
const XML_TS = fileURLToPath(new URL('../packages/core/src/xml.ts', import.meta.url));
const CORE_MODULES = fileURLToPath(new URL('../packages/core/node_modules', import.meta.url));
const CALL = 'const flat = readFlatXmlError(text, start, end);';

/** Bundles xml.ts with its source rewritten by `edit`; fails loudly if the edit no longer applies. */
async function bundle(dir, name, edit) {
  const outfile = join(dir, `${name}.mjs`);
  await esbuild.build({
    entryPoints: [XML_TS],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    nodePaths: [CORE_MODULES],
    logLevel: 'error',
    plugins: [
      {
        name: 'edit-xml-ts',
        setup(build) {
          build.onLoad({ filter: /[/\\]xml\.ts$/ }, () => {
            const source = readFileSync(XML_TS, 'utf8');
            const edited = edit(source);
            if (edited === source) throw new Error(`xml.ts changed: "${name}" edit no longer applies`);
            return { contents: edited, loader: 'ts' };
          });
        },
      },
    ],
  });
  return import(pathToFileURL(outfile).href);
}

const dir = mkdtempSync(join(tmpdir(), 'oss-errors-fast-path-'));
const fast = await bundle(dir, 'fast', (s) =>
  s.replace('function readFlatXmlError(', 'export function readFlatXmlError('),
);
const parser = await bundle(dir, 'parser', (s) => s.replace(CALL, 'const flat = undefined;'));
rmSync(dir, { recursive: true });

const show = (doc) =>
  doc === undefined ? 'undefined' : JSON.stringify([doc.known, [...doc.fields], doc.isErrorDocument]);
let total = 0;
let tookFastPath = 0;
const mismatches = [];
function agrees(text) {
  total++;
  const start = fast.findErrorRoot(text);
  const end = text.lastIndexOf('</Error>');
  if (start >= 0 && end >= start && fast.readFlatXmlError(text, start, end) !== undefined) tookFastPath++;
  const [a, b] = [show(fast.readXmlError(text)), show(parser.readXmlError(text))];
  if (a !== b && mismatches.length < 5) mismatches.push({ text, fastPath: a, parser: b });
  return a === b;
}

const samples = [...loadOssFixtures().map((f) => f.body), ...loadPeerVectors().map((v) => v.body)].filter(
  (b) => b.trimStart().startsWith('<'),
);
for (const sample of samples) agrees(sample);
const realOnFastPath = tookFastPath;

// Documents the fast path should take, and near-misses it must decline: odd names (prototype members,
// namespaces, dots), entities, CR/LF, quotes and '>' in values and in the root's attributes, duplicates,
// more than 100 fields, text, comments, CDATA and nesting where a leaf is expected.
const name = fc.constantFrom(
  ...['Code', 'Message', 'RequestId', 'HostId', 'EC', 'RecommendDoc', 'Key', 'Foo.Code', 'a.b', 'x-y', 'A1'],
  ...['_u', 'toString', '__proto__', 'constructor', 'prototype', 'valueOf', 'Error', 'ns:Code', 'é', 'code'],
);
const valuePart = fc.constantFrom(
  ...['x', ' ', '\n', '\r\n', '\r', '\t', '&amp;', '&lt;', '&#32;', '&#x41;', '&foo;', '&', '>', '"', "'"],
  ...['NoSuchKey', '\u00a0', '\ufeff', '0002-00000040', '<![CDATA[z]]>', '<!--c-->', '<b>q</b>', '<', '/'],
);
const value = fc.array(valuePart, { maxLength: 8 }).map((parts) => parts.join(''));
const gap = fc.constantFrom('', ' ', '\n', '\r\n  ', '\t', 'text', '\u00a0');
const child = fc
  .tuple(name, value, gap, fc.constantFrom('', '', '', ' ', '/'))
  .map(([n, v, g, tail]) => (tail === '/' ? `${g}<${n}/>` : `${g}<${n}${tail}>${v}</${n}>`));
const root = fc.constantFrom(
  ...['<Error>', '<Error xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">', "<Error a='>'>", '<Error\n>'],
  ...['<Error/>', '<Error a="x>', '<Error/x>', '<Error >'],
);
const prolog = fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>\n', '\ufeff', '<!-- c -->');
const after = fc.constantFrom('', '\n', '</Error>', '<x/>', '<!-- padding -->', 'junk');
const documents = fc
  .tuple(prolog, root, fc.array(child, { maxLength: 120 }), gap, after)
  .map(([p, r, children, g, a]) => `${p}${r}${children.join('')}${g}</Error>${a}`);
// Documents made only of what the fast path takes, so that most of them do take it.
const cleanName = fc.constantFrom(
  'Code',
  'Message',
  'RequestId',
  'HostId',
  'EC',
  'Key',
  'Foo.Code',
  'x-y',
  'B_2',
);
const cleanPart = fc.constantFrom(
  ...['x', ' ', '\n', '\r\n', '\r', '\t', '&amp;', '&lt;', '&#32;', '&#x20;', '&#10;', '&foo;', '&', '>'],
  ...['"', "'", '=', '/', ']]>', '\u00a0', 'é', '😀', '0002-00000040'],
);
const cleanChild = fc
  .tuple(cleanName, fc.array(cleanPart, { maxLength: 8 }), fc.constantFrom('', ' ', '\n', '\r\n  ', '\t'))
  .map(([n, parts, g]) => `${g}<${n}>${parts.join('')}</${n}>`);
const cleanDocuments = fc
  .tuple(prolog, fc.constantFrom('<Error>', '<Error xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">'))
  .chain(([p, r]) =>
    fc.array(cleanChild, { maxLength: 120 }).map((children) => `${p}${r}${children.join('')}\n</Error>`),
  );
const damaged = fc
  .tuple(fc.constantFrom(...samples), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }))
  .map(([sample, i, j, insert]) => {
    const [from, to] = [i % (sample.length + 1), j % (sample.length + 1)].sort((x, y) => x - y);
    return sample.slice(0, from) + insert + sample.slice(to);
  });
fc.check(fc.property(fc.oneof(documents, cleanDocuments, damaged), agrees), {
  numRuns: RUNS,
  endOnFailure: false,
});

process.stdout.write(
  `${total} inputs (${samples.length} real samples, ${realOnFastPath} of them on the fast path; ` +
    `${tookFastPath} inputs in all on the fast path): ${mismatches.length === 0 ? 'no' : 'SOME'} disagreements\n`,
);
for (const mismatch of mismatches) process.stdout.write(`${JSON.stringify(mismatch, null, 2)}\n`);
process.exit(mismatches.length === 0 ? 0 : 1);
