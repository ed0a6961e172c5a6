import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { type FakeOss, startFakeOss } from '@oss-errors/fake-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOssError, ossAfterResponse, ossBeforeError, ossErrors, type WithOss } from '../src/index';
import {
  got,
  gotAtLeast,
  HTTPError,
  hooksRecordingGotsError,
  httpErrorMessage,
  noRetry,
  RequestError,
  rejectionOf,
  SECRETS,
  secretForms,
  signatureMismatchPath,
  streamOutcome,
  TimeoutError,
} from './support';

let oss: FakeOss;
beforeAll(async () => {
  oss = await startFakeOss();
});
afterAll(async () => {
  await oss.close();
});

const client = () => got.extend({ retry: noRetry, hooks: ossErrors({ warn: false }) });

function expectNoSecret(text: string | undefined, where: string): void {
  expect(text, where).toBeTypeOf('string');
  for (const secret of secretForms()) expect(text, `${where} holds ${secret}`).not.toContain(secret);
}

describe("the rejected error is got's own HTTPError, enriched", () => {
  it('is the object got created (seen by a beforeError hook before ours), an HTTPError with response, code and options', async () => {
    const { seen, hooks } = hooksRecordingGotsError();
    const err = await rejectionOf(got(oss.url('/fixture/NoSuchBucket.xml'), { retry: noRetry, hooks }));
    expect(err).toBe(seen.error);
    expect(err).toBeInstanceOf(HTTPError);
    expect(err).toBeInstanceOf(RequestError);
    const httpError = err as InstanceType<typeof HTTPError>;
    expect(httpError.name).toBe('HTTPError');
    expect(httpError.code).toBe('ERR_NON_2XX_3XX_RESPONSE');
    expect(httpError.response.statusCode).toBe(404);
    expect(httpError.options.url?.toString()).toBe(oss.url('/fixture/NoSuchBucket.xml'));
    expect(isOssError(err)).toBe(true);
    // got keeps request and response non-enumerable; `oss` is enumerable, `toJSON` is not.
    expect(Object.keys(err)).toContain('oss');
    expect(Object.keys(err)).not.toContain('toJSON');
    expect(Object.keys(err)).not.toContain('response');
  });

  it('a user beforeError hook after ours sees err.oss and the enriched message', async () => {
    let seen: { oss?: unknown; message?: string } = {};
    const err = await rejectionOf(
      client()(oss.url('/fixture/NoSuchBucket.xml'), {
        hooks: {
          beforeError: [
            (error) => {
              seen = { oss: (error as Error & WithOss).oss, message: error.message };
              return error;
            },
          ],
        },
      }),
    );
    expect(seen.oss).toBe((err as Error & WithOss).oss);
    expect(seen.message).toBe(err.message);
    expect(seen.message).toContain(' — NoSuchBucket: ');
  });

  it("keeps got's words, then code, message, request id and EC, on one line; the stack starts with the same line", async () => {
    const url = oss.url('/fixture/InvalidAccessKeyId.xml');
    const err = await rejectionOf(client()(url));
    expect(err.message).toBe(
      `${httpErrorMessage(403, 'Forbidden', 'GET', url)} — InvalidAccessKeyId: The OSS Access Key Id you provided does not exist in our records. (request id id-1234, EC 0002-00000902)`,
    );
    expect(err.stack?.split('\n')[0]).toBe(`HTTPError: ${err.message}`);
    expect(err.stack?.split('\n')[1]).toMatch(/^\s+at /);
  });

  it('installed twice (or run twice), it enriches once', async () => {
    const twice = got.extend({ retry: noRetry, hooks: ossErrors() }).extend({ hooks: ossErrors() });
    const err = await rejectionOf(twice(oss.url('/fixture/NoSuchBucket.xml')));
    expect(err.message.split(' — ')).toHaveLength(2);
    const again = ossBeforeError()(err);
    expect(again).toBe(err);
    expect(err.message.split(' — ')).toHaveLength(2);
  });

  it("rewriteMessage: false sets err.oss and toJSON and leaves got's message and stack alone", async () => {
    const { seen, hooks } = hooksRecordingGotsError({ rewriteMessage: false });
    const err = await rejectionOf(got(oss.url('/fixture/NoSuchBucket.xml'), { retry: noRetry, hooks }));
    const gotMessage = seen.message ?? '';
    expect(err.message).toBe(gotMessage);
    expect(err.stack?.split('\n')[0]).toBe(`HTTPError: ${gotMessage}`);
    expect((err as Error & WithOss).oss?.code).toBe('NoSuchBucket');
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({
      message: gotMessage,
      oss: { code: 'NoSuchBucket' },
    });
  });
});

