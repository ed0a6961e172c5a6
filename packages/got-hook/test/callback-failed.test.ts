import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import type { OptionsInit, Response } from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossAfterResponse, ossErrors, type WithOss } from '../src/index';
import {
  got,
  gotAtLeast,
  HTTPError,
  hooksRecordingGotsError,
  noRetry,
  RequestError,
  rejectionOf,
} from './support';

// A 203 on an upload with a callback: the object WAS stored, the callback failed. got resolves a 203; in
// promise mode our afterResponse throws, got wraps that in a RequestError of its own, beforeError brands it.

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

/** A PUT of a small object that OSS stores and whose callback fails: the sample as its source recorded it. */
function upload(options: OptionsInit = {}): Promise<Response> {
  const url = oss.url('/fixture/CallbackFailed.203.xml');
  // got's overloads cannot tell a spread OptionsInit is not a stream request; it is not.
  return got(url, {
    method: 'PUT',
    body: 'the object',
    retry: noRetry,
    ...options,
  }) as unknown as Promise<Response>;
}

describe('203 CallbackFailed in promise mode', () => {
  it('rejects by default with a RequestError got created, carrying oss, saying the object WAS stored', async () => {
    const { seen, hooks } = hooksRecordingGotsError();
    const err = await rejectionOf(upload({ hooks }));
    expect(err).toBe(seen.error);
    expect(err).toBeInstanceOf(RequestError);
    expect(err).not.toBeInstanceOf(HTTPError);
    const requestError = err as InstanceType<typeof RequestError>;
    expect(requestError.code).toBe('ERR_OSS_CALLBACK_FAILED');
    expect(requestError.response?.statusCode).toBe(203);
    expect(isOssError(err)).toBe(true);
    const details = (err as Error & WithOss).oss!;
    expect(details).toMatchObject({
      status: 203,
      code: 'CallbackFailed',
      message: 'Error status : 301.',
      requestId: '5C3D9175B6FC201293AD****',
      ec: '0007-00000203',
      fault: 'client',
      retryable: false,
      method: 'PUT',
    });
    expect((requestError.response as WithOss | undefined)?.oss).toBe(details);
    expect(err.message).toBe(
      `Upload callback failed with status code 203 (Non-Authoritative Information): PUT ${oss.url('/fixture/CallbackFailed.203.xml')} — CallbackFailed: Error status : 301. The object WAS stored; only the upload callback failed. (request id 5C3D9175B6FC201293AD****, EC 0007-00000203)`,
    );
    expect(err.stack?.split('\n')[0]).toBe(`RequestError: ${err.message}`);
    expect(JSON.parse(JSON.stringify(err))).toStrictEqual({
      name: 'RequestError',
      code: 'ERR_OSS_CALLBACK_FAILED',
      message: err.message,
      statusCode: 203,
      oss: JSON.parse(JSON.stringify(details)),
    });
    // What our hook threw is the cause, as got keeps it from 14.2.0; older gots keep no cause.
    expect(isOssError(err.cause)).toBe(gotAtLeast('14.2.0'));
  });

  it("is not retried by got's rules (computedValue 0)", async () => {
    const before = oss.requests.length;
    const computed: number[] = [];
    const err = await rejectionOf(
      upload({
        retry: {
          limit: 2,
          calculateDelay: ({ computedValue }) => {
            computed.push(computedValue);
            return computedValue;
          },
        },
        hooks: ossErrors(),
      }),
    );
    // got 12 to 14 ask calculateDelay with computedValue 0; got 15 and 16 (enforceRetryRules) do not ask.
    expect(computed).toStrictEqual(gotAtLeast('15.0.0') ? [] : [0]);
    expect((err as Error & WithOss).oss).toMatchObject({ code: 'CallbackFailed', retryable: false });
    expect(oss.requests.length - before).toBe(1);
  });

  it('rejectCallbackFailed: false resolves the response, with response.oss', async () => {
    const response = await upload({ hooks: ossErrors({ rejectCallbackFailed: false }) });
    expect(response.statusCode).toBe(203);
    expect((response as WithOss).oss).toMatchObject({ code: 'CallbackFailed', status: 203 });
  });

  it("got's throwHttpErrors: false resolves it too, with response.oss", async () => {
    const response = await upload({ throwHttpErrors: false, hooks: ossErrors() });
    expect(response.statusCode).toBe(203);
    expect((response as WithOss).oss?.code).toBe('CallbackFailed');
  });

  it('responseType json: got rejects first with its ParseError of the XML body; we enrich that', async () => {
    for (const rejectCallbackFailed of [true, false]) {
      const err = await rejectionOf(
        upload({ responseType: 'json', hooks: ossErrors({ rejectCallbackFailed }) }),
      );
      expect(err).toBeInstanceOf(RequestError);
      expect(err.name).toBe('ParseError');
      expect((err as Error & WithOss).oss?.code).toBe('CallbackFailed');
      expect(err.message).toMatch(
        / in "http:\/\/127\.0\.0\.1:\d+\/fixture\/CallbackFailed\.203\.xml" — CallbackFailed: /,
      );
      expect(err.message).toContain('The object WAS stored');
    }
  });

  it('with only the afterResponse hook it still rejects, with the full message (err.oss needs beforeError)', async () => {
    const err = await rejectionOf(upload({ hooks: { afterResponse: [ossAfterResponse()] } }));
    expect(err).toBeInstanceOf(RequestError);
    expect(err.message).toContain('The object WAS stored');
    expect(isOssError(err)).toBe(false);
    expect(isOssError(err.cause)).toBe(gotAtLeast('14.2.0'));
  });

  it('a 200 upload is left alone', async () => {
    const response = await got.put(oss.url('/scenario/ok'), { body: 'x', hooks: ossErrors() });
    expect(response.statusCode).toBe(200);
    expect((response as WithOss).oss).toBeUndefined();
  });
});
