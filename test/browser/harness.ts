import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import { type BuildOptions, build } from 'esbuild';
import { type Browser, type BrowserServer, type CDPSession, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { findChromium, missingChromiumMessage } from '../../scripts/chromium.mjs';

// A small harness for tests that must run in a real browser: Chromium is started once per test run
// (globalSetup: launchChromium), each test file bundles its page module with esbuild from the BUILT
// packages (dist/, through their package.json exports, as an application's bundler would), serves it on
// one loopback origin and the fake OSS on another (so CORS applies for real), and calls the page's
// exported functions with JSON in and JSON out. Everything the page's console says and every uncaught
// error or unhandled rejection is collected; tests assert that there was none.
//
// A new browser test: a page module in pages/ that exports async functions (it imports the packages as
// an application does), and a *.test.ts here that does
//   const page = await openBrowserPage(new URL('./pages/mine.ts', import.meta.url));
//   const result = await page.run<Result>('myFunction', input);
//   expect(await page.takeProblems()).toEqual([]);
// page.bundle.inputs lists the files the page was bundled from (for checks on what a build pulls in).

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The launch flags of the house rules (Playwright gives every launch a fresh --user-data-dir). */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The WebSocket endpoint of the Chromium that globalSetup started. */
    chromiumEndpoint: string;
  }
}

/**
 * Starts the system Chromium (CHROME_PATH or a usual location) behind a Playwright browser server.
 * Throws, with what to do, when there is no browser or the packages are not built.
 */
export async function launchChromium(): Promise<BrowserServer> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error(missingChromiumMessage());
  for (const pkg of ['core', 'axios-interceptor']) {
    const built = `${ROOT}packages/${pkg}/dist/index.js`;
    if (!existsSync(built))
      throw new Error(`${built} is missing: the browser tests use the built packages, run pnpm build first.`);
  }
  return chromium.launchServer({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] });
}

/** How one page module is bundled: esbuild options an application could set (alias, nodePaths). */
export type BundleOptions = Pick<BuildOptions, 'alias' | 'nodePaths'>;

/** The page module, bundled for the browser, and the files it was made of (relative to the repo root). */
export interface PageBundle {
  readonly code: string;
  readonly inputs: readonly string[];
}

/**
 * Bundles `entry` for the browser the way an application's bundler does: esbuild's browser platform, so
 * the `browser`, `import` and `default` export conditions (never `@oss-errors/source`). Its exports
 * become `window.page`.
 */
export async function bundlePage(entry: URL, options: BundleOptions = {}): Promise<PageBundle> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    globalName: 'page',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    ...options,
  });
  return {
    code: result.outputFiles[0]!.text,
    inputs: Object.keys(result.metafile.inputs),
  };
}

/** Something the page reported that a test did not ask for. */
export interface PageProblem {
  readonly kind: 'console' | 'exception' | 'unhandled-rejection' | 'browser-log';
  readonly text: string;
}

/** A bundled page open in Chromium, next to a fake OSS on another origin. */
export interface BrowserPage {
  /** The page's origin, e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  /** The fake OSS, on another origin than the page. */
  readonly oss: FakeOss;
  readonly bundle: PageBundle;
  /** Calls `window.page[name](input)` (awaited) and returns its result; both sides go through JSON. */
  run<T>(name: string, input?: unknown): Promise<T>;
  /**
   * What the page reported since the last call, and forgets it: console errors, warnings and assertions
   * from scripts; uncaught exceptions; unhandled rejections; and the browser's own log entries other
   * than the network log of failed responses (which every failing request makes) and entries matching
   * `expected` (for example the CORS error of a request made to fail CORS on purpose).
   */
  takeProblems(expected?: readonly RegExp[]): Promise<PageProblem[]>;
  close(): Promise<void>;
}

const HTML = `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>oss-errors browser tests</title>
<script>
  window.unhandledRejections = [];
  addEventListener('unhandledrejection', (event) => {
    const reason = event.reason;
    window.unhandledRejections.push(String((reason && reason.stack) || reason));
  });
</script>
<script src="/page.js"></script>
`;

