// Checks every publishable package the way a user gets it: packed into a tarball.
// 1. publint and are-the-types-wrong on the tarball (exports map, ESM/CJS types for each condition).
// 2. npm installs the tarballs into a scratch project and imports them from ESM and CJS.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = join(root, '.tmp', 'check-packages');
const packs = join(work, 'packs');
rmSync(work, { recursive: true, force: true });
mkdirSync(packs, { recursive: true });

const run = (command, args, cwd = root) =>
  execFileSync(command, args, { cwd, stdio: 'inherit', env: process.env });

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => manifest.private !== true);

const tarballs = [];
for (const { dir, manifest } of packages) {
  console.log(`\n== ${manifest.name}`);
  run('pnpm', ['pack', '--pack-destination', packs], dir);
  const tarball = join(packs, `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`);
  tarballs.push(tarball);
  run('npx', ['--no-install', 'publint', 'run', tarball, '--strict']);
  run('npx', ['--no-install', 'attw', tarball, '--profile', 'node16']);
}

console.log('\n== installing the tarballs into a scratch project with npm');
const consumer = join(work, 'consumer');
mkdirSync(consumer, { recursive: true });
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }),
);
run(
  'npm',
  ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs],
  consumer,
);
writeFileSync(
  join(consumer, 'check.mjs'),
  `import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import * as esm from '@oss-errors/core';
const cjs = createRequire(import.meta.url)('@oss-errors/core');
const response = { status: 404, headers: { 'X-Oss-Request-Id': 'R1' }, body: '<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>' };
for (const core of [esm, cjs]) {
  assert.deepEqual(Object.keys(core).sort(), ['OssError', 'isOssError', 'parseOssError']);
  const details = core.parseOssError(response);
  assert.equal(details.code, 'NoSuchKey');
  assert.equal(details.requestId, 'R1');
}
assert.notEqual(esm.OssError, cjs.OssError);
assert.equal(esm.isOssError(new cjs.OssError(esm.parseOssError(response))), true);
assert.equal(cjs.isOssError(new esm.OssError(esm.parseOssError(response))), true);
console.log('ESM and CJS entry points work from the installed tarballs; isOssError holds across the two copies.');
`,
);
run('node', ['check.mjs'], consumer);
console.log(`\nChecked ${packages.length} package(s): ${packages.map((p) => p.manifest.name).join(', ')}`);
