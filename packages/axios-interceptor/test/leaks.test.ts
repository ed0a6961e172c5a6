import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import {
  findLeaks,
  LEAK_CASE_NAMES,
  type LeakCase,
  leakCase,
  leakCaseAt,
  leakCaseForm,
  leakCaseUrl,
  logOutputs,
} from '@oss-errors/fake-oss/leaks';
import type { AxiosError, ResponseType } from 'axios';
import axiosRetry from 'axios-retry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors } from '../src/index';
import {
  AXIOS_VERSIONS,
  NODE_ADAPTERS,
  type NodeAdapter,
  RESPONSE_TYPES,
  readAll,
  rejectionOf,
  responseTypeOption,
} from './helpers';

// The leak matrix: credentials of every signing method, planted at random, through every adapter and
// responseType; nothing any output shows may hold one in any form. The fake OSS echoes them the way OSS
// does (SignatureProvided, StringToSign, StringToSignBytes, CanonicalRequest).

const CALLBACK_CASES = LEAK_CASE_NAMES.filter((name) => name.startsWith('callback'));

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

/** What the raw request object holds: node's ClientRequest (path, headers) or fetch's Request (url, headers). */
function rawRequest(request: unknown): string {
  const raw = request as {
    path?: string;
    getHeaders?: () => object;
    url?: string;
    headers?: Iterable<[string, string]>;
  };
  if (typeof raw.getHeaders === 'function') return `${raw.path} ${JSON.stringify(raw.getHeaders())}`;
  return `${raw.url} ${JSON.stringify([...(raw.headers ?? [])])}`;
}

/** The planted value as it stands in `sent`: as it is, or URL-encoded. */
function sentForm(sent: string, planted: string): string {
  return sent.includes(planted) ? planted : encodeURIComponent(planted);
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
        expect(Object.keys(outputs)).toHaveLength(20);
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
        if (form === undefined) expect(rawRequest(err.request)).toContain(sentForm(sent, planted));
        expect(err.response?.status).toBe(403);
        expect(Object.keys(err)).not.toContain('config');
      }
    });

    it.each(CALLBACK_CASES)(
      'the 203 CallbackFailed error we build, %s: nothing holds a credential',
      async (name) => {
        const request = leakCaseAt(leakCase(name), '/scenario/callback-failed');
        const err = await failedRequest(adapter, undefined, request);
        expect(isOssError(err) && err.oss.code).toBe('CallbackFailed');
        const outputs = await logOutputs(err);
        expect(findLeaks(outputs, request.secrets)).toEqual([]);
        expect(outputs['console.log(err)']).toContain('The object WAS stored');
        expect(err.config?.url).toBe(leakCaseUrl(oss.origin, request));
      },
    );
  });
});

describe.each(AXIOS_VERSIONS)('axios $version with axios-retry', ({ axios }) => {
  it.each(['ossErrors first', 'axios-retry first'])(
    '%s: a presigned request is re-sent exactly as it was, credentials and all',
    async (order) => {
      const request = leakCase('V1 presigned URL, STS');
      const key = `retry-${order.replace(/\W/g, '')}-${axios.VERSION}`;
      const path = `/scenario/flaky?key=${key}&failures=1&${request.path.slice(request.path.indexOf('?') + 1)}`;
      const headers = { Authorization: `OSS ${request.secrets[0]!.value}:${request.secrets[1]!.value}` };
      const client = axios.create({ baseURL: oss.origin });
      const retried: boolean[] = [];
      const retryCondition = (error: AxiosError) => retried.push(isOssError(error)) > 0;
      const install = [
        () => client.interceptors.response.use(...ossErrors({ warn: false })),
        () => axiosRetry(client, { retries: 2, retryDelay: () => 0, retryCondition }),
      ];
      for (const step of order === 'ossErrors first' ? install : install.reverse()) step();

      const response = await client.get(path, { headers });
      expect(response.data).toBe('ok');
      const sent = oss.requests.filter((recorded) => recorded.url.includes(`key=${key}&`));
      expect(sent).toHaveLength(2);
      expect(sent[1]!.url).toBe(sent[0]!.url);
      expect(sent[1]!.url).toBe(path);
      expect(sent[1]!.headers.authorization).toBe(headers.Authorization);
      // Installed first, ossErrors had enriched (and made log-safe) the error axios-retry re-sent from.
      expect(retried).toStrictEqual([order === 'ossErrors first']);
    },
  );
});
