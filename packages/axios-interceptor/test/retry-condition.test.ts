import { type FakeOss, loadOssFixtures, startFakeOss } from '@oss-errors/fake-oss';
import axiosLatest, { AxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import axiosRetry, { type IAxiosRetryConfig, isNetworkOrIdempotentRequestError } from 'axios-retry';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors, ossRetryCondition, parseOssError } from '../src/index';
import { AXIOS_VERSIONS, type DeadEnds, NODE_ADAPTERS, readAll, rejectionOf, startDeadEnds } from './helpers';

// ossRetryCondition against the real axios-retry: its default rule (network errors, 5xx/429 on idempotent
// requests) restated without importing axios-retry, plus OSS's retryable verdict, in either install order.

let oss: FakeOss;
let keys = 0;
let deadEnds: DeadEnds;
beforeAll(async () => {
  oss = await startFakeOss();
  deadEnds = await startDeadEnds();
});
afterAll(async () => {
  await oss.close();
  await deadEnds.close();
});

const sample = (name: string) => loadOssFixtures().find((fixture) => fixture.name === name)!;

/** A /scenario/flaky URL of its own: `failures` failures (a 503, or the named sample), then 200 'ok'. */
function flaky(failures: number, fail?: string): { path: string; requests: () => number } {
  const path = `/scenario/flaky?key=condition-${++keys}&failures=${failures}${fail ? `&fail=${fail}` : ''}`;
  return { path, requests: () => oss.requests.filter((request) => request.url === path).length };
}

