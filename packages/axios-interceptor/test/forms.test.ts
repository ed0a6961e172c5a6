import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import type { AxiosError, AxiosResponse } from 'axios';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isOssError, ossErrors } from '../src/index';
import { SHORT_FORM_WARNING, UNPLACED_VALUE_WARNING } from '../src/interceptor';
import { AXIOS_VERSIONS, recordingClient, rejectionOf } from './helpers';

// The three ways to install the interceptor (SPEC.md), the short form's one warning, and installing
// it twice. Real axios against the fake OSS.

const NO_SUCH_KEY = '/fixture/NoSuchKey.real-opendal.xml';
const SUFFIX = ' — NoSuchKey: The specified key does not exist. (request id 636BA0A2B7A5733230845ECC)';

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  const newClient = () => recordingClient(axios, { baseURL: oss.origin });

  it('ossErrors() is the pair [onFulfilled, onRejected] and a function', () => {
    const interceptor = ossErrors();
    const [onFulfilled, onRejected] = interceptor;
    expect(typeof interceptor).toBe('function');
    expect(interceptor).toHaveLength(2);
    expect(typeof onFulfilled).toBe('function');
    expect(typeof onRejected).toBe('function');
    expect(interceptor[0]).toBe(onFulfilled);
    expect(interceptor[1]).toBe(onRejected);
    expect([...interceptor]).toEqual([onFulfilled, onRejected]);
  });

  it('use(...ossErrors()): enriches the error it rejects with, resolves successes, never warns', async () => {
    const warn = vi.fn();
    const { client, rejections } = newClient();
    client.interceptors.response.use(...ossErrors({ warn }));
    const err = await rejectionOf(client.get(NO_SUCH_KEY));
    expect(err).toBe(rejections[0]!.error);
    expect(isOssError(err) && err.oss.code).toBe('NoSuchKey');
    expect((err as AxiosError).message).toBe(`Request failed with status code 404${SUFFIX}`);
    const ok = await client.get('/scenario/ok');
    expect(ok.data).toBe('hello');
    expect(ok).not.toHaveProperty('oss');
    expect(warn).not.toHaveBeenCalled();
  });

  it('use(undefined, ossErrors()): enriches errors, never warns', async () => {
    const warn = vi.fn();
    const { client, rejections } = newClient();
    client.interceptors.response.use(undefined, ossErrors({ warn }));
    const err = await rejectionOf(client.get(NO_SUCH_KEY));
    expect(err).toBe(rejections[0]!.error);
    expect(isOssError(err) && err.oss.code).toBe('NoSuchKey');
    expect((await client.get('/scenario/ok')).data).toBe('hello');
    expect(warn).not.toHaveBeenCalled();
  });

  it('use(ossErrors()): 4xx/5xx never reach it; it warns exactly once and names the fix', async () => {
    const warn = vi.fn();
    const { client, rejections } = newClient();
    client.interceptors.response.use(ossErrors({ warn }));
    const err = await rejectionOf(client.get(NO_SUCH_KEY));
    expect(err).toBe(rejections[0]!.error);
    expect(err).not.toHaveProperty('oss');
    expect((err as AxiosError).message).toBe('Request failed with status code 404');
    // Successes do reach it: they resolve unchanged, and the first one triggers the warning.
    for (let i = 0; i < 3; i++) expect((await client.get('/scenario/ok')).data).toBe('hello');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(SHORT_FORM_WARNING);
    expect(SHORT_FORM_WARNING).toContain('interceptors.response.use(...ossErrors())');
    expect(SHORT_FORM_WARNING).toContain('4xx and 5xx');
  });

  it('use(ossErrors()): the warning goes to console.warn by default, once per ossErrors() call', async () => {
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { client } = newClient();
      client.interceptors.response.use(ossErrors());
      await client.get('/scenario/ok');
      await client.get('/scenario/ok');
      expect(consoleWarn).toHaveBeenCalledTimes(1);
      expect(consoleWarn).toHaveBeenCalledWith(SHORT_FORM_WARNING);
      const other = newClient();
      other.client.interceptors.response.use(ossErrors());
      await other.client.get('/scenario/ok');
      expect(consoleWarn).toHaveBeenCalledTimes(2);
    } finally {
      consoleWarn.mockRestore();
    }
  });

  it('use(ossErrors()): still handles the 2xx OSS error, a 203 CallbackFailed', async () => {
    const { client } = newClient();
    client.interceptors.response.use(ossErrors({ warn: false }));
    const err = await rejectionOf(client.put('/scenario/callback-failed', 'data'));
    expect(isOssError(err) && err.oss.code).toBe('CallbackFailed');
  });

  it('warn: false is silent; a throwing warn function does not fail the request', async () => {
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { client } = newClient();
      client.interceptors.response.use(ossErrors({ warn: false }));
      client.interceptors.response.use(
        ossErrors({
          warn: () => {
            throw new Error('logger down');
          },
        }),
      );
      expect((await client.get('/scenario/ok')).data).toBe('hello');
      expect(consoleWarn).not.toHaveBeenCalled();
    } finally {
      consoleWarn.mockRestore();
    }
  });

  it.each([
    ['two ossErrors() calls', () => [ossErrors(), ossErrors()]],
    ['one interceptor twice', () => Array(2).fill(ossErrors()) as ReturnType<typeof ossErrors>[]],
  ])('installed twice (%s): enriched once', async (_, interceptors) => {
    const { client, rejections } = newClient();
    for (const interceptor of interceptors()) client.interceptors.response.use(...interceptor);
    client.interceptors.response.use(undefined, ossErrors());
    const err = await rejectionOf(client.get(NO_SUCH_KEY));
    expect(err).toBe(rejections[0]!.error);
    const message = (err as AxiosError).message;
    expect(message).toBe(`Request failed with status code 404${SUFFIX}`);
    expect(countOf(message, 'NoSuchKey')).toBe(1);
    expect(countOf(String((err as AxiosError).stack).split('\n')[0]!, 'NoSuchKey')).toBe(1);
    expect(((err as AxiosError).toJSON() as { oss?: { code?: string } }).oss?.code).toBe('NoSuchKey');
  });

  it('installed alone, a value that is neither an error nor a resolvable response stays a rejection', async () => {
    const warn = vi.fn();
    const { client } = newClient();
    // A common pattern before ours: reject with the response (or its data) instead of the error.
    client.interceptors.response.use(undefined, (error: AxiosError) => Promise.reject(error.response));
    client.interceptors.response.use(undefined, ossErrors({ warn }));
    const rejected = await rejectionOf(client.get(NO_SUCH_KEY));
    expect((rejected as AxiosResponse).status).toBe(404);
    expect(rejected).not.toHaveProperty('oss');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(UNPLACED_VALUE_WARNING);
    expect(UNPLACED_VALUE_WARNING).toContain('interceptors.response.use(...ossErrors())');

    const strings = newClient();
    strings.client.interceptors.response.use(undefined, () => Promise.reject('plain string'));
    strings.client.interceptors.response.use(undefined, ossErrors({ warn: false }));
    expect(await rejectionOf(strings.client.get(NO_SUCH_KEY))).toBe('plain string');
  });

  it('an Error that is not an AxiosError passes through as the same object', async () => {
    const { client } = newClient();
    const own = new Error('thrown by an earlier interceptor');
    client.interceptors.response.use(() => Promise.reject(own));
    client.interceptors.response.use(...ossErrors());
    client.interceptors.response.use(undefined, ossErrors());
    const err = await rejectionOf(client.get('/scenario/ok'));
    expect(err).toBe(own);
    expect(own.message).toBe('thrown by an earlier interceptor');
    expect(own).not.toHaveProperty('oss');
  });
});
