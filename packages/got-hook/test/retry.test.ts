import type { OssErrorDetails } from '@oss-errors/core';
import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors, type WithOss } from '../src/index';
import { got, HTTPError, httpErrorMessage, rejectionOf, signatureMismatchPath } from './support';

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

/** How many requests reached the fake server for `path` (matched on path and query). */
function requestsTo(path: string): number {
  return oss.requests.filter((request) => request.url === path).length;
}

/** What a retry hook saw: got's error, its `response.oss`, and whether `err.oss` was there yet. */
interface RetrySighting {
  readonly name: string;
  readonly responseOss: OssErrorDetails | undefined;
  readonly errorIsOss: boolean;
}

function sighting(error: Error & { response?: unknown }): RetrySighting {
  return {
    name: error.name,
    responseOss: (error.response as WithOss | undefined)?.oss,
    errorIsOss: isOssError(error),
  };
}

/** got's retry options, deciding by `response.oss.retryable` with a tiny delay so the test stays fast. */
function ossRetry(limit: number, seen: RetrySighting[], statusCodes?: number[]) {
  return {
    limit,
    ...(statusCodes === undefined ? {} : { statusCodes }),
    calculateDelay: ({
      error,
      computedValue,
    }: {
      error: Error & { response?: unknown };
      computedValue: number;
    }) => {
      seen.push(sighting(error));
      const details = (error.response as WithOss | undefined)?.oss;
      return computedValue > 0 && details?.retryable === true ? 5 : 0;
    },
  };
}

