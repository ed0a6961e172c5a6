// Makes a machine that has only Node and npm ready: pnpm 10 (installed with npm if missing), the
// workspace's dependencies from the lockfile, and a Chromium for the browser tests (Debian's, installed
// with apt-get when there is none and we are root). Quick when everything is already there.
import { execSync } from 'node:child_process';
import { ensureChromium, missingChromiumMessage } from './chromium.mjs';

function pnpmMajor() {
  try {
    return Number.parseInt(
      execSync('pnpm --version', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
      10,
    );
  } catch {
    return 0;
  }
}

if (pnpmMajor() < 9) {
  console.log('pnpm 10 is not installed: installing it with `npm install -g pnpm@10` ...');
  try {
    execSync('npm install -g pnpm@10 --no-audit --no-fund --loglevel=error', { stdio: 'inherit' });
  } catch {
    console.error(
      'Could not install pnpm globally. Install it yourself (`npm install -g pnpm@10`, with the rights that needs) and run this again.',
    );
    process.exit(1);
  }
}
execSync('pnpm install --frozen-lockfile --prefer-offline', { stdio: 'inherit' });

if (ensureChromium() === undefined) {
  // Not fatal here (the demo needs no browser); pnpm test:browser fails with this same message.
  console.warn(`Warning: ${missingChromiumMessage()}`);
}
