import { type OssErrorDetails, parseOssError } from '@oss-errors/core';
import { appendOssDescription } from '@oss-errors/core/adapter';
import { type FakeOss, loadOssFixtures, type OssFixture, startFakeOss } from '@oss-errors/fake-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossErrors, type WithOss } from '../src/index';
import {
  got,
  HTTPError,
  httpErrorMessage,
  noRetry,
  RequestError,
  rejectionOf,
  streamOutcome,
} from './support';

// Every shared OSS sample, served by the fake OSS with its real status, headers and body, requested with
// real got in promise mode (text, json, buffer; plain and gzip) and in stream mode (plain and gzip). The
// expected `err.oss` is what the core parser makes of the sample itself.

const fixtures = loadOssFixtures();
let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

function fixtureUrl(fixture: OssFixture, gzip: boolean): string {
  return oss.url(`/fixture/${encodeURIComponent(fixture.name)}${gzip ? '?gzip=1' : ''}`);
}

/** The expected details: the sample parsed by the core, with the URL got asked for and, where the sample has none, the Date the server added. */
function expectedDetails(
  fixture: OssFixture,
  url: string,
  responseDate: unknown,
): OssErrorDetails | undefined {
  const hasDate = Object.keys(fixture.headers).some((name) => name.toLowerCase() === 'date');
  const headers =
    hasDate || typeof responseDate !== 'string'
      ? fixture.headers
      : { ...fixture.headers, date: responseDate };
  return parseOssError({ status: fixture.status, headers, body: fixture.body, method: fixture.method, url });
}

/** Asserts `err.oss` field by field against `expected` (each field named in the failure). */
function expectDetails(actual: unknown, expected: OssErrorDetails): void {
  const details = actual as Record<string, unknown>;
  const keys = new Set([...Object.keys(expected), ...Object.keys(details)]);
  for (const key of keys)
    expect(details[key], `oss.${key}`).toStrictEqual((expected as unknown as Record<string, unknown>)[key]);
  expect(Object.getPrototypeOf(details)).toBe(Object.prototype);
}

/** A user beforeError hook placed before ours: it sees the error exactly as got made it. */
function recorder(): { seen: Error[]; messages: string[]; hook: (error: Error) => Error } {
  const seen: Error[] = [];
  const messages: string[] = [];
  return {
    seen,
    messages,
    hook: (error) => {
      seen.push(error);
      messages.push(error.message);
      return error;
    },
  };
}

const errorFixtures = fixtures.filter((fixture) => fixture.status !== 203);
const responseTypes = ['text', 'json', 'buffer'] as const;

describe.each(responseTypes)('promise mode, responseType %s', (responseType) => {
  it.each(errorFixtures.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    for (const gzip of [false, true]) {
      const url = fixtureUrl(fixture, gzip);
      const before = recorder();
      const ours = ossErrors({ warn: false });
      const err = await rejectionOf(
        got(url, {
          method: fixture.method as 'GET',
          responseType,
          retry: noRetry,
          hooks: { afterResponse: ours.afterResponse, beforeError: [before.hook, ...ours.beforeError] },
        }),
      );

      // got's own HTTPError, the very object got created.
      expect(err).toBeInstanceOf(HTTPError);
      expect(err).toBe(before.seen[0]);
      expect(before.seen).toHaveLength(1);
      const gotMessage = before.messages[0]!;
      const response = (err as InstanceType<typeof HTTPError>).response;
      expect(gotMessage).toBe(
        httpErrorMessage(fixture.status, String(response.statusMessage), fixture.method, url),
      );

      const expected = expectedDetails(fixture, url, response.headers.date);
      if (expected === undefined) {
        // Not an OSS error (a gateway's empty 400): untouched.
        expect(isOssError(err)).toBe(false);
        expect('oss' in err).toBe(false);
        expect(err.message).toBe(gotMessage);
        expect(Object.hasOwn(err, 'toJSON')).toBe(false);
        expect((response as WithOss).oss).toBeUndefined();
        continue;
      }
      expect(isOssError(err)).toBe(true);
      expectDetails((err as Error & WithOss).oss, expected);
      // The afterResponse hook parsed the same response first: one object for both.
      expect((response as WithOss).oss).toBe((err as Error & WithOss).oss);
      expect(err.message).toBe(appendOssDescription(gotMessage, expected));
      expect(err.message).not.toMatch(/[\r\n]/);
      expect(err.stack?.split('\n')[0]).toBe(`HTTPError: ${err.message}`);
      expect(JSON.parse(JSON.stringify(err))).toStrictEqual({
        name: 'HTTPError',
        code: 'ERR_NON_2XX_3XX_RESPONSE',
        message: err.message,
        statusCode: fixture.status,
        oss: JSON.parse(JSON.stringify(expected)),
      });
    }
  });
});

