import { ossErrors as axiosOssErrors, isOssError } from '@oss-errors/axios-interceptor';
import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import { findLeaks, plantSecrets } from '@oss-errors/fake-oss/leaks';
import { ossErrors as gotOssErrors } from '@oss-errors/got-hook';
import axios, { type AxiosError } from 'axios';
import got, { type HTTPError } from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../src/explain';

// The hints where they are met: real axios and got requests to the fake OSS server, enriched by the adapters.

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

function axiosClient() {
  const client = axios.create({ baseURL: oss.origin });
  client.interceptors.response.use(...axiosOssErrors({ warn: false }));
  return client;
}

const gotClient = () => got.extend({ prefixUrl: oss.origin, hooks: gotOssErrors(), retry: { limit: 0 } });

async function rejection<E>(promise: Promise<unknown>): Promise<E> {
  return promise.then(
    () => expect.fail('the request resolved'),
    (error: E) => error,
  );
}

describe('hints on real client errors', () => {
  it('axios AppendObject at the wrong position: the position to use, from x-oss-next-append-position', async () => {
    const error = await rejection<AxiosError>(
      axiosClient().post('/scenario/append-position?length=1717', 'x'),
    );
    expect(isOssError(error)).toBe(true);
    expect((error as AxiosError & { oss: { hint?: string; nextAppendPosition?: number } }).oss).toMatchObject(
      {
        nextAppendPosition: 1717,
        hint: "Append at position 1717, the object's current length (x-oss-next-append-position).",
      },
    );
  });

  it('got HEAD with only a status and a request id: where the reason went', async () => {
    const error = await rejection<HTTPError & { oss: { hint?: string } }>(
      gotClient().head('scenario/head-only'),
    );
    expect(error.oss).toMatchObject({ code: 'NotFound', source: 'status', method: 'HEAD' });
    expect(error.oss.hint).toMatch(
      /^The object or bucket may not exist, but the reason is hidden: HEAD errors carry it in x-oss-err/,
    );
    // The hint is data, not message: the one-line message stays as it was.
    expect(error.message).not.toContain('x-oss-err');
  });

  it('axios 503: back off', async () => {
    const error = await rejection<AxiosError & { oss: { hint?: string; retryable: boolean } }>(
      axiosClient().get('/scenario/unavailable'),
    );
    expect(error.oss.retryable).toBe(true);
    expect(error.oss.hint).toMatch(
      /^OSS is throttling this caller: retry with exponential backoff and jitter/,
    );
  });

  it('axios 203 CallbackFailed: the object WAS stored', async () => {
    const error = await rejection<AxiosError & { oss: { hint?: string } }>(
      axiosClient().put('/scenario/callback-failed', 'x'),
    );
    expect(error.oss.hint).toMatch(/^The object WAS stored; only the callback failed: do not upload again/);
  });

  it('got RequestTimeTooSkewed: the measured skew', async () => {
    const error = await rejection<HTTPError & { oss: { hint?: string } }>(
      gotClient().get('fixture/RequestTimeTooSkewed.rust-test.xml'),
    );
    expect(error.oss.hint).toMatch(/^The signing clock is 1 h 4 s behind OSS's \(15 min allowed\)/);
  });

  it('axios AccessDenied from another region: the endpoint to use', async () => {
    const error = await rejection<AxiosError & { oss: { hint?: string } }>(
      axiosClient().get('/fixture/AccessDenied.wrong-endpoint.partial.xml'),
    );
    expect(error.oss.hint).toBe(
      "Send requests for this bucket to its region's endpoint, oss-cn-beijing.aliyuncs.com.",
    );
  });

  it('got presigned URL with a bad signature: the hint, then explain --string-to-sign on the response', async () => {
    const secrets = plantSecrets();
    const query = new URLSearchParams({
      OSSAccessKeyId: secrets.keyId,
      Expires: '1717230000',
      Signature: secrets.signature,
      'security-token': secrets.token,
    });
    const error = await rejection<HTTPError & { oss: { hint?: string } }>(
      gotClient().get(`scenario/signature-mismatch/photos/cat.jpg?${query}`),
    );
    expect(error.oss.hint).toMatch(
      /--string-to-sign <yours>` shows where; if equal, the AccessKey secret is wrong\.$/,
    );
    // What the person saves from the failed response, and what their own signer produced (another key path).
    const { statusCode, headers, body } = error.response;
    const saved = `HTTP/1.1 ${statusCode} Forbidden\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n')}\n\n${body}`;
    const mine = `GET\n\n\n1717230000\n/examplebucket/photos/cat.jpeg?security-token=${secrets.token}`;
    const result = explain(['saved.txt', '--string-to-sign', 'mine.txt'], saved, () => mine);
    expect(result.exitCode).toBe(0);
    expect(result.output.split('\n').slice(1, 4)).toStrictEqual([
      'First difference: line 5, the canonical resource.',
      '  OSS signed: "/examplebucket/photos/cat.jpg?security-token=****"   (no line ending)',
      '  you signed: "/examplebucket/photos/cat.jpeg?security-token=****"   (no line ending)',
    ]);
    expect(findLeaks(`${result.output}\n${JSON.stringify(error.oss)}`, secrets)).toStrictEqual([]);
    expect(
      explain(['saved.txt', '--string-to-sign', 'mine.txt'], saved, () => mine.replace('.jpeg', '.jpg'))
        .exitCode,
    ).toBe(1);
  });
});