describe('secrets in a presigned URL and an echoing error body', () => {
  it.each(['promise', 'stream'] as const)(
    '%s mode: not in the message, the stack, JSON.stringify(err) or err.oss',
    async (mode) => {
      const url = oss.url(signatureMismatchPath());
      // got >= 14.6.1 puts the full URL in its message: the secrets are there before we run.
      let gotMessage = '';
      const ours = ossErrors();
      const hooks = {
        afterResponse: ours.afterResponse,
        beforeError: [
          (error: Error) => {
            gotMessage = error.message;
            return error;
          },
          ...ours.beforeError,
        ],
      };
      const err =
        mode === 'promise'
          ? await rejectionOf(got(url, { retry: noRetry, hooks }))
          : (await streamOutcome(got.stream(url, { retry: noRetry, hooks }))).error!;
      expect(gotMessage).toBe(httpErrorMessage(403, 'Forbidden', 'GET', url));
      expect(gotMessage.includes(encodeURIComponent(SECRETS.signature))).toBe(gotAtLeast('14.6.1'));

      expect(err).toBeInstanceOf(HTTPError);
      const details = (err as Error & WithOss).oss!;
      expect(details.code).toBe('SignatureDoesNotMatch');
      expect(details.fields.SignatureProvided).toBe('****');
      expectNoSecret(err.message, 'message');
      expectNoSecret(err.stack, 'stack');
      expectNoSecret(JSON.stringify(err), 'JSON.stringify(err)');
      expectNoSecret(JSON.stringify(details), 'err.oss');
      // The URL in got's words (got >= 14.6.1) is kept, masked.
      expect(err.message.includes('Signature=****')).toBe(gotAtLeast('14.6.1'));
      expect(err.message.includes('OSSAccessKeyId=LTAI5tF****')).toBe(gotAtLeast('14.6.1'));
      expect(JSON.parse(JSON.stringify(err))).toStrictEqual({
        name: 'HTTPError',
        code: 'ERR_NON_2XX_3XX_RESPONSE',
        message: err.message,
        statusCode: 403,
        oss: JSON.parse(JSON.stringify(details)),
      });
    },
  );

  it("JSON.stringify of got's error without our hooks would leak: the reason for toJSON", async () => {
    const err = await rejectionOf(got(oss.url(signatureMismatchPath()), { retry: noRetry }));
    expect(JSON.stringify(err)).toContain(SECRETS.securityToken);
    // util.inspect shows got's enumerable `options` (the request as the caller wrote it) either way.
    expect(inspect(err)).toContain('options');
  });
});

