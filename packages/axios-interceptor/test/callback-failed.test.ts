import { type FakeOss, loadOssFixtures, startFakeOss } from '@oss-errors/fake-oss';
import type { AxiosError, AxiosResponse } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, type OssAxiosResponse, ossErrors, parseOssError } from '../src/index';
import { AXIOS_VERSIONS, NODE_ADAPTERS, readAll, recordingClient, rejectionOf } from './helpers';

// A 203 with an OSS <Error> body: the object WAS stored, the upload callback failed. axios resolves it;
// by default we reject with an AxiosError carrying oss, or (rejectCallbackFailed: false) keep it resolved
// with response.oss.

const SAMPLE = loadOssFixtures().find((fixture) => fixture.name === 'CallbackFailed.203.xml')!;
// The sample exactly as its source recorded it (its request id masked there).
const PATH = '/fixture/CallbackFailed.203.xml';

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  describe.each(NODE_ADAPTERS)('%s adapter', (adapter) => {
    /** A client that records every response axios resolved with, before ours ran. */
    const newClient = (
      options: Parameters<typeof ossErrors>[0],
      config: { responseType?: 'stream' } = {},
    ) => {
      const { client } = recordingClient(axios, { adapter, baseURL: oss.origin, ...config });
      const responses: AxiosResponse[] = [];
      client.interceptors.response.use((response) => {
        responses.push(response);
        return response;
      });
      client.interceptors.response.use(...ossErrors({ warn: false, ...options }));
      return { client, responses };
    };
    const expected = () => parseOssError({ ...SAMPLE, url: oss.url(PATH) });

    it('rejects by default with an AxiosError carrying oss, that says the object was stored', async () => {
      const { client, responses } = newClient({});
      const err = (await rejectionOf(client.put(PATH, 'payload'))) as AxiosError;
      expect(axios.isAxiosError(err)).toBe(true);
      expect(err).toBeInstanceOf(Error);
      expect(err.code).toBe('ERR_BAD_RESPONSE');
      expect(err.response).toBe(responses[0]);
      expect(err.response?.status).toBe(203);
      expect(err.status).toBe(203);
      expect(err.config).toBe(responses[0]!.config);
      expect(isOssError(err)).toBe(true);
      if (!isOssError(err)) return;
      expect(err.oss).toEqual(expected());
      expect(err.oss).toMatchObject({ code: 'CallbackFailed', status: 203, fault: 'client', method: 'PUT' });
      expect(err.message).toBe(
        'Request failed with status code 203 — CallbackFailed: Error status : 301. The object WAS stored; ' +
          'only the upload callback failed. (request id 5C3D9175B6FC201293AD****, EC 0007-00000203)',
      );
      expect((err.toJSON() as { oss?: unknown }).oss).toEqual(expected());
      expect((JSON.parse(JSON.stringify(err)) as { oss?: unknown }).oss).toEqual(expected());
    });

    it('rejectCallbackFailed: false resolves, with response.oss', async () => {
      const { client, responses } = newClient({ rejectCallbackFailed: false });
      const response: OssAxiosResponse = await client.put(PATH, 'payload');
      expect(response).toBe(responses[0]);
      expect(response.status).toBe(203);
      expect(response.data).toBe(SAMPLE.body);
      expect(response.oss).toEqual(expected());
    });

    it('a streamed 203 is read up to the cap and still yields every byte', async () => {
      const rejecting = newClient({}, { responseType: 'stream' });
      const err = (await rejectionOf(rejecting.client.put(PATH, 'payload'))) as AxiosError;
      expect(isOssError(err) && err.oss.code).toBe('CallbackFailed');
      expect((await readAll(err.response?.data)).toString('utf8')).toBe(SAMPLE.body);

      const resolving = newClient({ rejectCallbackFailed: false }, { responseType: 'stream' });
      const response: OssAxiosResponse = await resolving.client.put(PATH, 'payload');
      expect(response.oss?.code).toBe('CallbackFailed');
      expect((await readAll(response.data)).toString('utf8')).toBe(SAMPLE.body);
    });

    it('installed twice: one rejection, one set of details', async () => {
      const { client } = newClient({});
      client.interceptors.response.use(...ossErrors({ warn: false }));
      const err = (await rejectionOf(client.put(PATH, 'payload'))) as AxiosError;
      expect(err.message.split('CallbackFailed').length - 1).toBe(1);

      const resolving = newClient({ rejectCallbackFailed: false });
      resolving.client.interceptors.response.use(...ossErrors({ warn: false, rejectCallbackFailed: false }));
      const response: OssAxiosResponse = await resolving.client.put(PATH, 'payload');
      expect(response.oss?.code).toBe('CallbackFailed');
    });

    it('a 203 that axios itself rejects (validateStatus) is enriched in place, the same object', async () => {
      const { client, rejections } = recordingClient(axios, {
        adapter,
        baseURL: oss.origin,
        validateStatus: (status) => status === 200,
      });
      client.interceptors.response.use(...ossErrors({ warn: false }));
      const err = await rejectionOf(client.put(PATH, 'payload'));
      expect(err).toBe(rejections[0]!.error);
      expect(isOssError(err) && err.oss).toEqual(expected());
      expect((err as AxiosError).message).toContain('The object WAS stored');
    });
  });
});
