import { isOssError, type OssErrorDetails, parseOssError } from '@oss-errors/core';
import {
  endlessBody,
  type FakeOss,
  loadOssFixtures,
  NON_ASCII_ERROR,
  startFakeOss,
} from '@oss-errors/fake-oss';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Bounds, type ClientMode, FAULT_CLIENTS, type FaultClient } from './clients';
import { readPrefix, readUntilEnd, within } from './streams';

// Faults on the wire, through every client: each request is bounded (the plugin's bodyTimeoutMs, the
// client's own timeout as a user sets it) and must settle with the error object the client made, enriched
// where the bytes that came allow it, the user's stream still yielding what arrived, and nothing left
// behind as an unhandled rejection or uncaught exception. A case that hangs fails at GUARD_MS.

const BOUNDS: Bounds = { bodyTimeoutMs: 250, clientTimeoutMs: 400 };
const GUARD_MS = 8_000;
const END_TAG = '</Error>\n';

let oss: FakeOss;
const strays: unknown[] = [];
const onStray = (reason: unknown): void => {
  strays.push(reason);
};
beforeAll(async () => {
  oss = await startFakeOss();
  process.on('unhandledRejection', onStray);
  process.on('uncaughtException', onStray);
});
afterEach(async () => {
  // Late rejections (a read still pending when the server hung up) surface within a few ticks.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(strays.splice(0)).toEqual([]);
});
afterAll(async () => {
  await oss.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off('unhandledRejection', onStray);
  process.off('uncaughtException', onStray);
  expect(strays.splice(0)).toEqual([]);
});

type Enriched = Error & { oss: OssErrorDetails };
interface ClientErrorShape {
  readonly isAxiosError?: boolean;
  readonly response?: { readonly headers?: unknown; readonly data?: unknown };
}

/** Sends the request and checks what every fault must give: a rejection, the client's own error object. */
async function failure(
  client: FaultClient,
  path: string,
  bounds: Bounds = BOUNDS,
): Promise<Error & ClientErrorShape> {
  const outcome = await within(client.request(oss.url(path), bounds), GUARD_MS, `${client.name} ${path}`);
  expect(outcome.resolved, 'the request must fail').toBeUndefined();
  expect(outcome.error).toBeInstanceOf(Error);
  expect(outcome.error, 'the very error object the client made').toBe(outcome.made);
  const error = outcome.error as Error & ClientErrorShape;
  if (client.mode.startsWith('axios')) expect(error.isAxiosError).toBe(true);
  else expect(error.name).toMatch(/Error$/);
  return error;
}

function requestIdOf(error: ClientErrorShape): string | undefined {
  const headers = error.response?.headers as Record<string, unknown> | undefined;
  const id = headers?.['x-oss-request-id'];
  return typeof id === 'string' ? id : undefined;
}

/**
 * What the error must carry: `body` (the details of the AccessDenied document that came, at least in
 * part), `status` (the body was lost: the details come from the status and headers), or `none` (the
 * client's error has no response, or is one the plugin leaves alone).
 */
type Evidence = 'body' | 'status' | 'none';

function expectEvidence(error: Error & ClientErrorShape, evidence: Evidence): void {
  if (evidence === 'none') {
    expect(isOssError(error)).toBe(false);
    expect((error as { oss?: unknown }).oss).toBeUndefined();
    return;
  }
  expect(isOssError(error), `${error.message} carries err.oss`).toBe(true);
  const { oss: details } = error as Enriched;
  expect(details.status).toBe(403);
  expect(details.requestId).toMatch(/^[0-9A-F]{24}$/);
  expect(details.requestId).toBe(requestIdOf(error));
  expect(details.source).toBe(evidence);
  expect(details.code).toBe(evidence === 'body' ? 'AccessDenied' : 'Forbidden');
  expect(error.message).toContain(`request id ${details.requestId}`);
}

/**
 * The evidence when the body breaks off: axios in stream mode has read what came; got in stream mode
 * lost the body it was reading and decides from the headers; a buffering axios's error is enriched only
 * when it carries the response (axios 1.21.1's http adapter attaches it when the body ends early, not on
 * a reset; axios 1.7.0 and the fetch adapter never do); got in promise mode rejects with a ReadError,
 * which the plugin leaves alone.
 */
function brokenBodyEvidence(mode: ClientMode, error: ClientErrorShape): Evidence {
  if (mode === 'axios-stream') return 'body';
  if (mode === 'got-stream') return 'status';
  if (mode === 'axios-buffered') return error.response === undefined ? 'none' : 'status';
  return 'none';
}

/** The text of an axios stream's replay up to its failure, which must come. */
async function replayUntilFailure(error: ClientErrorShape): Promise<string> {
  const { bytes, failure: streamFailure } = await readUntilEnd(error.response?.data, GUARD_MS);
  expect(streamFailure, 'the replay fails as the original stream did').toBeInstanceOf(Error);
  return bytes.toString('utf8');
}

/** The document that starts every endless body, from the replay; then checks the tail, byte for byte. */
function expectEndlessReplay(bytes: Buffer, requestId: string | undefined): void {
  const documentEnd = bytes.indexOf(END_TAG) + END_TAG.length;
  expect(documentEnd).toBeGreaterThan(END_TAG.length);
  expect(bytes.subarray(0, documentEnd).toString('utf8')).toContain(`<RequestId>${requestId}</RequestId>`);
  expect(bytes.subarray(documentEnd).equals(endlessBody(bytes.length - documentEnd))).toBe(true);
}

