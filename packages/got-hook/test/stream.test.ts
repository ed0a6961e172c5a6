import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import type { StreamOptions } from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors, type WithOss } from '../src/index';
import { got, HTTPError, noRetry, streamOutcome } from './support';

// got.stream: got runs no afterResponse hook; on an error status it reads the whole error body into
// response.rawBody itself and only then runs beforeError and emits 'error'. So in stream mode too the
// body is there for us, and the time it takes is got's: its `timeout` option bounds it, not ours.

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

const stream = (path: string, options: StreamOptions = {}) =>
  streamOutcome(got.stream(oss.url(path), { retry: noRetry, hooks: ossErrors(), ...options }));

describe('stream mode', () => {
  it("the 'error' event carries got's HTTPError, enriched, and no byte of the error body reaches the reader", async () => {
    const outcome = await stream('/fixture/NoSuchBucket.xml');
    expect(outcome.data).toBeUndefined();
    const err = outcome.error!;
    expect(err).toBeInstanceOf(HTTPError);
    expect(isOssError(err)).toBe(true);
    expect((err as Error & WithOss).oss?.code).toBe('NoSuchBucket');
    expect(err.message).toContain(' — NoSuchBucket: The specified bucket does not exist.');
  });

  it('a successful download streams every byte, untouched', async () => {
    const outcome = await stream('/scenario/download?bytes=300000');
    expect(outcome.error).toBeUndefined();
    expect(outcome.statusCode).toBe(200);
    expect(outcome.data).toHaveLength(300_000);
    expect(outcome.data?.[257]).toBe(1);
  });

  it('a trickling error body: got reads all of it, and the details come from the body', async () => {
    const started = Date.now();
    const outcome = await stream('/fixture/NoSuchKey.real-opendal.xml?trickle=5');
    expect((outcome.error as Error & WithOss).oss).toMatchObject({ code: 'NoSuchKey', source: 'body' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a never-ending error body is bounded by got's timeout.read: the error comes from the headers", async () => {
    const started = Date.now();
    const outcome = await stream('/scenario/never-ends', { timeout: { read: 200 } });
    const elapsed = Date.now() - started;
    const err = outcome.error!;
    // got was already failing with the HTTPError when the read timed out; it keeps that error.
    expect(err).toBeInstanceOf(HTTPError);
    expect((err as Error & WithOss).oss).toMatchObject({
      status: 500,
      code: 'InternalServerError',
      source: 'status',
      fault: 'server',
      retryable: true,
    });
    expect((err as Error & WithOss).oss?.requestId).toMatch(/^[0-9A-F]{24}$/);
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(2_000);
  });

  it("a trickle slower than timeout.read: headers only (the sample's request id), in time", async () => {
    const started = Date.now();
    const outcome = await stream('/fixture/NoSuchKey.real-opendal.xml?trickle=100', {
      timeout: { read: 200 },
    });
    expect((outcome.error as Error & WithOss).oss).toMatchObject({
      status: 404,
      code: 'NotFound',
      source: 'status',
      requestId: '636BA0A2B7A5733230845ECC',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('maxBodyBytes caps what is parsed: a 1 MiB error body is read by got, only its head by us', async () => {
    const full = await stream('/scenario/huge?bytes=1048576');
    expect((full.error as Error & WithOss).oss).toMatchObject({
      code: 'AccessDenied',
      source: 'body',
      ec: '0003-00000001',
    });
    const capped = await stream('/scenario/huge?bytes=1048576', { hooks: ossErrors({ maxBodyBytes: 60 }) });
    // 60 bytes end inside <Code>: no complete element, so the code comes from the status.
    expect((capped.error as Error & WithOss).oss).toMatchObject({ code: 'Forbidden', source: 'status' });
  });

  it('gzip: got un-gzips before we read', async () => {
    const outcome = await stream('/scenario/signature-mismatch/gz.txt?gzip=1');
    expect((outcome.error as Error & WithOss).oss?.code).toBe('SignatureDoesNotMatch');
  });

  it('a 203 CallbackFailed flows through as got gives it (no afterResponse in stream mode)', async () => {
    const outcome = await streamOutcome(
      got.stream.put(oss.url('/scenario/callback-failed'), { hooks: ossErrors() }),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.statusCode).toBe(203);
    expect(outcome.data?.toString()).toContain('<Code>CallbackFailed</Code>');
  });
});