const ORDERS = ['ossErrors first', 'axios-retry first'] as const;

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  describe.each(NODE_ADAPTERS)('%s adapter', (adapter) => {
    describe.each(ORDERS)('%s', (order) => {
      /** A client with ossErrors and axios-retry (ossRetryCondition unless told otherwise), in `order`. */
      const newClient = (
        retry: IAxiosRetryConfig = {},
        options: Parameters<typeof ossErrors>[0] = {},
      ): { client: AxiosInstance; retried: () => number } => {
        const client = axios.create({ adapter, baseURL: oss.origin });
        let retried = 0;
        const install = () => client.interceptors.response.use(...ossErrors({ warn: false, ...options }));
        if (order === 'ossErrors first') install();
        axiosRetry(client, {
          retries: 3,
          retryDelay: () => 0,
          retryCondition: ossRetryCondition,
          onRetry: () => void retried++,
          ...retry,
        });
        if (order === 'axios-retry first') install();
        return { client, retried: () => retried };
      };

      it('a 503, then a 200: retried until it succeeds', async () => {
        const { client } = newClient();
        const target = flaky(2);
        expect((await client.get(target.path)).data).toBe('ok');
        expect(target.requests()).toBe(3);
      });

      it('a 503 on a POST: retried, because OSS says so (axios-retry alone retries no POST 503)', async () => {
        const target = flaky(1);
        expect((await newClient().client.post(target.path, 'body')).data).toBe('ok');
        expect(target.requests()).toBe(2);

        const plain = flaky(1);
        const err = await rejectionOf(
          newClient({ retryCondition: isNetworkOrIdempotentRequestError }).client.post(plain.path, 'body'),
        );
        expect(plain.requests()).toBe(1);
        expect(isOssError(err) && err.oss.code).toBe('ServiceUnavailable');
      });

      it('a 403 AccessDenied: not retried, and the error is enriched once', async () => {
        const target = flaky(1, 'AccessDenied.go-v2.xml');
        const err = await rejectionOf(newClient().client.get(target.path));
        expect(target.requests()).toBe(1);
        expect(isOssError(err)).toBe(true);
        if (!isOssError(err)) return;
        expect(err.oss).toMatchObject({ code: 'AccessDenied', status: 403, retryable: false });
        expect(err.message.split(' — ')).toHaveLength(2);
      });

      it('RequestTimeTooSkewed: retryable by the OSS rule, so retried', async () => {
        const target = flaky(2, 'RequestTimeTooSkewed.real-android.xml');
        const err = await rejectionOf(newClient({ retries: 1 }).client.get(target.path));
        expect(target.requests()).toBe(2);
        expect(isOssError(err) && err.oss).toMatchObject({ code: 'RequestTimeTooSkewed', retryable: true });
      });

      it('the interceptor enriches with its own options, whatever the condition read', async () => {
        const target = flaky(1, 'AccessDenied.go-v2.xml');
        const { client } = newClient({}, { rewriteMessage: false });
        const err = await rejectionOf(client.get(target.path));
        expect(isOssError(err) && err.oss.code).toBe('AccessDenied');
        expect((err as AxiosError).message).toBe('Request failed with status code 403');
      });

      it.each(['get', 'post'] as const)(
        'a network error (connection refused) on %s: retried, as axios-retry does',
        async (method) => {
          const { client, retried } = newClient({ retries: 2 });
          const err = await rejectionOf(client.request({ method, url: deadEnds.closedPortUrl }));
          expect(retried()).toBe(2);
          expect((err as AxiosError).code).toBe(adapter === 'http' ? 'ECONNREFUSED' : 'ERR_NETWORK');
          expect(isOssError(err)).toBe(false);
        },
      );

      it('a cancelled request: never retried (axios-retry alone retries a cancelled GET)', async () => {
        const cancelled = (client: AxiosInstance) => {
          const controller = new AbortController();
          setTimeout(() => controller.abort(), 20);
          return rejectionOf(client.get(deadEnds.silentUrl, { signal: controller.signal }));
        };
        const ours = newClient({ retries: 2 });
        expect(axios.isCancel(await cancelled(ours.client))).toBe(true);
        expect(ours.retried()).toBe(0);
        const plain = newClient({ retries: 2, retryCondition: isNetworkOrIdempotentRequestError });
        expect(axios.isCancel(await cancelled(plain.client))).toBe(true);
        expect(plain.retried()).toBe(2);
      });

      it('a streamed 503 on a POST: read, retried, and the final body streams whole', async () => {
        const target = flaky(1);
        const response = await newClient().client.post(target.path, 'body', { responseType: 'stream' });
        expect((await readAll(response.data)).toString()).toBe('ok');
        expect(target.requests()).toBe(2);
      });

      it('a streamed 403: not retried, and err.response.data still yields every byte', async () => {
        const name = 'AccessDenied.go-v2.xml';
        const target = flaky(1, name);
        const err = await rejectionOf(newClient().client.get(target.path, { responseType: 'stream' }));
        expect(target.requests()).toBe(1);
        expect(isOssError(err) && err.oss.code).toBe('AccessDenied');
        expect((await readAll((err as AxiosError).response?.data)).toString()).toBe(sample(name).body);
      });
    });

    it("the README's RequestTimeTooSkewed opt-in: axios-retry re-runs request interceptors, so a signing one re-signs", async () => {
      const client = axios.create({ adapter, baseURL: oss.origin });
      let clockSkewMs = 0;
      client.interceptors.request.use((config) => {
        config.headers.set('x-oss-date', new Date(Date.now() - clockSkewMs).toISOString());
        return config;
      });
      client.interceptors.response.use(...ossErrors({ warn: false }));
      axiosRetry(client, {
        retryDelay: () => 0,
        retryCondition: ossRetryCondition,
        onRetry: (_count, err) => {
          if (isOssError(err)) clockSkewMs += err.oss.clockSkewMs ?? 0;
        },
      });
      const target = flaky(1, 'RequestTimeTooSkewed.real-android.xml');
      expect((await client.get(target.path)).data).toBe('ok');
      const dates = oss.requests
        .filter((request) => request.url === target.path)
        .map((request) => Date.parse(String(request.headers['x-oss-date'])));
      expect(dates).toHaveLength(2);
      expect(clockSkewMs).toBeLessThan(0);
      expect(Math.abs(dates[1]! - dates[0]! + clockSkewMs)).toBeLessThan(60_000);
    });

    it('used directly: a boolean, and the error is left as axios made it', async () => {
      const client = axios.create({ adapter, baseURL: oss.origin });
      const unavailable = (await rejectionOf(client.post('/scenario/unavailable'))) as AxiosError;
      const denied = (await rejectionOf(client.get(flaky(1, 'AccessDenied.go-v2.xml').path))) as AxiosError;
      expect(await ossRetryCondition(unavailable)).toBe(true);
      expect(await ossRetryCondition(denied)).toBe(false);
      for (const err of [unavailable, denied]) {
        expect(isOssError(err)).toBe(false);
        expect(err.message).toMatch(/^Request failed with status code \d+$/);
      }
    });
  });
});

