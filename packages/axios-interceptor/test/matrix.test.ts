import { Buffer } from 'node:buffer';
import { describeOssError } from '@oss-errors/core/adapter';
import { type FakeOss, loadOssFixtures, type OssFixture, startFakeOss } from '@oss-errors/fake-oss';
import type { AxiosError } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, type OssErrorDetails, ossErrors, parseOssError } from '../src/index';
import {
  AXIOS_VERSIONS,
  NODE_ADAPTERS,
  RESPONSE_TYPES,
  readAll,
  recordingClient,
  rejectionOf,
  responseTypeOption,
} from './helpers';

// Every shared OSS sample, served by the fake OSS with its real status, headers and body, requested with
// real axios (latest and 1.7.0) through both Node adapters and every responseType (RESPONSE_TYPES). No
// combination is skipped: axios supports all of them in Node.

const fixtures = loadOssFixtures();

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

/** What the core makes of the sample itself: the expected `err.oss`, field by field. */
function expectedDetails(fixture: OssFixture, url: string): OssErrorDetails | undefined {
  return parseOssError({
    status: fixture.status,
    headers: fixture.headers,
    body: fixture.method === 'HEAD' ? '' : fixture.body,
    method: fixture.method,
    url,
  });
}

function expectSameDetails(actual: OssErrorDetails, expected: OssErrorDetails): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const key of Object.keys(expected) as Array<keyof OssErrorDetails>) {
    expect(actual[key], key).toEqual(expected[key]);
  }
}

/**
 * Asserts that `err.response.data` of a `responseType: 'stream'` request still yields the sample's body,
 * byte for byte, after we read its start.
 */
async function expectReplayedBody(data: unknown, fixture: OssFixture, version: string, adapter: string) {
  if (fixture.method !== 'HEAD') {
    expect(await readAll(data)).toEqual(Buffer.from(fixture.body, 'utf8'));
    return;
  }
  // A HEAD response has no body. axios >= 1.7.x hands out `null` with the fetch adapter, and 1.7.0 wraps
  // that null in a stream that fails on its first read: the replay reproduces that same failure.
  if (adapter !== 'fetch') expect(await readAll(data)).toEqual(Buffer.alloc(0));
  else if (version === '1.7.0') await expect(readAll(data)).rejects.toThrow(/asyncIterator/);
  else expect(data).toBeNull();
}

// Hand-written expectations for a few samples, so the table above is not only checked against itself.
const HAND_WRITTEN: Readonly<Record<string, Partial<OssErrorDetails>>> = {
  'NoSuchKey.real-opendal.xml': {
    status: 404,
    code: 'NoSuchKey',
    message: 'The specified key does not exist.',
    requestId: '636BA0A2B7A5733230845ECC',
    source: 'body',
    fault: 'client',
    retryable: false,
    method: 'GET',
  },
  'NoSuchKey.HEAD-404.headers.txt': {
    status: 404,
    code: 'NoSuchKey',
    requestId: '6556E3AED11E553933CCDEDF',
    ec: '0026-00000001',
    source: 'x-oss-err',
    method: 'HEAD',
  },
  'InvalidTargetType.x-oss-err-decoded.xml': {
    status: 400,
    code: 'InvalidTargetType',
    ec: '0026-00000011',
    source: 'x-oss-err',
    method: 'HEAD',
  },
  'ServiceFail.500.xml': { status: 500, fault: 'server', retryable: true, method: 'PUT' },
  'BadRequestException.json-v2-x-oss-error-type.json': {
    status: 400,
    code: 'BadRequestException',
    message: 'Invalid table bucket operation.',
    requestId: 'id-1234',
  },
  'CallbackFailed.203.xml': { status: 203, code: 'CallbackFailed', fault: 'client', method: 'PUT' },
};

describe.each(AXIOS_VERSIONS)('axios $version', ({ axios, version }) => {
  describe.each(NODE_ADAPTERS)('%s adapter', (adapter) => {
    describe.each(RESPONSE_TYPES)('responseType %s', (responseType) => {
      it.each(fixtures)('$name', async (fixture) => {
        const { client, rejections } = recordingClient(axios, {
          adapter,
          ...responseTypeOption(responseType),
        });
        client.interceptors.response.use(...ossErrors({ warn: false }));
        const path = `/fixture/${encodeURIComponent(fixture.name)}`;
        const url = oss.url(path);
        const expected = expectedDetails(fixture, url);
        const handWritten = HAND_WRITTEN[fixture.name];
        if (handWritten !== undefined) expect(expected).toMatchObject(handWritten);

        const error = await rejectionOf(
          client.request({ url: path, baseURL: oss.origin, method: fixture.method }),
        );
        expect(axios.isAxiosError(error)).toBe(true);
        const err = error as AxiosError;
        expect(err.response?.status).toBe(fixture.status);

        if (expected === undefined) {
          // No OSS evidence (the Tengine gateway's empty 400): the same error, untouched.
          expect(rejections).toHaveLength(1);
          expect(err).toBe(rejections[0]!.error);
          expect(err.message).toBe(rejections[0]!.message);
          expect(err).not.toHaveProperty('oss');
          expect(isOssError(err)).toBe(false);
          if (responseType === 'stream')
            await expectReplayedBody(err.response?.data, fixture, version, adapter);
          return;
        }

        if (fixture.status === 203) {
          // axios resolved the 203; the AxiosError is ours, built the way axios's settle() builds one.
          expect(rejections).toHaveLength(0);
          expect(err.code).toBe('ERR_BAD_RESPONSE');
          expect(err.message).toBe(
            `Request failed with status code 203 — ${describeOssError(expected, false)}`,
          );
          expect(err.message).toContain('The object WAS stored');
        } else {
          // The very object axios rejected with, its code and status as axios set them.
          expect(rejections).toHaveLength(1);
          const rejection = rejections[0]!;
          expect(err).toBe(rejection.error);
          expect(err.code).toBe(rejection.code);
          expect(err.status).toBe(rejection.status);
          expect(err.message).toBe(`${rejection.message} — ${describeOssError(expected, false)}`);
          expect(String(err.stack).split('\n')[0]).toContain(err.message);
          if (responseType !== 'stream') expect(err.response?.data).toBe(rejection.data);
        }
        expect(err.message).toContain(expected.code);
        if (expected.requestId !== undefined)
          expect(err.message).toContain(`request id ${expected.requestId}`);
        if (expected.ec !== undefined) expect(err.message).toContain(`EC ${expected.ec}`);
        expect(err.message).not.toContain('\n');

        expect(isOssError(err)).toBe(true);
        if (!isOssError(err)) return;
        expectSameDetails(err.oss, expected);
        const json = err.toJSON() as { message?: unknown; oss?: unknown; code?: unknown };
        expect(json.oss).toEqual(expected);
        expect(json.message).toBe(err.message);
        expect(json.code).toBe(err.code);
        expect((JSON.parse(JSON.stringify(err)) as { oss?: unknown }).oss).toEqual(expected);

        if (responseType === 'stream')
          await expectReplayedBody(err.response?.data, fixture, version, adapter);
      });
    });
  });
});