describe.each(FAULT_CLIENTS)('$name', (client) => {
  it('connection reset mid-body: settles with its own error, enriched from what came', async () => {
    const error = await failure(client, '/scenario/reset');
    expectEvidence(error, brokenBodyEvidence(client.mode, error));
    if (client.mode === 'axios-stream') {
      const text = await replayUntilFailure(error);
      expect(text).toMatch(/^<\?xml[\s\S]*<Code>AccessDenied<\/Code>/);
      expect(text).not.toContain(END_TAG);
    }
  });

  it('Content-Length longer than the body, then close: settles, enriched from what came', async () => {
    const error = await failure(client, '/scenario/short-body');
    expectEvidence(error, brokenBodyEvidence(client.mode, error));
    if (client.mode === 'axios-stream') {
      const text = await replayUntilFailure(error);
      expect(text).toMatch(/^<\?xml[\s\S]*<Code>AccessDenied<\/Code>[\s\S]*<\/Error>\n$/);
    }
  });

  it('a body that trickles forever: settles within the bounds (ours in stream mode, the client’s otherwise)', async () => {
    const error = await failure(client, '/scenario/endless?chunk=16&every=20');
    if (client.mode === 'axios-stream') {
      // Our reader gave up at bodyTimeoutMs with the whole document in hand; the stream goes on.
      expectEvidence(error, 'body');
      expectEndlessReplay(await readPrefix(error.response?.data, 600, GUARD_MS), requestIdOf(error));
    } else if (client.mode === 'got-stream') {
      // got reads error bodies itself, until its own timeout: then it decides from the headers.
      expectEvidence(error, 'status');
    } else {
      // The client's own timeout (axios: the signal's cancel; got: its TimeoutError) passes untouched.
      expectEvidence(error, 'none');
      expect(error.message).toMatch(/cancel|abort|timeout/i);
    }
  });

  it.each([
    ['gzip', ''],
    ['deflate', ''],
    ['br', ''],
    ['gzip', '&pad=100000&split=5,11,600'],
    ['br', '&pad=100000&split=3,4,9'],
  ])('%s error body%s: decompressed, parsed whole, replayed whole', async (encoding, extra) => {
    const sample = loadOssFixtures().find((fixture) => fixture.name === 'NoSuchKey.real-opendal.xml')!;
    const path = `/fixture/${sample.name}?encoding=${encoding}${extra}`;
    const error = await failure(client, path);
    expect(isOssError(error)).toBe(true);
    expect((error as Enriched).oss).toEqual(parseOssError({ ...sample, url: oss.url(path) }));
    if (client.mode === 'axios-stream') {
      const { bytes, failure: streamFailure } = await readUntilEnd(error.response?.data, GUARD_MS);
      expect(streamFailure).toBeUndefined();
      const pad = /pad=(\d+)/.exec(extra)?.[1];
      expect(bytes.toString('utf8')).toBe(sample.body + ' '.repeat(Number(pad ?? 0)));
    }
  });

  it('a non-ASCII error cut mid-character and mid-tag, wherever: the same details', async () => {
    const body = Buffer.from(await (await fetch(oss.url('/scenario/non-ascii'))).arrayBuffer());
    // Cutting before a UTF-8 continuation byte splits a character; inside <...> splits a tag.
    const midCharacter = [...body.keys()].filter((i) => (body[i]! & 0xc0) === 0x80);
    const midTag: number[] = [];
    for (let i = 1, inTag = false; i < body.length; i++) {
      inTag = body[i - 1] === 0x3c ? true : body[i - 1] === 0x3e ? false : inTag;
      if (inTag) midTag.push(i);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...midCharacter), { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(fc.constantFrom(...midTag), { minLength: 1, maxLength: 4 }),
        async (characterCuts, tagCuts) => {
          const error = await failure(client, `/scenario/non-ascii?split=${[...characterCuts, ...tagCuts]}`);
          expect(isOssError(error)).toBe(true);
          const { oss: details } = error as Enriched;
          expect(details).toMatchObject({ code: 'AccessDenied', source: 'body', ec: '0003-00000001' });
          expect(details.message).toBe(NON_ASCII_ERROR.message);
          expect(details.fields.Key).toBe(NON_ASCII_ERROR.key);
          expect(error.message).toContain(NON_ASCII_ERROR.message);
          if (client.mode === 'axios-stream') {
            const replay = await readUntilEnd(error.response?.data, GUARD_MS);
            expect(replay.bytes.toString('utf8')).toContain(`<Key>${NON_ASCII_ERROR.key}</Key>`);
          }
        },
      ),
      { numRuns: 4 },
    );
  });
});

describe.each(FAULT_CLIENTS.filter((client) => client.mode === 'axios-stream'))('$name', (client) => {
  it('an error stream that never ends: gives up at the byte cap, and the stream still yields every byte', async () => {
    const error = await failure(client, '/scenario/endless', { ...BOUNDS, bodyTimeoutMs: 60_000 });
    // Decided at the 64 KiB cap, long before the time limit (a hang would fail at GUARD_MS).
    expectEvidence(error, 'body');
    expectEndlessReplay(await readPrefix(error.response?.data, 300_000, GUARD_MS), requestIdOf(error));
  });
});
