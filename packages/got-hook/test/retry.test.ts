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

// The two retry recipes of the README, as written there (got's default statuses plus what OSS adds).
describe('the README retry recipes', () => {
  // got's default retry statuses (got 12 to 16).
  const GOT_STATUS_CODES = [408, 413, 429, 500, 502, 503, 504, 521, 522, 524];
  const statusCodes = (...more: number[]) => [...more, ...GOT_STATUS_CODES];

  it('got 14 and 16 retry these statuses by default', () => {
    expect(got.defaults.options.retry.statusCodes).toStrictEqual(GOT_STATUS_CODES);
  });

  it("statusCodes + calculateDelay: OSS's retryable verdict decides for OSS responses, got's rules for others", async () => {
    const client = got.extend({
      hooks: ossErrors(),
      retry: {
        limit: 3,
        statusCodes: statusCodes(400, 401),
        calculateDelay: ({ error, computedValue }) => {
          const details = (error.response as WithOss | undefined)?.oss;
          const status = error.response?.statusCode;
          if (details === undefined) return status === 400 || status === 401 ? 0 : Math.min(computedValue, 5);
          return details.retryable ? Math.min(computedValue, 5) : 0;
        },
      },
    });
    const unavailable = '/scenario/flaky?key=recipe-503&failures=2';
    expect((await client(oss.url(unavailable))).body).toBe('ok');
    expect(requestsTo(unavailable)).toBe(3);
    const notRetried: Array<[string, 'GET' | 'PUT']> = [
      ['/scenario/flaky?key=recipe-403&fail=AccessDenied.go-v2.xml', 'GET'],
      ['/scenario/flaky?key=recipe-skew&fail=RequestTimeTooSkewed.real-android.xml', 'GET'],
      ['/scenario/flaky?key=recipe-400&fail=BadRequestException.json-v2-x-oss-error-type.json', 'PUT'],
      ['/fixture/Gateway-Tengine-400.no-body.headers.txt?case=recipe', 'PUT'],
    ];
    for (const [path, method] of notRetried) {
      const err = await rejectionOf(client(oss.url(path), { method }));
      expect(err).toBeInstanceOf(HTTPError);
      expect(requestsTo(path), path).toBe(1);
    }
  });

  it('RequestTimeTooSkewed: beforeRequest runs for every attempt, so the retry is signed with the corrected time', async () => {
    let clockSkewMs = 0;
    const client = got.extend({
      hooks: {
        ...ossErrors(),
        beforeRequest: [
          (options) => {
            options.headers.date = new Date(Date.now() - clockSkewMs).toUTCString();
          },
        ],
        beforeRetry: [
          (error) => {
            const details = (error.response as WithOss | undefined)?.oss;
            if (details?.code === 'RequestTimeTooSkewed') clockSkewMs += details.clockSkewMs ?? 0;
          },
        ],
      },
      retry: {
        limit: 2,
        statusCodes: statusCodes(403),
        calculateDelay: ({ error, computedValue }) => {
          const details = (error.response as WithOss | undefined)?.oss;
          if (error.response?.statusCode !== 403) return computedValue;
          return details?.code === 'RequestTimeTooSkewed' ? 1 : 0;
        },
      },
    });
    const path = '/scenario/flaky?key=recipe-resign&fail=RequestTimeTooSkewed.real-android.xml';
    expect((await client(oss.url(path))).body).toBe('ok');
    const dates = oss.requests.filter((request) => request.url === path).map((r) => r.headers.date);
    expect(dates).toHaveLength(2);
    // The sample's RequestTime (1970) minus its ServerTime (2019): the retry's Date moves by exactly that.
    expect(clockSkewMs).toBe(Date.parse('1970-01-01T12:52:35.000Z') - Date.parse('2019-03-30T13:18:53.000Z'));
    const moved = Date.parse(String(dates[1])) - Date.parse(String(dates[0]));
    expect(Math.abs(moved + clockSkewMs)).toBeLessThan(60_000);

    const denied = '/scenario/flaky?key=recipe-resign-403&fail=AccessDenied.go-v2.xml';
    await rejectionOf(client(oss.url(denied)));
    expect(requestsTo(denied)).toBe(1);
  });
});
