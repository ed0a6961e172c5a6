// A child process of bomb.test.ts (bundled by child.ts): one client against three decompression bombs on
// a 403 (gzip, deflate, br) at once, in stream mode, with its memory watched. argv: origin, the client
// ('axios <version> <adapter>' or 'got'), the decompressed bomb size in bytes. Needs --expose-gc.
// Reports one result over IPC.

import { Agent } from 'node:http';
import { ossErrors as axiosOssErrors } from '@oss-errors/axios-interceptor';
import { ossErrors as gotOssErrors } from '@oss-errors/got-hook';
import got from 'got';
import { AXIOS_VERSIONS } from '../../../packages/axios-interceptor/test/helpers';
import { readPrefix } from '../streams';

const [origin = '', clientName = '', bytesArg = ''] = process.argv.slice(2);
const BOMB_BYTES = Number(bytesArg);
const ENCODINGS = ['gzip', 'deflate', 'br'] as const;
// How long the error is held, unread, after the rejection: a reader that does not stop at its cap
// would go on decompressing meanwhile.
const HOLD_MS = 200;
// Past this the child stops itself: the bound is broken, and the machine must not pay for it.
const ABORT_GROWTH = 768 * 2 ** 20;
const FILLER = '<!-- padding -->';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

/** Memory that data held by the process occupies: the JS heap and Buffers/ArrayBuffers. */
function held(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** One measured run: the peak RSS growth while it ran, and what stays held after GC with its result alive. */
async function measured<T>(run: () => Promise<T>): Promise<{ value: T; peakRss: number; retained: number }> {
  gc!();
  const rssBefore = process.memoryUsage.rss();
  const heldBefore = held();
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (peakRss - rssBefore > ABORT_GROWTH) {
      process.send?.({ error: `RSS grew by more than ${ABORT_GROWTH} bytes: the bomb was not bounded` }, () =>
        process.exit(1),
      );
    }
  }, 5);
  try {
    const value = await run();
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    gc!();
    return { value, peakRss: peakRss - rssBefore, retained: held() - heldBefore };
  } finally {
    clearInterval(sampler);
  }
}

interface ErrorShape {
  readonly oss?: { readonly code: string; readonly source: string };
  readonly response?: { readonly data?: unknown };
}

/** The start of a replayed bomb body: the document, then nothing but filler. */
function replayIsIntact(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  const end = text.indexOf('</Error>\n') + '</Error>\n'.length;
  if (!text.startsWith('<?xml') || !text.slice(0, end).includes('<Code>AccessDenied</Code>')) return false;
  const filler = text.slice(end);
  return filler.length > 0 && FILLER.repeat(Math.ceil(filler.length / 16) + 1).startsWith(filler);
}

async function axiosRuns(version: string, adapter: string) {
  const axios = AXIOS_VERSIONS.find((candidate) => candidate.version === version)?.axios;
  if (axios === undefined) throw new Error(`no axios ${version}`);
  const client = axios.create({ adapter: adapter as 'http' | 'fetch', responseType: 'stream' });
  client.interceptors.response.use(...axiosOssErrors({ warn: false }));
  const fail = async (url: string): Promise<ErrorShape> => {
    try {
      await client.get(url);
    } catch (error) {
      return error as ErrorShape;
    }
    throw new Error(`${url} did not fail`);
  };
  // Loads what the first request loads (undici for fetch), so that does not count as the bomb's.
  const warm = await fail(`${origin}/scenario/huge?bytes=100000&encoding=gzip`);
  await readPrefix(warm.response?.data, 1, 5_000);

  // The three bombs at once: one hold, one measurement of what they cost together.
  const bombs = () =>
    Promise.all(
      ENCODINGS.map((encoding) => fail(`${origin}/scenario/huge?bytes=${BOMB_BYTES}&encoding=${encoding}`)),
    );
  const { value: errors, peakRss, retained } = await measured(bombs);
  const runs = [];
  for (const [i, error] of errors.entries()) {
    const replay = await readPrefix(error.response?.data, 2 ** 20, 10_000);
    runs.push({
      encoding: ENCODINGS[i],
      code: error.oss?.code,
      source: error.oss?.source,
      replayIntact: replayIsIntact(replay),
    });
  }
  return { peakRss, retained, runs };
}

/** got reads the whole error body itself (decompressed) before any hook: compared with and without us. */
async function gotRuns() {
  const fail = (url: string, plugin: boolean): Promise<ErrorShape> =>
    new Promise((resolve, reject) => {
      // No keep-alive: an idle socket would keep its last response (and body) reachable into the next run.
      const stream = got.stream(url, {
        retry: { limit: 0 },
        agent: { http: new Agent({ keepAlive: false }) },
        ...(plugin ? { hooks: gotOssErrors() } : {}),
      });
      stream.on('error', (error: Error) => resolve(error as ErrorShape));
      stream.on('end', () => reject(new Error(`${url} did not fail`)));
      stream.resume();
    });
  await fail(`${origin}/scenario/huge?bytes=100000&encoding=gzip`, true);
  await fail(`${origin}/scenario/huge?bytes=100000&encoding=gzip`, false);
  const bombs = (plugin: boolean) =>
    Promise.all(
      ENCODINGS.map((encoding) =>
        fail(`${origin}/scenario/huge?bytes=${BOMB_BYTES}&encoding=${encoding}`, plugin),
      ),
    );
  // Each variant in a call of its own, so nothing of the first is still reachable during the second.
  const variant = async (plugin: boolean) => {
    const { value: errors, peakRss, retained } = await measured(() => bombs(plugin));
    const runs = errors.map((error, i) => ({
      encoding: ENCODINGS[i],
      code: error.oss?.code,
      source: error.oss?.source,
    }));
    return { peakRss, retained, runs };
  };
  const without = await variant(false);
  const withUs = await variant(true);
  return { ...withUs, retainedWithout: without.retained };
}

async function main() {
  const [library, version = '', adapter = ''] = clientName.split(' ');
  return library === 'got' ? gotRuns() : axiosRuns(version, adapter);
}

main().then(
  (result) => process.send?.({ result }, () => process.exit(0)),
  (error: unknown) =>
    process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
      process.exit(1),
    ),
);
