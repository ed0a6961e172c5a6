import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors } from '../src/index';
import { AXIOS_VERSIONS, rejectionOf } from './helpers';

// What the README says about instances: interceptors belong to one axios instance, so installing on the
// default instance does not reach the instances axios.create() makes, before or after, nor the reverse.

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  it('installed on the default instance: enriches its errors, not those of axios.create() instances', async () => {
    const url = oss.url('/fixture/NoSuchKey.real-opendal.xml');
    const before = axios.create();
    const id = axios.interceptors.response.use(...ossErrors({ warn: false }));
    try {
      const after = axios.create();
      expect(isOssError(await rejectionOf(axios.get(url)))).toBe(true);
      expect(isOssError(await rejectionOf(before.get(url)))).toBe(false);
      expect(isOssError(await rejectionOf(after.get(url)))).toBe(false);
    } finally {
      axios.interceptors.response.eject(id);
    }
  });

  it('installed on an instance: enriches its errors, not those of the default instance', async () => {
    const url = oss.url('/fixture/NoSuchKey.real-opendal.xml');
    const client = axios.create();
    client.interceptors.response.use(...ossErrors({ warn: false }));
    expect(isOssError(await rejectionOf(client.get(url)))).toBe(true);
    expect(isOssError(await rejectionOf(axios.get(url)))).toBe(false);
  });
});