describe('got retries OSS errors as before, reading response.oss', () => {
  it('503 twice, then 200: calculateDelay and beforeRetry see response.oss.retryable', async () => {
    const path = '/scenario/flaky?key=twice&failures=2';
    const delays: RetrySighting[] = [];
    const retries: Array<RetrySighting & { count: number }> = [];
    const response = await got(oss.url(path), {
      retry: ossRetry(3, delays),
      hooks: {
        ...ossErrors(),
        beforeRetry: [(error, count) => void retries.push({ ...sighting(error), count })],
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('ok');
    expect(requestsTo(path)).toBe(3);
    expect(delays).toHaveLength(2);
    for (const seen of [...delays, ...retries]) {
      expect(seen.name).toBe('HTTPError');
      expect(seen.responseOss).toMatchObject({
        status: 503,
        code: 'ServiceUnavailable',
        retryable: true,
        fault: 'server',
      });
      // got runs beforeError only for the error it finally rejects with.
      expect(seen.errorIsOss).toBe(false);
    }
    expect(retries.map((seen) => seen.count)).toStrictEqual([1, 2]);
  });

  it('503 every time: got gives up after the limit and rejects with the last HTTPError, enriched once', async () => {
    const path = '/scenario/flaky?key=always&failures=10';
    const delays: RetrySighting[] = [];
    const err = await rejectionOf(got(oss.url(path), { retry: ossRetry(2, delays), hooks: ossErrors() }));
    expect(requestsTo(path)).toBe(3);
    expect(err).toBeInstanceOf(HTTPError);
    expect((err as Error & WithOss).oss).toMatchObject({
      code: 'ServiceUnavailable',
      retryable: true,
      ec: '0001-00000503',
    });
    const [gotWords, ossWords] = err.message.split(' — ');
    expect(err.message.split(' — ')).toHaveLength(2);
    expect(gotWords).toBe(httpErrorMessage(503, 'Service Unavailable', 'GET', oss.url(path)));
    expect(ossWords).toMatch(
      /^ServiceUnavailable: Please reduce your request rate\. \(request id [0-9A-F]{24}, EC 0001-00000503\)$/,
    );
  });

  it('a 403 got was told to retry is not retried when oss.retryable says no', async () => {
    const path = '/fixture/AccessDenied.go-v2.xml?case=not-retryable';
    const delays: RetrySighting[] = [];
    const err = await rejectionOf(
      got(oss.url(path), { retry: ossRetry(2, delays, [403]), hooks: ossErrors() }),
    );
    expect(requestsTo(path)).toBe(1);
    expect(delays).toHaveLength(1);
    expect(delays[0]?.responseOss).toMatchObject({ code: 'AccessDenied', retryable: false });
    expect((err as Error & WithOss).oss?.code).toBe('AccessDenied');
  });
});

// The token-refresh pattern: a user afterResponse hook that, on a 403, calls retryWithMergedOptions with
// fresh credentials (here a freshly signed URL and an Authorization header).
describe('a user afterResponse hook that calls retryWithMergedOptions', () => {
  const refreshed = (target: string) => ({
    url: new URL(oss.url(target)),
    headers: { authorization: 'OSS refreshed-token' },
  });

  it('after ours: it can decide by response.oss; the refreshed request succeeds', async () => {
    const first = '/fixture/AccessDenied.go-v2.xml?case=after-ok';
    const seenByUser: Array<OssErrorDetails | undefined> = [];
    const client = got.extend({ retry: { limit: 0 }, hooks: ossErrors() }).extend({
      hooks: {
        afterResponse: [
          (response, retryWithMergedOptions) => {
            const details = (response as WithOss).oss;
            seenByUser.push(details);
            if (details?.code === 'AccessDenied') return retryWithMergedOptions(refreshed('/scenario/ok'));
            return response;
          },
        ],
      },
    });
    const response = await client(oss.url(first));
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('hello');
    expect(seenByUser[0]).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(requestsTo(first)).toBe(1);
    const retried = oss.requests.filter((request) => request.url === '/scenario/ok').at(-1);
    expect(retried?.headers.authorization).toBe('OSS refreshed-token');
  });

  it('after ours: the refreshed request fails with another OSS error, which is still enriched', async () => {
    const first = '/fixture/AccessDenied.go-v2.xml?case=after-fail';
    const client = got.extend({ retry: { limit: 0 }, hooks: ossErrors() }).extend({
      hooks: {
        afterResponse: [
          (response, retryWithMergedOptions) =>
            (response as WithOss).oss?.code === 'AccessDenied'
              ? retryWithMergedOptions(refreshed(signatureMismatchPath('after.txt')))
              : response,
        ],
      },
    });
    const err = await rejectionOf(client(oss.url(first)));
    expect(err).toBeInstanceOf(HTTPError);
    expect((err as Error & WithOss).oss).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(err.message).toContain(' — SignatureDoesNotMatch: ');
    expect(err.message.split(' — ')).toHaveLength(2);
  });

  it('before ours: it decides by status; the refreshed request fails with an OSS error, still enriched', async () => {
    const first = '/fixture/AccessDenied.go-v2.xml?case=before-fail';
    const order: string[] = [];
    const ours = ossErrors();
    const client = got.extend({
      retry: { limit: 0 },
      hooks: {
        afterResponse: [
          (response, retryWithMergedOptions) => {
            order.push(
              `user ${response.statusCode} oss=${(response as WithOss).oss === undefined ? 'no' : 'yes'}`,
            );
            if (response.statusCode === 403 && response.request.options.headers.authorization === undefined) {
              return retryWithMergedOptions(refreshed(signatureMismatchPath('before.txt')));
            }
            return response;
          },
          ...ours.afterResponse,
        ],
        beforeError: ours.beforeError,
      },
    });
    const err = await rejectionOf(client(oss.url(first)));
    expect(order[0]).toBe('user 403 oss=no');
    expect(err).toBeInstanceOf(HTTPError);
    expect((err as Error & WithOss).oss).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    // got drops the afterResponse hooks from the retrying one on for the retried request, so here
    // beforeError alone did the work, and attached the same details to the response too.
    const response = (err as InstanceType<typeof HTTPError>).response;
    expect((response as WithOss).oss).toBe((err as Error & WithOss).oss);
    expect(err.message).toContain(' — SignatureDoesNotMatch: ');
  });

  it('before ours: the refreshed request succeeds', async () => {
    const first = '/fixture/AccessDenied.go-v2.xml?case=before-ok';
    const ours = ossErrors();
    const client = got.extend({
      retry: { limit: 0 },
      hooks: {
        afterResponse: [
          (response, retryWithMergedOptions) =>
            response.statusCode === 403 ? retryWithMergedOptions(refreshed('/scenario/ok')) : response,
          ...ours.afterResponse,
        ],
        beforeError: ours.beforeError,
      },
    });
    const response = await client(oss.url(first));
    expect(response.statusCode).toBe(200);
    expect((response as WithOss).oss).toBeUndefined();
  });
});

describe('hook order', () => {
  it('user afterResponse hooks after ours see response.oss; those before ours do not', async () => {
    const seen: string[] = [];
    const ours = ossErrors();
    const spy =
      (label: string) =>
      <Response extends object>(response: Response): Response => {
        seen.push(`${label}:${(response as WithOss).oss?.code ?? 'none'}`);
        return response;
      };
    await rejectionOf(
      got(oss.url('/fixture/NoSuchBucket.xml'), {
        retry: { limit: 0 },
        hooks: {
          afterResponse: [spy('before'), ...ours.afterResponse, spy('after')],
          beforeError: ours.beforeError,
        },
      }),
    );
    expect(seen).toStrictEqual(['before:none', 'after:NoSuchBucket']);
  });

  it('got.extend puts instance hooks first: ossErrors() on the base client runs before per-request hooks', async () => {
    const seen: string[] = [];
    const client = got.extend({ retry: { limit: 0 }, hooks: ossErrors() });
    const err = await rejectionOf(
      client(oss.url('/fixture/NoSuchBucket.xml'), {
        hooks: {
          afterResponse: [
            (response) => {
              seen.push(`afterResponse:${(response as WithOss).oss?.code}`);
              return response;
            },
          ],
          beforeError: [
            (error) => {
              seen.push(`beforeError:${(error as Error & WithOss).oss?.code}`);
              return error;
            },
          ],
        },
      }),
    );
    expect(seen).toStrictEqual(['afterResponse:NoSuchBucket', 'beforeError:NoSuchBucket']);
    expect(isOssError(err)).toBe(true);
  });
});
