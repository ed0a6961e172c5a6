import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import {
  findLeaks,
  LEAK_CASE_NAMES,
  type LeakCase,
  leakCase,
  leakCaseForm,
  leakCaseUrl,
  logOutputs,
} from '@oss-errors/fake-oss/leaks';
import type { AxiosError, ResponseType } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors } from '../src/index';
import {
  AXIOS_VERSIONS,
  NODE_ADAPTERS,
  type NodeAdapter,
  readAll,
  rejectionOf,
  responseTypeOption,
} from './helpers';

// The leak matrix: credentials of every signing method, planted at random, through every adapter and
// responseType; nothing any output shows may hold one in any form. The fake OSS echoes them the way OSS
// does (SignatureProvided, StringToSign, StringToSignBytes, CanonicalRequest).

const RESPONSE_TYPES: ReadonlyArray<ResponseType | undefined> = [
  undefined,
  'json',
  'text',
  'arraybuffer',
  'blob',
  'stream',
  'document',
];

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

/** Drains a replayed stream body, so no socket is left open. */
async function drain(err: AxiosError): Promise<void> {
  const data: unknown = err.response?.data;
  if (data !== null && typeof data === 'object' && ('getReader' in data || 'pipe' in data))
    await readAll(data);
}

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios }) => {
  async function failedRequest(
    adapter: NodeAdapter,
    responseType: ResponseType | undefined,
    request: LeakCase,
  ): Promise<AxiosError> {
    const client = axios.create({ adapter });
    client.interceptors.response.use(...ossErrors({ warn: false }));
    const err = (await rejectionOf(
      client.request({
        method: request.method,
        url: leakCaseUrl(oss.origin, request),
        headers: { ...request.headers },
        data: leakCaseForm(request),
        ...responseTypeOption(responseType),
      }),
    )) as AxiosError;
    await drain(err);
    return err;
  }

  describe.each(NODE_ADAPTERS)('%s adapter', (adapter) => {
    // undici refuses a URL with user info before anything is sent: that case cannot reach OSS via fetch.
    const names = LEAK_CASE_NAMES.filter(
      (name) => adapter === 'http' || leakCase(name).userInfo === undefined,
    );

    it.each(names)('%s: nothing printed or logged holds a credential, every responseType', async (name) => {
      for (const responseType of RESPONSE_TYPES) {
        const request = leakCase(name);
        const err = await failedRequest(adapter, responseType, request);
        expect(isOssError(err), String(responseType)).toBe(true);
        if (!isOssError(err)) return;
        expect(err.oss.code).toBe('SignatureDoesNotMatch');
        // The body did echo them: the details carry them masked.
        expect(err.oss.fields.SignatureProvided).toBe('****');
        expect(err.oss.fields.StringToSign).not.toBe('');

        const outputs = await logOutputs(err);
        expect(Object.keys(outputs)).toHaveLength(13);
        expect(findLeaks(outputs, request.secrets), `responseType ${String(responseType)}`).toEqual([]);
        // Still useful to a person: the inspect view names the request, masked, and the OSS code.
        expect(outputs['console.error(err)']).toContain(`request: '${request.method} http://`);
        expect(outputs['console.error(err)']).toContain("code: 'SignatureDoesNotMatch'");
        expect(outputs['pino logger.error(err)']).toContain('"oss":{');

        // What code reads is axios's own, unmasked.
        const planted = request.secrets.find((secret) => secret.label === 'signature')!.value;
        const sent = `${err.config?.url ?? ''} ${JSON.stringify(err.config?.headers ?? {})}`;
        const form = err.config?.data;
        expect(
          sent.includes(encodeURIComponent(planted)) ||
            sent.includes(planted) ||
            (form instanceof FormData && [...form.values()].includes(planted)),
        ).toBe(true);
        expect(err.request).toBeDefined();
        expect(err.response?.status).toBe(403);
        expect(Object.keys(err)).not.toContain('config');
      }
    });
  });
});