describe('the rule, for every error shape', () => {
  const CODES = [
    undefined,
    '',
    'ERR_CANCELED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'ECONNRESET',
    'ECONNREFUSED',
    'EAI_AGAIN',
    'ENOTFOUND',
    'ENETUNREACH',
    'CERT_HAS_EXPIRED',
    'HOSTNAME_MISMATCH',
    'ERR_NETWORK',
    'ERR_BAD_RESPONSE',
    'ERR_BAD_REQUEST',
  ];
  const METHODS = [undefined, 'get', 'head', 'options', 'put', 'delete', 'post', 'patch', 'GET'];
  const OSS_CODES = ['NoSuchKey', 'AccessDenied', 'RequestTimeTooSkewed', 'BadRequest', 'InternalError'];
  const response = fc.record({
    status: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.constantFrom(203, 400, 401, 408, 429, 503)),
    // An OSS <Error> document with a request id, or a page with no OSS evidence.
    ossCode: fc.option(fc.constantFrom(...OSS_CODES), { nil: undefined }),
  });
  type Shape = {
    code: string | undefined;
    method: string | undefined;
    response: { status: number; ossCode: string | undefined } | undefined;
  };
  const shape: fc.Arbitrary<Shape> = fc.record({
    code: fc.oneof(fc.constantFrom(...CODES), fc.string()),
    method: fc.constantFrom(...METHODS),
    response: fc.option(response, { nil: undefined }),
  });

  function errorOf({ code, method, response }: Shape): AxiosError {
    const config = { method, headers: new axiosLatest.AxiosHeaders() } as never;
    const axiosResponse =
      response === undefined
        ? undefined
        : ({
            status: response.status,
            statusText: '',
            config,
            headers:
              response.ossCode === undefined
                ? { 'content-type': 'text/html' }
                : { 'content-type': 'application/xml', 'x-oss-request-id': '5C3D9175B6FC201293AD0001' },
            data:
              response.ossCode === undefined
                ? '<html>Bad Gateway</html>'
                : `<Error><Code>${response.ossCode}</Code><Message>m</Message></Error>`,
          } as AxiosResponse);
    return new AxiosError('Request failed', code, config, {}, axiosResponse);
  }
  /** What the README promises: axios-retry's default (never for a cancel), or OSS's verdict. */
  function expected(err: AxiosError): boolean {
    if (err.code === 'ERR_CANCELED') return false;
    if (isNetworkOrIdempotentRequestError(err)) return true;
    const res = err.response;
    if (res === undefined || (res.status >= 200 && res.status < 300 && res.status !== 203)) return false;
    const details = parseOssError({
      status: res.status,
      headers: res.headers as never,
      body: res.data as string,
    });
    return details?.retryable === true;
  }

  it('is axios-retry’s default, or OSS’s retryable verdict, never a cancel', async () => {
    await fc.assert(
      fc.asyncProperty(shape, async (facts) => {
        const err = errorOf(facts);
        expect(await ossRetryCondition(err)).toBe(expected(err));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same verdict after the interceptor ran first', async () => {
    const [, onRejected] = ossErrors({ warn: false });
    await fc.assert(
      fc.asyncProperty(shape, async (facts) => {
        const err = errorOf(facts);
        const verdict = expected(err);
        await onRejected(err).catch(() => {});
        expect(await ossRetryCondition(err)).toBe(verdict);
      }),
      { numRuns: 300 },
    );
  });

  it('is false, never a rejection, for what is not an AxiosError', async () => {
    for (const value of [
      undefined,
      null,
      'x',
      new Error('x'),
      { isAxiosError: true },
      { code: 'ECONNRESET' },
    ]) {
      expect(await ossRetryCondition(value)).toBe(false);
    }
  });
});
