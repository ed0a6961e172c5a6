#!/usr/bin/env node
// The `oss-errors` command: loads the built dist/cli.js. A file of its own so that it exists before the
// build: pnpm links a workspace package's bins when it installs, and a link to a missing dist/cli.js
// fails (with a warning) and never comes back.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'oss-errors: @oss-errors/core is not built yet; run `pnpm build` in its repository.\n',
  );
  process.exit(2);
}
await import(cli.href);
