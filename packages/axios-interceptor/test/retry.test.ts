import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import type { AxiosError, AxiosInstance } from 'axios';
import axiosRetry from 'axios-retry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors } from '../src/index';
import { AXIOS_VERSIONS, rejectionOf } from './helpers';

// axios-retry re-runs the interceptor chain. Installed before it, ossErrors lets retryCondition read
// err.oss.retryable; installed after it, it still enriches the final error once.

let oss: FakeOss;
let keys = 0;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

/** A /scenario/flaky URL of its own (the server counts failures per key), and how often it was requested. */
function flaky(failures: number): { path: string; requests: () => number } {
  const key = `retry-${++keys}`;
  const path = `/scenario/flaky?key=${key}&failures=${failures}`;
  return { path, requests: () => oss.requests.filter((request) => request.url === path).length };
}

const SERVICE_UNAVAILABLE = 'ServiceUnavailable: Please reduce your request rate.';

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  const seen: Array<string | undefined> = [];
  const retryOnOss = {
    retries: 3,
    retryDelay: () => 0,
    retryCondition: (error: AxiosError) => {
      seen.push(isOssError(error) ? error.oss.code : undefined);
      return isOssError(error) && error.oss.retryable;
    },
  };
  const newClient = (): AxiosInstance => {
    seen.length = 0;
    return axios.create({ baseURL: oss.origin });
  };

  it('ossErrors first, axios-retry second: retryCondition reads err.oss.retryable', async () => {
    const client = newClient();
    client.interceptors.response.use(...ossErrors());
    axiosRetry(client, retryOnOss);
    const target = flaky(2);
    const response = await client.get(target.path);
    expect(response.data).toBe('ok');
    expect(target.requests()).toBe(3);
    expect(seen).toEqual(['ServiceUnavailable', 'ServiceUnavailable']);
  });

  it('ossErrors first: when the retries run out, the last error is enriched once', async () => {
    const client = newClient();
    client.interceptors.response.use(...ossErrors());
    axiosRetry(client, retryOnOss);
    const target = flaky(10);
    const err = await rejectionOf(client.get(target.path));
    expect(target.requests()).toBe(4);
    expect(isOssError(err) && err.oss.code).toBe('ServiceUnavailable');
    expect((err as AxiosError).message.split(SERVICE_UNAVAILABLE)).toHaveLength(2);
    expect((err as AxiosError).message.startsWith('Request failed with status code 503 — ')).toBe(true);
  });

  it('axios-retry first, ossErrors second: retryCondition cannot see oss yet, so nothing is retried', async () => {
    const client = newClient();
    axiosRetry(client, retryOnOss);
    client.interceptors.response.use(...ossErrors());
    const target = flaky(2);
    const err = await rejectionOf(client.get(target.path));
    expect(target.requests()).toBe(1);
    expect(seen).toEqual([undefined]);
    expect(isOssError(err) && err.oss.retryable).toBe(true);
  });

  it('axios-retry first with its own retryCondition: the chain re-runs, the error is enriched once', async () => {
    const client = newClient();
    axiosRetry(client, { retries: 2, retryDelay: () => 0 });
    client.interceptors.response.use(...ossErrors());
    const target = flaky(10);
    const err = await rejectionOf(client.get(target.path));
    expect(target.requests()).toBe(3);
    expect(isOssError(err) && err.oss.code).toBe('ServiceUnavailable');
    expect((err as AxiosError).message.split(SERVICE_UNAVAILABLE)).toHaveLength(2);
    expect(
      String((err as AxiosError).stack)
        .split('\n')[0]!
        .split(SERVICE_UNAVAILABLE),
    ).toHaveLength(2);
  });

  it('axios-retry first, then a success after retries: resolves untouched', async () => {
    const client = newClient();
    axiosRetry(client, { retries: 2, retryDelay: () => 0 });
    client.interceptors.response.use(...ossErrors());
    const target = flaky(1);
    expect((await client.get(target.path)).data).toBe('ok');
    expect(target.requests()).toBe(2);
  });
});
