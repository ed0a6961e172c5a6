import { type FakeOss, loadOssFixtures, startFakeOss } from '@oss-errors/fake-oss';
import type { AxiosError, AxiosResponse, ResponseType } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, type OssAxiosResponse, ossErrors, parseOssError } from '../src/index';
import {
  AXIOS_VERSIONS,
  NODE_ADAPTERS,
  RESPONSE_TYPES,
  readAll,
  rejectionOf,
  responseTypeOption,
} from './helpers';

// A validateStatus that accepts a failure status makes axios resolve it: the response then carries
// response.oss, exactly the details the rejected error would have carried, and its data is what axios
// gave (a stream still yields every byte). A 2xx stays unread.

// Every shared sample that fails (the 203 CallbackFailed has its own path and tests).
const failures = loadOssFixtures().filter((fixture) => fixture.status >= 300);
const acceptAll = { validateStatus: () => true };

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

/** What a body is, comparably: text for strings, bytes for binary data, the outcome of reading a stream. */
async function comparable(data: unknown, responseType: ResponseType | undefined): Promise<unknown> {
  if (responseType === 'stream') {
    return readAll(data).then(
      (bytes) => ({ bytes: bytes.toString('base64') }),
      (error: unknown) => ({ failed: String(error) }),
    );
  }
  if (data instanceof Blob) return { blob: Buffer.from(await data.arrayBuffer()).toString('base64') };
  if (data instanceof ArrayBuffer) return { bytes: Buffer.from(data).toString('base64') };
  return data;
}

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  describe.each(NODE_ADAPTERS)('%s adapter', (adapter) => {
    const newClient = (config: Record<string, unknown>, enriched: boolean) => {
      const client = axios.create({ adapter, baseURL: oss.origin, ...config });
      if (enriched) client.interceptors.response.use(...ossErrors({ warn: false }));
      return client;
    };

    describe.each(RESPONSE_TYPES)('responseType %s', (responseType) => {
      it.each(failures)('$name: resolves with response.oss, data as axios gave it', async (fixture) => {
        const path = `/fixture/${encodeURIComponent(fixture.name)}`;
        const request = { url: path, method: fixture.method, ...responseTypeOption(responseType) };
        const plain = await newClient(acceptAll, false).request(request);
        const resolved: OssAxiosResponse = await newClient(acceptAll, true).request(request);

        // The details the rejected error carries in matrix.test.ts: the sample as the core reads it.
        const body = fixture.method === 'HEAD' ? '' : fixture.body;
        const expected = parseOssError({ ...fixture, body, url: oss.url(path) });
        expect(resolved.status).toBe(fixture.status);
        if (expected === undefined) expect(resolved).not.toHaveProperty('oss');
        else expect(resolved.oss).toEqual(expected);
        expect(await comparable(resolved.data, responseType)).toEqual(
          await comparable(plain.data, responseType),
        );
      });
    });

    it('a 200 whose body is an <Error> document: untouched and unread, whatever validateStatus accepts', async () => {
      const seen: AxiosResponse[] = [];
      const client = axios.create({ adapter, baseURL: oss.origin, responseType: 'stream', ...acceptAll });
      client.interceptors.response.use((response) => {
        seen.push({ ...response });
        return response;
      });
      client.interceptors.response.use(...ossErrors({ warn: false }));
      const response = await client.get('/scenario/ok-error-document');
      expect(response).not.toHaveProperty('oss');
      expect(response.data).toBe(seen[0]!.data);
      const stream = response.data as { readableDidRead?: boolean; locked?: boolean };
      if (adapter === 'http') expect(stream.readableDidRead).toBe(false);
      else expect(stream.locked).toBe(false);
    });

    it('a streamed error body that never ends: resolves within the time limit, with what arrived', async () => {
      const client = axios.create({ adapter, baseURL: oss.origin, responseType: 'stream', ...acceptAll });
      client.interceptors.response.use(...ossErrors({ warn: false, bodyTimeoutMs: 200 }));
      const response: OssAxiosResponse = await client.get('/scenario/never-ends');
      expect(response.status).toBe(500);
      expect(response.oss).toMatchObject({ status: 500, code: 'InternalError', source: 'body' });
      // The bytes that were read come first in the stream, as they were sent.
      const reader = (async () => {
        for await (const chunk of response.data as AsyncIterable<Uint8Array>) return Buffer.from(chunk);
        return Buffer.alloc(0);
      })();
      expect((await reader).toString()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error>/);
    });

    it('a huge streamed error body: read up to the cap, and every byte still streams', async () => {
      const bytes = 2 * 1024 * 1024;
      const client = axios.create({ adapter, baseURL: oss.origin, responseType: 'stream', ...acceptAll });
      client.interceptors.response.use(...ossErrors({ warn: false, maxBodyBytes: 4096 }));
      const response: OssAxiosResponse = await client.get(`/scenario/huge?bytes=${bytes}`);
      expect(response.oss).toMatchObject({ status: 403, code: 'AccessDenied', ec: '0003-00000001' });
      const body = await readAll(response.data);
      expect(body.length).toBeGreaterThan(bytes);
      expect(body.subarray(0, 38).toString()).toBe('<?xml version="1.0" encoding="UTF-8"?>');
    });

    it('a body that cannot be read: response.oss from the headers, and it still resolves', async () => {
      const unreadable = {
        toJSON() {
          throw new Error('not serializable');
        },
      };
      const client = axios.create({
        adapter,
        baseURL: oss.origin,
        transformResponse: [() => unreadable],
        ...acceptAll,
      });
      client.interceptors.response.use(...ossErrors({ warn: false }));
      const response: OssAxiosResponse = await client.get('/scenario/unavailable');
      expect(response.data).toBe(unreadable);
      expect(response.oss).toMatchObject({ status: 503, code: 'ServiceUnavailable', source: 'status' });
    });

    it('installed on the error path only, use(undefined, ossErrors()): a resolved response is not seen', async () => {
      const client = axios.create({ adapter, baseURL: oss.origin, ...acceptAll });
      client.interceptors.response.use(undefined, ossErrors({ warn: false }));
      const response = await client.get('/fixture/NoSuchKey.real-opendal.xml');
      expect(response.status).toBe(404);
      expect(response).not.toHaveProperty('oss');
    });

    it('set once: installed twice, the same details object', async () => {
      const client = axios.create({ adapter, baseURL: oss.origin, ...acceptAll });
      const seen: unknown[] = [];
      client.interceptors.response.use(...ossErrors({ warn: false }));
      client.interceptors.response.use((response) => {
        seen.push((response as OssAxiosResponse).oss);
        return response;
      });
      client.interceptors.response.use(...ossErrors({ warn: false }));
      const response: OssAxiosResponse = await client.get('/fixture/NoSuchKey.real-opendal.xml');
      expect(response.oss?.code).toBe('NoSuchKey');
      expect(response.oss).toBe(seen[0]);
    });

    it('a per-request validateStatus counts too: this request resolves, the next rejects', async () => {
      const client = newClient({}, true);
      const resolved: OssAxiosResponse = await client.get('/scenario/unavailable', acceptAll);
      expect(resolved.oss?.code).toBe('ServiceUnavailable');
      const err = (await rejectionOf(client.get('/scenario/unavailable'))) as AxiosError;
      expect(isOssError(err) && err.oss.code).toBe('ServiceUnavailable');
      expect(err.response).not.toHaveProperty('oss');
    });
  });
});