describe('stream mode', () => {
  it.each(errorFixtures.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    for (const gzip of [false, true]) {
      const url = fixtureUrl(fixture, gzip);
      const before = recorder();
      const ours = ossErrors({ warn: false });
      const outcome = await streamOutcome(
        got.stream(url, {
          method: fixture.method as 'GET',
          retry: noRetry,
          hooks: { afterResponse: ours.afterResponse, beforeError: [before.hook, ...ours.beforeError] },
        }),
      );
      const err = outcome.error!;
      expect(err).toBeInstanceOf(HTTPError);
      expect(err).toBe(before.seen[0]);
      const gotMessage = before.messages[0]!;
      const response = (err as InstanceType<typeof HTTPError>).response;
      const expected = expectedDetails(fixture, url, response.headers.date);
      if (expected === undefined) {
        expect(isOssError(err)).toBe(false);
        expect(err.message).toBe(gotMessage);
        continue;
      }
      expectDetails((err as Error & WithOss).oss, expected);
      // No afterResponse in stream mode: beforeError attached the same details to the response.
      expect((response as WithOss).oss).toBe((err as Error & WithOss).oss);
      expect(err.message).toBe(appendOssDescription(gotMessage, expected));
      expect(err.stack?.split('\n')[0]).toBe(`HTTPError: ${err.message}`);
    }
  });
});

describe('the 203 CallbackFailed sample', () => {
  const fixture = fixtures.find((candidate) => candidate.status === 203)!;

  it.each(responseTypes)(
    'rejects in promise mode (responseType %s) with a got RequestError saying the object WAS stored',
    async (responseType) => {
      const url = fixtureUrl(fixture, false);
      const before = recorder();
      const ours = ossErrors({ warn: false });
      const err = await rejectionOf(
        got.put(url, {
          responseType,
          retry: noRetry,
          hooks: { afterResponse: ours.afterResponse, beforeError: [before.hook, ...ours.beforeError] },
        }),
      );
      // got made it: from what our afterResponse threw, or (json) got's own ParseError of the XML body.
      expect(err).toBeInstanceOf(RequestError);
      expect(err).toBe(before.seen[0]);
      expect((err as InstanceType<typeof RequestError>).code).toBe(
        responseType === 'json' ? 'ERR_BODY_PARSE_FAILURE' : 'ERR_OSS_CALLBACK_FAILED',
      );
      const expected = expectedDetails(fixture, url, undefined)!;
      expectDetails((err as Error & WithOss).oss, expected);
      expect(err.message).toContain(
        'CallbackFailed: Error status : 301. The object WAS stored; only the upload callback failed.',
      );
      // got 14 writes a ParseError's stack under the name RequestError; either way the line is our message.
      expect(err.stack?.split('\n')[0]).toMatch(/^(RequestError|ParseError): /);
      expect(err.stack?.split('\n')[0]?.endsWith(`Error: ${err.message}`)).toBe(true);
    },
  );

  it('flows through in stream mode, where got runs no afterResponse hook', async () => {
    const outcome = await streamOutcome(
      got.stream.put(fixtureUrl(fixture, false), { retry: noRetry, hooks: ossErrors() }),
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.statusCode).toBe(203);
    expect(outcome.data?.toString('utf8')).toBe(fixture.body);
  });
});

