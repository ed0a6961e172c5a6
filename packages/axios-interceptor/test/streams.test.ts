import { Buffer } from 'node:buffer';
import { type FakeOss, loadOssFixtures, startFakeOss } from '@oss-errors/fake-oss';
import type { AxiosError, ResponseType } from 'axios';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isOssError, ossErrors, parseOssError } from '../src/index';
import {
  AXIOS_VERSIONS,
  NODE_ADAPTERS,
  readAll,
  recordingClient,
  rejectionOf,
  responseTypeOption,
} from './helpers';

// Error bodies that arrive slowly, never end, are huge, compressed, or break off: the rejection must come
// within bodyTimeoutMs, from at most maxBodyBytes, and err.response.data must still yield every byte.

const LIMIT_MS = 200;
// Generous: a correctness check (the rejection does not wait for the body), not a benchmark.
const SLACK_MS = 800;

const NO_SUCH_KEY = loadOssFixtures().find((fixture) => fixture.name === 'NoSuchKey.real-opendal.xml')!;

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

/** The first chunk a stream yields, then the stream is let go (a never-ending body). */
async function firstChunk(stream: unknown): Promise<string> {
  if (stream !== null && typeof stream === 'object' && 'getReader' in stream) {
    const reader = (stream as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    await reader.cancel();
    return Buffer.from(value ?? new Uint8Array(0)).toString('utf8');
  }
  for await (const chunk of stream as AsyncIterable<Buffer>) return chunk.toString('utf8');
  return '';
}

/** Reads a stream until it fails; returns what came before the failure and the failure. */
async function readUntilFailure(stream: unknown): Promise<{ text: string; failure: unknown }> {
  const parts: Buffer[] = [];
  try {
    if (stream !== null && typeof stream === 'object' && 'getReader' in stream) {
      const reader = (stream as ReadableStream<Uint8Array>).getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(Buffer.from(r.value));
    } else {
      for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
    }
  } catch (failure) {
    return { text: Buffer.concat(parts).toString('utf8'), failure };
  }
  return { text: Buffer.concat(parts).toString('utf8'), failure: undefined };
}

function streamListenerCounts(stream: unknown): number[] | undefined {
  if (stream === null || typeof stream !== 'object' || !('listenerCount' in stream)) return undefined;
  const emitter = stream as { listenerCount(event: string): number };
  return ['readable', 'data', 'end', 'error', 'close'].map((event) => emitter.listenerCount(event));
}

/** Watches timers of at least `minMs`: how many were set, and how many of those are still pending. */
function watchLongTimers(minMs: number): { set(): number; pending(): number; stop(): void } {
  const setSpy = vi.spyOn(globalThis, 'setTimeout');
  const clearSpy = vi.spyOn(globalThis, 'clearTimeout');
  const long = () =>
    setSpy.mock.results.filter((_, i) => Number(setSpy.mock.calls[i]?.[1]) >= minMs).map((r) => r.value);
  return {
    set: () => long().length,
    pending: () =>
      long().filter((timer) => !clearSpy.mock.calls.some(([cleared]) => cleared === timer)).length,
    stop: () => {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    },
  };
}

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  describe.each(NODE_ADAPTERS)('%s adapter, responseType stream', (adapter) => {
    const streamClient = (options: Parameters<typeof ossErrors>[0] = {}) => {
      const recorded = recordingClient(axios, { adapter, responseType: 'stream', baseURL: oss.origin });
      recorded.client.interceptors.response.use(...ossErrors({ warn: false, ...options }));
      return recorded;
    };

    it('a trickling body does not hold the rejection past bodyTimeoutMs, and replays in full', async () => {
      const { client } = streamClient({ bodyTimeoutMs: LIMIT_MS });
      const started = performance.now();
      // 16 bytes every 40 ms: the whole body takes about 0.8 s.
      const err = (await rejectionOf(client.get(`/fixture/${NO_SUCH_KEY.name}?trickle=40`))) as AxiosError;
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(LIMIT_MS - 20);
      expect(elapsed).toBeLessThan(LIMIT_MS + SLACK_MS);
      expect(isOssError(err)).toBe(true);
      if (!isOssError(err)) return;
      // Decided from the headers and the first bytes: the request id is always there.
      expect(err.oss.status).toBe(404);
      expect(err.oss.requestId).toBe('636BA0A2B7A5733230845ECC');
      expect(err.message).toContain('request id 636BA0A2B7A5733230845ECC');
      expect((await readAll(err.response?.data)).toString('utf8')).toBe(NO_SUCH_KEY.body);
    });

    it('a body that never ends: rejects within bodyTimeoutMs, leaves no listener or timer behind', async () => {
      const { client, rejections } = recordingClient(axios, {
        adapter,
        responseType: 'stream',
        baseURL: oss.origin,
      });
      // Runs after the recorder and before ours: the stream's listeners as axios left them.
      let listenersBefore: number[] | undefined;
      client.interceptors.response.use(undefined, (error: unknown) => {
        listenersBefore = streamListenerCounts((error as AxiosError).response?.data);
        return Promise.reject(error);
      });
      client.interceptors.response.use(...ossErrors({ warn: false, bodyTimeoutMs: LIMIT_MS }));
      const started = performance.now();
      const err = (await rejectionOf(client.get('/scenario/never-ends'))) as AxiosError;
      expect(performance.now() - started).toBeLessThan(LIMIT_MS + SLACK_MS);
      expect(err).toBe(rejections[0]!.error);
      expect(isOssError(err)).toBe(true);
      if (!isOssError(err)) return;
      // The first chunk had <Code> complete; the rest never came.
      expect(err.oss.code).toBe('InternalError');
      expect(err.oss.source).toBe('body');
      expect(err.oss.requestId).toMatch(/^[0-9A-F]{24}$/);
      expect(err.oss.retryable).toBe(true);
      if (adapter === 'http') {
        // Not ended: the bytes went back onto the very same stream, and our listeners are gone.
        expect(err.response?.data).toBe(rejections[0]!.data);
        expect(streamListenerCounts(err.response?.data)).toEqual(listenersBefore);
      }
      expect(await firstChunk(err.response?.data)).toMatch(/^<\?xml[\s\S]*<Code>InternalError<\/Code>/);
    });

    it('a huge body: reads only up to the cap, clears its timer, and the stream still yields every byte', async () => {
      const bytes = 1_000_000;
      const direct = await fetch(oss.url(`/scenario/huge?bytes=${bytes}`));
      const expectedLength = (await direct.arrayBuffer()).byteLength;
      const { client, rejections } = streamClient({ bodyTimeoutMs: 60_000 });
      // The web reader arms its timer with what is left of the 60 s, a few ms less under load.
      const timers = watchLongTimers(50_000);
      let started: number;
      let pending: number;
      let err: AxiosError;
      try {
        err = (await rejectionOf(client.get(`/scenario/huge?bytes=${bytes}`))) as AxiosError;
        [started, pending] = [timers.set(), timers.pending()];
      } finally {
        timers.stop();
      }
      // The 60 s body timer was started, and cleared as soon as the cap was reached.
      expect(started).toBeGreaterThan(0);
      expect(pending).toBe(0);
      expect(isOssError(err)).toBe(true);
      if (!isOssError(err)) return;
      expect(err.oss.code).toBe('AccessDenied');
      expect(err.oss.ec).toBe('0003-00000001');
      if (adapter === 'http') expect(err.response?.data).toBe(rejections[0]!.data);
      const replayed = await readAll(err.response?.data);
      expect(replayed.byteLength).toBe(expectedLength);
      expect(replayed.subarray(0, 5).toString()).toBe('<?xml');
    });

    it('maxBodyBytes bounds what is read: a message cut off by the cap is not used', async () => {
      const { client } = streamClient({ maxBodyBytes: 100 });
      const err = (await rejectionOf(client.get('/scenario/huge?bytes=100000'))) as AxiosError;
      expect(isOssError(err)).toBe(true);
      if (!isOssError(err)) return;
      // The first 100 bytes hold <Code> whole but not <Message>: the message falls back to the status.
      expect(err.oss.code).toBe('AccessDenied');
      expect(err.oss.message).toBe('OSS answered HTTP 403 Forbidden and sent no message.');
      expect((await readAll(err.response?.data)).byteLength).toBeGreaterThan(100_000);
    });

    it('a body that breaks off: rejects at once with what the headers and first bytes say', async () => {
      const doomed = await startFakeOss();
      try {
        const { client } = recordingClient(axios, {
          adapter,
          responseType: 'stream',
          baseURL: doomed.origin,
        });
        client.interceptors.response.use(...ossErrors({ warn: false, bodyTimeoutMs: 10_000 }));
        const started = performance.now();
        const request = client.get('/scenario/never-ends');
        setTimeout(() => void doomed.close(), 150);
        const err = (await rejectionOf(request)) as AxiosError;
        expect(performance.now() - started).toBeLessThan(150 + SLACK_MS);
        expect(isOssError(err)).toBe(true);
        if (!isOssError(err)) return;
        expect(err.oss.code).toBe('InternalError');
        expect(err.oss.requestId).toMatch(/^[0-9A-F]{24}$/);
        // The replay yields the bytes that came, then fails as the original stream did.
        const { text, failure } = await readUntilFailure(err.response?.data);
        expect(text).toMatch(/^<\?xml[\s\S]*<Code>InternalError<\/Code>\n$/);
        expect(failure).toBeInstanceOf(Error);
      } finally {
        await doomed.close();
      }
    });
  });

  describe.each(NODE_ADAPTERS)('%s adapter, gzip', (adapter) => {
    const types: ReadonlyArray<ResponseType | undefined> = [
      undefined,
      'text',
      'arraybuffer',
      'blob',
      'stream',
    ];
    it.each(types)('responseType %s: un-gzipped by axios, read and replayed', async (responseType) => {
      const { client } = recordingClient(axios, {
        adapter,
        ...responseTypeOption(responseType),
        baseURL: oss.origin,
      });
      client.interceptors.response.use(...ossErrors({ warn: false }));
      const path = `/fixture/${NO_SUCH_KEY.name}?gzip=1`;
      const err = (await rejectionOf(client.get(path))) as AxiosError;
      expect(isOssError(err)).toBe(true);
      if (!isOssError(err)) return;
      const expected = parseOssError({ ...NO_SUCH_KEY, url: oss.url(path) });
      expect(err.oss).toEqual(expected);
      if (responseType === 'stream')
        expect((await readAll(err.response?.data)).toString('utf8')).toBe(NO_SUCH_KEY.body);
    });
  });

  it('http adapter with maxContentLength (axios wraps the stream in its own Readable)', async () => {
    const { client } = recordingClient(axios, {
      adapter: 'http',
      responseType: 'stream',
      maxContentLength: 10_000_000,
      baseURL: oss.origin,
    });
    client.interceptors.response.use(...ossErrors({ warn: false }));
    const err = (await rejectionOf(client.get(`/fixture/${NO_SUCH_KEY.name}`))) as AxiosError;
    expect(isOssError(err) && err.oss.code).toBe('NoSuchKey');
    expect((await readAll(err.response?.data)).toString('utf8')).toBe(NO_SUCH_KEY.body);
  });
});
