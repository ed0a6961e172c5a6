import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import type { AxiosError } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors } from '../src/index';
import { AXIOS_VERSIONS, recordingClient, rejectionOf } from './helpers';

// The options and their documented defaults (maxBodyBytes is in streams.test.ts and read-body.test.ts,
// rejectCallbackFailed in callback-failed.test.ts, warn in forms.test.ts).

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  it('rewriteMessage: false leaves the message and stack as axios made them; oss is still set', async () => {
    const { client, rejections } = recordingClient(axios, { baseURL: oss.origin });
    client.interceptors.response.use(...ossErrors({ rewriteMessage: false }));
    const err = (await rejectionOf(client.get('/fixture/NoSuchBucket.xml'))) as AxiosError;
    expect(err).toBe(rejections[0]!.error);
    expect(err.message).toBe('Request failed with status code 404');
    expect(String(err.stack).split('\n')[0]).toBe(rejections[0]!.stackFirstLine);
    expect(isOssError(err) && err.oss.code).toBe('NoSuchBucket');
    expect((err.toJSON() as { oss?: { code?: string } }).oss?.code).toBe('NoSuchBucket');
  });
});

describe.each(AXIOS_VERSIONS)('axios $version, strict JSON parsing', ({ axios, version }) => {
  it("an XML error body fails axios's JSON parse: axios's error keeps its words and gains oss", async () => {
    const { client } = recordingClient(axios, {
      baseURL: oss.origin,
      responseType: 'json',
      transitional: { silentJSONParsing: false },
    });
    client.interceptors.response.use(...ossErrors({ warn: false }));
    const err = (await rejectionOf(client.get('/fixture/NoSuchBucket.xml'))) as AxiosError;
    expect(axios.isAxiosError(err)).toBe(true);
    expect(err.message).toMatch(/JSON/);
    if (version === '1.7.0') {
      // axios 1.7.0 builds its parse error without the response: there is nothing to read.
      expect(err.response).toBeUndefined();
      expect(isOssError(err)).toBe(false);
      return;
    }
    expect(err.response?.status).toBe(404);
    expect(isOssError(err) && err.oss.code).toBe('NoSuchBucket');
    expect(err.message).toMatch(/ — NoSuchBucket: The specified bucket does not exist\. \(request id /);
  });
});

describe('defaults', () => {
  it('bodyTimeoutMs defaults to 3000 ms', async () => {
    const { client } = recordingClient(AXIOS_VERSIONS[0]!.axios, {
      baseURL: oss.origin,
      responseType: 'stream',
      adapter: 'http',
    });
    client.interceptors.response.use(...ossErrors());
    const started = performance.now();
    const err = await rejectionOf(client.get('/scenario/never-ends'));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2950);
    expect(elapsed).toBeLessThan(4000);
    expect(isOssError(err) && err.oss.code).toBe('InternalError');
  });
});