// A few expectations written out by hand, so the suite does not only agree with the parser it calls.
describe('hand-written expectations', () => {
  it('NoSuchKey (GET, body): code, message, request id, key, and the message got + OSS', async () => {
    const url = oss.url('/fixture/NoSuchKey.real-opendal.xml');
    const err = await rejectionOf(got(url, { retry: noRetry, hooks: ossErrors() }));
    expect(err).toBeInstanceOf(HTTPError);
    expect((err as Error & WithOss).oss).toMatchObject({
      status: 404,
      code: 'NoSuchKey',
      message: 'The specified key does not exist.',
      requestId: '636BA0A2B7A5733230845ECC',
      hostId: 'query-storage-aqua.oss-cn-beijing-internal.aliyuncs.com',
      fields: { Key: 'tn71gyrdg/_res/54ca0610-5e6b-4bf0-b1ae-a6f656f67ecc/_t/meta_v1.json' },
      source: 'body',
      fault: 'client',
      retryable: false,
      method: 'GET',
      url,
    });
    expect(err.message).toBe(
      `${httpErrorMessage(404, 'Not Found', 'GET', url)} — NoSuchKey: The specified key does not exist. (request id 636BA0A2B7A5733230845ECC)`,
    );
  });

  it('NoSuchKey on HEAD: everything from x-oss-err and the headers', async () => {
    const url = oss.url('/fixture/NoSuchKey.HEAD-404.headers.txt');
    const err = await rejectionOf(got.head(url, { retry: noRetry, hooks: ossErrors() }));
    expect((err as Error & WithOss).oss).toMatchObject({
      status: 404,
      code: 'NoSuchKey',
      requestId: '6556E3AED11E553933CCDEDF',
      ec: '0026-00000001',
      recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0026-00000001',
      fields: { Key: 'walker2asdasdasd.txt' },
      source: 'x-oss-err',
      method: 'HEAD',
    });
    expect(err.message).toBe(
      `${httpErrorMessage(404, 'Not Found', 'HEAD', url)} — NoSuchKey: The specified key does not exist. (request id 6556E3AED11E553933CCDEDF, EC 0026-00000001)`,
    );
  });

  it('InvalidTargetType on HEAD in stream mode, gzip requested: x-oss-err', async () => {
    const outcome = await streamOutcome(
      got.stream(oss.url('/fixture/InvalidTargetType.x-oss-err-decoded.xml?gzip=1'), {
        method: 'HEAD',
        retry: noRetry,
        hooks: ossErrors(),
      }),
    );
    expect((outcome.error as Error & WithOss).oss).toMatchObject({
      status: 400,
      code: 'InvalidTargetType',
      message: "The symbolic's target file type is invalid",
      requestId: '6556FF5BD11E5536368607E8',
      ec: '0026-00000011',
      source: 'x-oss-err',
      method: 'HEAD',
    });
  });

  it('ServiceFail (PUT, 500): a server fault that is retryable', async () => {
    const err = await rejectionOf(
      got.put(oss.url('/fixture/ServiceFail.500.xml'), { retry: noRetry, hooks: ossErrors() }),
    );
    expect((err as Error & WithOss).oss).toMatchObject({
      status: 500,
      fault: 'server',
      retryable: true,
      method: 'PUT',
    });
  });

  it("the gateway 400 with no OSS headers: got's HTTPError, untouched", async () => {
    const url = oss.url('/fixture/Gateway-Tengine-400.no-body.headers.txt');
    const err = await rejectionOf(got.put(url, { retry: noRetry, hooks: ossErrors() }));
    expect(err).toBeInstanceOf(HTTPError);
    expect(err.message).toBe(httpErrorMessage(400, 'Bad Request', 'PUT', url));
    expect(isOssError(err)).toBe(false);
  });
});
