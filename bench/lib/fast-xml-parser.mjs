// fast-xml-parser is a dependency of @oss-errors/core, not of the workspace root, so a plain import may
// not resolve from bench/. Then load the same ESM build the core's dist imports, found through the core.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const fromCore = createRequire(new URL('../../packages/core/package.json', import.meta.url));

/** The directory of the fast-xml-parser that @oss-errors/core resolves. */
export function fastXmlParserDir() {
  // require.resolve gives lib/fxp.cjs; the package root is the nearest folder with its package.json.
  let dir = dirname(fromCore.resolve('fast-xml-parser'));
  while (!readJson(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function importFastXmlParser() {
  try {
    return await import('fast-xml-parser');
  } catch {
    const dir = fastXmlParserDir();
    const entry = readJson(join(dir, 'package.json')).exports['.'].import.default;
    return import(pathToFileURL(join(dir, entry)).href);
  }
}
