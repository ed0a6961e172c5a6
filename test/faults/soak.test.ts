import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, type ChildBundle, runChild } from './child';

// The short soak: bench/workers/soak.mjs (pnpm bench runs it with 10,000 requests) bundled with the
// packages' sources, in a child process with --expose-gc. 1,000 failing requests of four kinds, 200 in
// flight on one keep-alive agent: every one settles with its status and code; afterwards the agent has no
// busy socket, the server has exactly the agent's idle ones open, and once the agent is destroyed the
// child's active handles are those it had before the first request; the heap after GC does not grow with
// the requests (least-squares slope over the checkpoints after the first wave, which warms up the JIT).

const TOTAL = 1_000;
const CONCURRENCY = 200;
const BATCHES = 5;
// Over 800 requests the slope's noise (and the JIT's late warm-up) is up to about 800 bytes per request;
// keeping each failed request's error alive (the AxiosError with its response and request) costs 14 KiB.
const HEAP_SLOPE_BOUND = 4096;

/** What bench/workers/soak.mjs reports. */
interface SoakResult {
  readonly total: number;
  readonly seconds: number;
  readonly perScenario: Readonly<Record<string, number>>;
  readonly wrongCount: number;
  readonly wrong: readonly unknown[];
  readonly heap: ReadonlyArray<{ readonly requests: number; readonly heapUsed: number }>;
  readonly heapSlope: number;
  readonly busySockets: number;
  readonly idleSockets: number;
  readonly quietAfterMs: number;
  readonly serverSockets: number;
  readonly before: Readonly<Record<string, number>>;
  readonly after: Readonly<Record<string, number>>;
}

/** The server's open connections once they are down to `expected`, or after 3 s, whatever they are then. */
async function serverSocketsSettling(expected: number): Promise<number> {
  for (let waited = 0; oss.openSockets() > expected && waited < 3000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return oss.openSockets();
}

let oss: FakeOss;
let child: ChildBundle;
beforeAll(async () => {
  [oss, child] = await Promise.all([
    startFakeOss(),
    bundleChild(new URL('../../bench/workers/soak.mjs', import.meta.url)),
  ]);
});
afterAll(async () => {
  await oss.close();
  child?.dispose();
});

describe('soak', () => {
  it.each(['axios', 'got'])('%s: 1,000 failing requests, 200 at a time on keep-alive', async (library) => {
    const result = await runChild<SoakResult>(
      child.file,
      [oss.origin, library, String(TOTAL), String(CONCURRENCY), String(BATCHES)],
      {
        execArgv: ['--expose-gc'],
        timeoutMs: 60_000,
        onMessage: (message, process) => {
          const settled = (message as { settled?: { idleSockets: number } }).settled;
          // The closes of the sockets the client just let go reach this (busy) server a little later.
          if (settled !== undefined)
            void serverSocketsSettling(settled.idleSockets).then((count) =>
              process.send({ serverSockets: count }),
            );
        },
      },
    );
    expect(result.wrong).toEqual([]);
    expect(result.wrongCount).toBe(0);
    expect(result.perScenario).toEqual({
      '403 XML': 250,
      'HEAD x-oss-err': 250,
      '503': 250,
      'HTML 502': 250,
    });
    expect(result.busySockets).toBe(0);
    expect(result.idleSockets).toBeGreaterThan(0);
    expect(result.idleSockets).toBeLessThanOrEqual(CONCURRENCY);
    expect(result.serverSockets, 'the server has exactly the idle keep-alive sockets open').toBe(
      result.idleSockets,
    );
    // No kind of handle more than before the first request (a close still pending then may be gone now).
    for (const [type, count] of Object.entries(result.after)) {
      expect(count, `active ${type} handles`).toBeLessThanOrEqual(result.before[type] ?? 0);
    }
    expect(result.heap).toHaveLength(BATCHES);
    expect(result.heapSlope, 'heap bytes per request').toBeLessThan(HEAP_SLOPE_BOUND);
  });
});
