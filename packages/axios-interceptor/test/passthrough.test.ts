import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import type { AxiosError, AxiosResponse, ResponseType } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors } from '../src/index';
import {
  AXIOS_VERSIONS,
  type DeadEnds,
  NODE_ADAPTERS,
  readAll,
  recordingClient,
  rejectionOf,
  responseTypeOption,
  startDeadEnds,
} from './helpers';

// What is not an OSS error passes through untouched, as the same object: network errors, timeouts,
// aborts, a proxy's HTML page, a 304; and a 2xx is never read, even when its body is an <Error> document.

let oss: FakeOss;
let deadEnds: DeadEnds;
let closedPortUrl: string;
let silentUrl: string;
beforeAll(async () => {
  oss = await startFakeOss();
  deadEnds = await startDeadEnds();
  ({ closedPortUrl, silentUrl } = deadEnds);
});
afterAll(async () => {
  await oss.close();
  await deadEnds.close();
});

/** Asserts the error is the one axios rejected with, exactly as it was. */
function expectUntouched(
  err: unknown,
  rejection: { error: unknown; message: string; code: unknown } | undefined,
) {
  expect(rejection).toBeDefined();
  expect(err).toBe(rejection!.error);
  expect((err as AxiosError).message).toBe(rejection!.message);
  expect((err as AxiosError).code).toBe(rejection!.code);
  expect(err).not.toHaveProperty('oss');
  expect(isOssError(err)).toBe(false);
  expect((err as AxiosError).toJSON()).not.toHaveProperty('oss');
}

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  describe.each(NODE_ADAPTERS)('%s adapter', (adapter) => {
    const newClient = (config: Parameters<typeof recordingClient>[1] = {}) => {
      const recorded = recordingClient(axios, { adapter, baseURL: oss.origin, ...config });
      recorded.client.interceptors.response.use(...ossErrors({ warn: false }));
      return recorded;
    };

    it('a gateway HTML page (502, no OSS headers)', async () => {
      const { client, rejections } = newClient();
      const err = await rejectionOf(client.get('/scenario/gateway-html'));
      expectUntouched(err, rejections[0]);
      expect((err as AxiosError).response?.status).toBe(502);
      expect((err as AxiosError).response?.data).toContain('502 Bad Gateway');
    });

    it('a gateway HTML page as a stream: the stream is put back whole', async () => {
      const { client, rejections } = newClient({ responseType: 'stream' });
      const err = await rejectionOf(client.get('/scenario/gateway-html'));
      expectUntouched(err, rejections[0]);
      expect((await readAll((err as AxiosError).response?.data)).toString()).toContain('502 Bad Gateway');
    });

    it('a 304 with no <Error> document', async () => {
      const { client, rejections } = newClient();
      // Peer vector 12: HeadObject answered 304 with x-oss-request-id and no body.
      const err = await rejectionOf(client.head('/peer/12'));
      expectUntouched(err, rejections[0]);
      expect((err as AxiosError).response?.status).toBe(304);
    });

    it('a network error (connection refused)', async () => {
      const { client, rejections } = newClient();
      const err = await rejectionOf(client.get(closedPortUrl));
      expectUntouched(err, rejections[0]);
      expect((err as AxiosError).response).toBeUndefined();
    });

    it('a timeout (no response)', async () => {
      const { client, rejections } = newClient({ timeout: 100 });
      const err = await rejectionOf(client.get(silentUrl));
      expectUntouched(err, rejections[0]);
      expect(['ECONNABORTED', 'ETIMEDOUT']).toContain((err as AxiosError).code);
    });

    it('a timeout while an OSS 500 body still arrives: enriched only if axios attached the response', async () => {
      const { client, rejections } = newClient({ timeout: 100 });
      const err = await rejectionOf(client.get('/scenario/never-ends'));
      const rejection = rejections[0]!;
      expect(err).toBe(rejection.error);
      expect((err as AxiosError).code).toBe(rejection.code);
      if ((err as AxiosError).response === undefined) {
        // axios 1.7.0 (http, fetch) and the latest fetch adapter: a plain timeout error, no response.
        expectUntouched(err, rejection);
      } else {
        // The latest http adapter: 'stream has been aborted' with the 500 response. Its headers are OSS's.
        expect(isOssError(err)).toBe(true);
        if (!isOssError(err)) return;
        expect(err.oss).toMatchObject({ status: 500, code: 'InternalServerError', source: 'status' });
        expect(err.oss.requestId).toMatch(/^[0-9A-F]{24}$/);
        expect(err.message.startsWith(`${rejection.message} — InternalServerError`)).toBe(true);
      }
    });

    it('an abort', async () => {
      const { client, rejections } = newClient();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const err = await rejectionOf(client.get('/scenario/never-ends', { signal: controller.signal }));
      expectUntouched(err, rejections[0]);
      expect(axios.isCancel(err)).toBe(true);
    });

    const types: ReadonlyArray<ResponseType | undefined> = [
      undefined,
      'text',
      'arraybuffer',
      'blob',
      'stream',
    ];
    it.each(types)(
      'a 200 whose body is an <Error> document is the user object (responseType %s)',
      async (type) => {
        const seen: AxiosResponse[] = [];
        const { client } = recordingClient(axios, {
          adapter,
          baseURL: oss.origin,
          ...responseTypeOption(type),
        });
        client.interceptors.response.use((response) => {
          seen.push({ ...response });
          return response;
        });
        client.interceptors.response.use(...ossErrors({ warn: false }));
        const response = await client.get('/scenario/ok-error-document');
        expect(response.status).toBe(200);
        expect(response).not.toHaveProperty('oss');
        // Not read, not replaced: the very data axios produced.
        expect(response.data).toBe(seen[0]!.data);
        if (type === 'stream') {
          const stream = response.data as { readableDidRead?: boolean; locked?: boolean };
          if (adapter === 'http') expect(stream.readableDidRead).toBe(false);
          else expect(stream.locked).toBe(false);
        }
        expect((await readAll(await bodyStream(response.data))).toString()).toContain(
          '<RequestId>STOREDOBJECTNOTANERROR00</RequestId>',
        );
      },
    );
  });
});

/** Any responseType's data as something readAll can read. */
async function bodyStream(data: unknown): Promise<unknown> {
  if (typeof data === 'string') return new Blob([data]).stream();
  if (data instanceof Blob) return data.stream();
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data))
    return new Blob([data as ArrayBuffer]).stream();
  return data;
}
