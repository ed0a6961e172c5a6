import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, NODE_ADAPTERS } from '../../packages/axios-interceptor/test/helpers';
import { gotVersion } from '../../packages/got-hook/test/support';
import { bundleChild, type ChildBundle, runChild } from './child';

// Decompression bombs on a 403 (1 GiB of filler behind the error document, about 1 MiB gzipped and far
// less with brotli; gzip, deflate and br at once), read in stream mode. Each client runs in a child process
// of its own (--expose-gc), which reports its peak RSS growth while the requests ran and the errors were
// held unread, and what stays held (JS heap + Buffers) after GC with the errors still alive. The bounds
// are generous: readers that stop at their 64 KiB cap stay within 5 MiB held (30 MiB of peak RSS with
// fetch, which loads undici), readers that do not hold 200 MiB within the body time limit.

const MiB = 2 ** 20;
const AXIOS_BOMB = 1024 * MiB;
// got decompresses and buffers the whole error body itself before any hook runs, with or without us.
const GOT_BOMB = 8 * MiB;
const PEAK_RSS_BOUND = 128 * MiB;
const RETAINED_BOUND = 16 * MiB;

/** What a child reports: the three bombs' cost together, and each one's outcome. */
interface Report {
  readonly peakRss: number;
  readonly retained: number;
  readonly retainedWithout?: number;
  readonly runs: ReadonlyArray<{
    readonly encoding: string;
    readonly code?: string;
    readonly source?: string;
    readonly replayIntact?: boolean;
  }>;
}

let oss: FakeOss;
let child: ChildBundle;
beforeAll(async () => {
  [oss, child] = await Promise.all([
    startFakeOss(),
    bundleChild(new URL('./children/bomb.ts', import.meta.url)),
  ]);
});
afterAll(async () => {
  await oss.close();
  child?.dispose();
});

const bombRuns = (client: string, bytes: number) =>
  runChild<Report>(child.file, [oss.origin, client, String(bytes)], {
    execArgv: ['--expose-gc'],
    timeoutMs: 60_000,
  });

describe('a decompression bomb on a 403, in stream mode', () => {
  const axiosClients = AXIOS_VERSIONS.flatMap(({ version }) =>
    NODE_ADAPTERS.map((adapter) => `axios ${version} ${adapter}`),
  );

  it.each(axiosClients)(
    '%s: memory stays bounded, err.oss comes from the document, the stream replays intact',
    async (client) => {
      const report = await bombRuns(client, AXIOS_BOMB);
      expect(report.runs).toEqual(
        ['gzip', 'deflate', 'br'].map((encoding) => ({
          encoding,
          code: 'AccessDenied',
          source: 'body',
          replayIntact: true,
        })),
      );
      expect(report.peakRss, 'peak RSS growth').toBeLessThan(PEAK_RSS_BOUND);
      expect(report.retained, 'held after GC').toBeLessThan(RETAINED_BOUND);
    },
  );

  it(`got ${gotVersion} stream: got buffers the body itself; the plugin keeps none of it`, async () => {
    const report = await bombRuns('got', GOT_BOMB);
    expect(report.runs).toEqual(
      ['gzip', 'deflate', 'br'].map((encoding) => ({ encoding, code: 'AccessDenied', source: 'body' })),
    );
    // got holds each decompressed body on err.response either way (rawBody, and body as a string): the
    // measurement must see that (about 3 × 8 MiB on Node 20 to 24; 2 × as the floor, so that a collection
    // landing differently does not fail the premise), and the plugin must add next to nothing to it.
    expect(report.retainedWithout, 'got alone').toBeGreaterThan(2 * GOT_BOMB);
    expect(report.retained - report.retainedWithout!, 'what the plugin adds').toBeLessThan(4 * MiB);
  });
});
