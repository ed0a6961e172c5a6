// What the numbers were measured on: the machine, Node, and the versions of everything compared.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fastXmlParserDir } from './fast-xml-parser.mjs';

const fromRoot = createRequire(new URL('../../package.json', import.meta.url));

/** The version of the package `name` that the bench imports (its entry file's nearest package.json). */
function versionOf(name, resolve = fromRoot.resolve) {
  let dir = dirname(resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === name) return pkg.version;
    } catch {
      // no package.json here
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: os.availableParallelism(),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    versions: {
      axios: versionOf('axios'),
      got: versionOf('got'),
      'fast-xml-parser': JSON.parse(readFileSync(join(fastXmlParserDir(), 'package.json'), 'utf8')).version,
      xml2js: versionOf('xml2js'),
      esbuild: versionOf('esbuild'),
    },
  };
}
