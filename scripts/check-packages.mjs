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

console.log('\n== installing the tarballs into a scratch project with npm, next to axios and got');
const consumer = join(work, 'consumer');
mkdirSync(consumer, { recursive: true });
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }),
);
run(
  'npm',
  [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...tarballs,
    'axios@1',
    'got@14',
  ],
  consumer,
);
writeFileSync(join(consumer, 'check.mjs'), readFileSync(join(root, 'scripts', 'consumer-check.mjs'), 'utf8'));
writeFileSync(join(consumer, 'check.cjs'), readFileSync(join(root, 'scripts', 'consumer-check.cjs'), 'utf8'));
run('node', ['check.mjs'], consumer);
run('node', ['check.cjs'], consumer);
console.log(`\nChecked ${packages.length} package(s): ${packages.map((p) => p.manifest.name).join(', ')}`);