describe('what is left alone', () => {
  it("a gateway's HTML 502 (no OSS headers): got's HTTPError untouched", async () => {
    const url = oss.url('/scenario/gateway-html');
    const err = await rejectionOf(client()(url));
    expect(err).toBeInstanceOf(HTTPError);
    expect(err.message).toBe(httpErrorMessage(502, 'Bad Gateway', 'GET', url));
    expect(isOssError(err)).toBe(false);
    expect('oss' in err).toBe(false);
    expect(Object.hasOwn(err, 'toJSON')).toBe(false);
  });

  it("a refused connection: got's RequestError untouched", async () => {
    const port = await freePort();
    const err = await rejectionOf(client()(`http://127.0.0.1:${port}/`));
    expect(err).toBeInstanceOf(RequestError);
    expect((err as InstanceType<typeof RequestError>).code).toBe('ECONNREFUSED');
    expect(isOssError(err)).toBe(false);
    expect(Object.hasOwn(err, 'toJSON')).toBe(false);
  });

  it("a timeout, even after OSS sent 500 headers: got's TimeoutError untouched", async () => {
    const err = await rejectionOf(client()(oss.url('/scenario/never-ends'), { timeout: { request: 150 } }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as InstanceType<typeof RequestError>).response?.statusCode).toBe(500);
    expect(isOssError(err)).toBe(false);
    expect(err.message).not.toContain(' — ');
  });

  it("a cancelled request (AbortSignal): got's error untouched", async () => {
    const controller = new AbortController();
    const pending = client()(oss.url('/scenario/never-ends'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const err = await rejectionOf(pending);
    expect(err).toBeInstanceOf(RequestError);
    expect((err as InstanceType<typeof RequestError>).code).toBe('ERR_ABORTED');
    expect(isOssError(err)).toBe(false);
  });

  it("a 200 whose body is an <Error> document is the user's object: resolved, not parsed", async () => {
    const response = await client()(oss.url('/scenario/ok-error-document'));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<Code>NoSuchKey</Code>');
    expect((response as WithOss).oss).toBeUndefined();
  });

  it('a 304 got resolves: not parsed', async () => {
    // Peer vector 12 is the OSS SDK's HEAD 304, with an x-oss-request-id.
    const response = await client().head(oss.url('/peer/12'));
    expect(response.statusCode).toBe(304);
    expect(response.headers['x-oss-request-id']).toBeTypeOf('string');
    expect((response as WithOss).oss).toBeUndefined();
  });

  it('the afterResponse hook reads nothing but the status of a 2xx or a 304', async () => {
    for (const [method, path, status] of [
      ['GET', '/scenario/ok', 200],
      ['GET', '/scenario/ok-error-document', 200],
      ['HEAD', '/peer/12', 304],
      ['GET', '/fixture/NoSuchBucket.xml', 404],
    ] as const) {
      const { hooks, reads } = recordingReads(ossAfterResponse());
      const pending = got(oss.url(path), { method, retry: noRetry, throwHttpErrors: false, hooks });
      expect((await pending).statusCode).toBe(status);
      // The 404 shows the recorder works: there the hook reads the body.
      if (status === 404) expect(reads).toContain('rawBody');
      else expect(reads).toStrictEqual(['statusCode']);
    }
  });

  it('throwHttpErrors: false resolves the failed response, with response.oss set', async () => {
    const response = await client()(oss.url('/fixture/NoSuchBucket.xml'), { throwHttpErrors: false });
    expect(response.statusCode).toBe(404);
    expect((response as WithOss).oss).toMatchObject({ code: 'NoSuchBucket', status: 404 });
  });
});

describe('misplaced hooks', () => {
  it('warn once, and hand back what they got', async () => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    const afterResponse = ossAfterResponse({ warn });
    const beforeError = ossBeforeError({ warn });
    const misplaced = got.extend({
      retry: noRetry,
      hooks: {
        // Each in the other's list: what a hand-merge typo looks like.
        afterResponse: [beforeError as never],
        beforeError: [afterResponse as never],
      },
    });
    for (let i = 0; i < 2; i++) {
      const err = await rejectionOf(misplaced(oss.url('/fixture/NoSuchBucket.xml')));
      expect(err).toBeInstanceOf(HTTPError);
      expect(isOssError(err)).toBe(false);
    }
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/ossBeforeError\(\) was given something that is not an error/);
    expect(warnings[1]).toMatch(/ossAfterResponse\(\) was given something that is not a got response/);
  });
});

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A user afterResponse hook that runs `hook` on a Proxy of got's real response, recording the properties
 * `hook` reads, and hands got the real response back.
 */
function recordingReads(hook: ReturnType<typeof ossAfterResponse>): {
  hooks: { afterResponse: Array<<Response extends object>(response: Response) => Response> };
  reads: string[];
} {
  const reads: string[] = [];
  const recordingHook = <Response extends object>(response: Response): Response => {
    const spy = new Proxy(response, {
      get(object, property, receiver) {
        if (typeof property === 'string') reads.push(property);
        return Reflect.get(object, property, receiver) as unknown;
      },
    });
    hook(spy as Response & { statusCode: number });
    return response;
  };
  return { hooks: { afterResponse: [recordingHook] }, reads };
}
