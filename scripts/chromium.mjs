// Finds the Chromium or Chrome that the browser tests drive (nothing here, nor in the tests, downloads a
// browser build of its own), and installs Debian's chromium when there is none and this machine can.
//
//   node scripts/chromium.mjs            prints the browser's path; installs it first if it can; exit 1 if none
//   import { findChromium } from ...     the path, or undefined
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where a system Chromium or Chrome usually is, after `CHROME_PATH`. */
export const CHROMIUM_LOCATIONS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `CHROME_PATH` when set (it must then be an executable), else the first usual location that is one. */
export function findChromium(env = process.env) {
  const chosen = env.CHROME_PATH;
  if (chosen !== undefined && chosen !== '') return isExecutable(chosen) ? chosen : undefined;
  return CHROMIUM_LOCATIONS.find(isExecutable);
}

/** One paragraph for a person: why there is no browser and what to do about it. */
export function missingChromiumMessage(env = process.env) {
  const chosen = env.CHROME_PATH;
  const looked =
    chosen !== undefined && chosen !== ''
      ? `CHROME_PATH=${chosen} is not an executable file.`
      : `No Chromium or Chrome in CHROME_PATH or at ${CHROMIUM_LOCATIONS.join(', ')}.`;
  return (
    `${looked} The browser tests (pnpm test:browser, part of npm test) need one: on Debian or Ubuntu ` +
    'run `sudo apt-get install chromium` (npm test does it by itself when run as root), or point ' +
    'CHROME_PATH at any Chromium or Chrome. Everything else runs without it: pnpm test:unit.'
  );
}

function canInstallWithApt() {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

/**
 * The browser's path. When there is none, on Debian/Ubuntu as root, installs Debian's `chromium` package
 * (`apt-get update`, then `apt-get install -y chromium`; about 70 s) and looks again. Undefined when
 * there is still none.
 */
export function ensureChromium({ log = console.log } = {}) {
  const found = findChromium();
  if (found !== undefined || (process.env.CHROME_PATH ?? '') !== '' || !canInstallWithApt()) return found;
  log("No Chromium for the browser tests: installing Debian's chromium (apt-get, about 70 s) ...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  } catch (error) {
    log(`apt-get could not install chromium: ${error instanceof Error ? error.message : String(error)}`);
  }
  return findChromium();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const path = ensureChromium();
  if (path === undefined) {
    console.error(missingChromiumMessage());
    process.exit(1);
  }
  console.log(path);
}