function servePage(bundle: PageBundle): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(HTML);
    else if (req.url === '/page.js')
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(bundle.code);
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Collects what the page reports, over a CDP session of its own (the source of each log entry). */
async function watchPage(page: Page): Promise<{ session: CDPSession; reports: PageProblem[] }> {
  const session = await page.context().newCDPSession(page);
  const reports: PageProblem[] = [];
  session.on('Runtime.consoleAPICalled', (event) => {
    if (!['error', 'warning', 'assert'].includes(event.type)) return;
    const text = event.args.map((arg) => String(arg.value ?? arg.description ?? '')).join(' ');
    reports.push({ kind: 'console', text: `console.${event.type}: ${text}` });
  });
  session.on('Runtime.exceptionThrown', (event) => {
    const details = event.exceptionDetails;
    reports.push({ kind: 'exception', text: details.exception?.description ?? details.text });
  });
  session.on('Log.entryAdded', ({ entry }) => {
    // The browser logs every response with an error status: the tests provoke those on purpose.
    if (entry.source === 'network') return;
    if (entry.level !== 'error' && entry.level !== 'warning') return;
    reports.push({ kind: 'browser-log', text: `${entry.source} ${entry.level}: ${entry.text}` });
  });
  await session.send('Runtime.enable');
  await session.send('Log.enable');
  return { session, reports };
}

/**
 * Bundles `entry` (see {@link bundlePage}), serves it on 127.0.0.1 (a free port), starts a fake OSS on
 * another port, and opens the page in the Chromium of this test run.
 */
export async function openBrowserPage(entry: URL, options: BundleOptions = {}): Promise<BrowserPage> {
  const bundle = await bundlePage(entry, options);
  const [server, oss, browser] = await Promise.all([
    servePage(bundle),
    startFakeOss(),
    chromium.connect(inject('chromiumEndpoint')),
  ]);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browserToClose: Browser | undefined = browser;
  try {
    const page = await browser.newPage();
    const { session, reports } = await watchPage(page);
    await page.goto(`${origin}/`);
    browserToClose = undefined;

    let marks = 0;
    // Every report the page made before this returns has arrived: the session delivers events in order.
    const drain = async (): Promise<void> => {
      const mark = `harness-mark-${++marks}`;
      const seen = new Promise<void>((resolve) => {
        const onConsole = (event: { args: Array<{ value?: unknown }> }) => {
          if (event.args[0]?.value !== mark) return;
          session.off('Runtime.consoleAPICalled', onConsole);
          resolve();
        };
        session.on('Runtime.consoleAPICalled', onConsole);
      });
      // Two turns of the event loop first, so that a rejection left unhandled is reported.
      await page.evaluate(async (text) => {
        for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
        console.debug(text);
      }, mark);
      await seen;
    };

    return {
      origin,
      oss,
      bundle,
      async run<T>(name: string, input?: unknown): Promise<T> {
        const json = await page.evaluate(
          async ([fn, arg]) => {
            const exports = (window as unknown as { page: Record<string, (x: unknown) => unknown> }).page;
            const target = exports[fn];
            if (typeof target !== 'function') throw new Error(`the page exports no function ${fn}`);
            return JSON.stringify((await target(arg)) ?? null);
          },
          [name, input] as const,
        );
        return JSON.parse(json) as T;
      },
      async takeProblems(expected = []) {
        await drain();
        const rejections = await page.evaluate(() => {
          const list = (window as unknown as { unhandledRejections: string[] }).unhandledRejections;
          return list.splice(0, list.length);
        });
        const problems: PageProblem[] = reports.splice(0, reports.length);
        for (const text of rejections) problems.push({ kind: 'unhandled-rejection', text });
        return problems.filter((problem) => !expected.some((pattern) => pattern.test(problem.text)));
      },
      async close() {
        await browser.close();
        await Promise.all([
          oss.close(),
          new Promise<void>((resolve, reject) =>
            server.close((error) => (error ? reject(error) : resolve())),
          ),
        ]);
      },
    };
  } finally {
    if (browserToClose !== undefined) {
      await browserToClose.close();
      server.close();
      await oss.close();
    }
  }
}
