// Makes a machine that has only Node and npm ready: pnpm 10 (installed with npm if there is no pnpm at
// all), the workspace's dependencies from the lockfile, and a Chromium for the browser tests (Debian's,
// installed with apt-get when there is none and we are root). Quick when everything is already there.
import { execSync } from 'node:child_process';
import { ensureChromium, missingChromiumMessage } from './chromium.mjs';

const REQUIRED_MAJOR = 10;

/** The version of the pnpm on the PATH, or undefined when there is none. */
function pnpmVersion() {
  try {
    return execSync('pnpm --version', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const found = pnpmVersion();
if (found === undefined) {
  console.log(`pnpm is not installed: installing it with \`npm install -g pnpm@${REQUIRED_MAJOR}\` ...`);
  try {
    execSync(`npm install -g pnpm@${REQUIRED_MAJOR} --no-audit --no-fund --loglevel=error`, {
      stdio: 'inherit',
    });
  } catch {
    console.error(
      `Could not install pnpm globally. Install pnpm ${REQUIRED_MAJOR} yourself (\`npm install -g pnpm@${REQUIRED_MAJOR}\`, with the rights that needs) and run this again.`,
    );
    process.exit(1);
  }
} else if (Number.parseInt(found, 10) !== REQUIRED_MAJOR) {
  // The lockfile and pnpm-workspace.yaml are pnpm 10's, and every check runs with it (pnpm 11 needs Node
  // 22): another major is refused here rather than left to half-work.
  console.error(
    `This repository is built with pnpm ${REQUIRED_MAJOR}; the pnpm on your PATH is ${found}. ` +
      `Install pnpm ${REQUIRED_MAJOR} (\`npm install -g pnpm@${REQUIRED_MAJOR}\`) and run this again.`,
  );
  process.exit(1);
}
execSync('pnpm install --frozen-lockfile --prefer-offline', { stdio: 'inherit' });

if (ensureChromium() === undefined) {
  // Not fatal here (the demo needs no browser); pnpm test:browser fails with this same message.
  console.warn(`Warning: ${missingChromiumMessage()}`);
}
