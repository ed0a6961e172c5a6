import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type OssErrorDetails, parseOssError } from '@oss-errors/core';
import { describeOssError } from '@oss-errors/core/adapter';
import { type CorsRule, credentialForms, type FakeOss, presignedPath } from '@oss-errors/fake-oss';
import type { ResponseType } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserPage, type BundleOptions, openBrowserPage } from './harness';
import type { AxiosCase, AxiosOutcome } from './pages/axios';

// axios in Chromium, with the xhr and fetch adapters and every responseType, against the fake OSS on
// another origin under each kind of bucket CORS rule. What the interceptor gives must be what the core
// makes of what the browser lets a script see: the body as the responseType delivers it, and only the
// response headers that CORS exposes. The axios side must stay axios's: the same error object, its code,
// status and data.

const RULES: readonly CorsRule[] = ['all', 'request-id', 'wildcard', 'wildcard-credentials', 'none'];

// The response headers a script may read across origins (Fetch standard): the CORS-safelisted ones,
// plus those the rule exposes. `*` exposes every header, but only to a request without credentials: with
// credentials it is the name of a header called `*`, so nothing more is exposed. The page asks for
// credentials (`withCredentials: true`) under the `wildcard-credentials` rule only.
const SAFELISTED = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
];
const EXPOSED: Readonly<Record<CorsRule, readonly string[] | '*'>> = {
  all: ['x-oss-request-id', 'x-oss-ec', 'x-oss-err', 'x-oss-error-type'],
  'request-id': ['x-oss-request-id'],
  wildcard: '*',
  'wildcard-credentials': '*',
  none: [],
};

/**
 * Whether a request with `withCredentials: true` is sent with credentials. axios 1.7.0's fetch adapter
 * passes it to `new Request()` under a name fetch does not know, so it never sends them.
 */
function sendsCredentials(adapter: 'xhr' | 'fetch', axiosVersion: string): boolean {
  return !(adapter === 'fetch' && axiosVersion === '1.7.0');
}

function visibleHeaders(
  headers: Readonly<Record<string, string>>,
  rule: CorsRule,
  credentials: boolean,
): Record<string, string> {
  const listed = EXPOSED[rule];
  const exposed = listed === '*' && credentials ? [] : listed === '*' ? 'every header' : listed;
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => exposed === 'every header' || SAFELISTED.includes(name) || exposed.includes(name),
    ),
  );
}

const ossHeaders = (headers: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('x-oss-')));

const SECRETS = credentialForms();

const STALLED_BODY = '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>InternalError</Code>\n';
const BODY_TIMEOUT_MS = 300;
const AXIOS_TIMEOUT_MS = 500;

/** One kind of response, requested through every adapter and responseType. */
interface Scenario {
  readonly name: string;
  readonly method: string;
  /** On the fake OSS, without the `/cors/<rule>` prefix. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly data?: string;
  /** Under which CORS rules: each of them, or none at all (no Access-Control-* header). */
  readonly cors: 'each rule' | 'all' | 'no CORS';
  /** What xhr's `responseType: 'document'` gives: a parsed Document, or null (no body, not XML or HTML, malformed). */
  readonly xhrDocument: 'Document' | 'null';
  readonly options?: AxiosCase['options'];
  /** OSS makes up a new request id for each of these responses. */
  readonly randomRequestId?: boolean;
  readonly stalls?: boolean;
}

// An upload with a callback: the x-oss-callback header makes it a preflighted request.
const CALLBACK_UPLOAD = {
  headers: {
    'x-oss-callback': btoa('{"callbackUrl":"http://example.com/cb"}'),
    'Content-Type': 'text/plain',
  },
  data: 'payload',
} as const;

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'GET 404 XML',
    method: 'GET',
    path: '/fixture/NoSuchKey.real-opendal.xml',
    cors: 'each rule',
    xhrDocument: 'Document',
  },
  {
    name: 'GET 403 XML, EC also in x-oss-ec',
    method: 'GET',
    path: '/fixture/InvalidAccessKeyId.xml',
    cors: 'each rule',
    xhrDocument: 'Document',
  },
  {
    name: 'HEAD 404, only x-oss-err (non-ASCII message)',
    method: 'HEAD',
    path: '/scenario/x-oss-err-only',
    cors: 'each rule',
    xhrDocument: 'null',
  },
  {
    name: 'HEAD 404, request id + EC + x-oss-err',
    method: 'HEAD',
    path: '/fixture/NoSuchKey.HEAD-404.headers.txt',
    cors: 'each rule',
    xhrDocument: 'null',
  },
  {
    name: '503, headers only',
    method: 'GET',
    path: '/scenario/unavailable-no-body',
    cors: 'each rule',
    xhrDocument: 'null',
  },
  {
    name: 'POST 203 CallbackFailed (preflighted)',
    method: 'POST',
    path: '/scenario/callback-failed',
    ...CALLBACK_UPLOAD,
    cors: 'each rule',
    xhrDocument: 'Document',
  },
  {
    name: 'POST 203 CallbackFailed, rejectCallbackFailed: false',
    method: 'POST',
    path: '/scenario/callback-failed',
    ...CALLBACK_UPLOAD,
    cors: 'each rule',
    xhrDocument: 'Document',
    options: { rejectCallbackFailed: false },
  },
  {
    name: 'HTML 502 from a gateway, with CORS',
    method: 'GET',
    path: '/scenario/gateway-html',
    cors: 'each rule',
    xhrDocument: 'Document',
  },
  {
    name: 'HTML 502 from a gateway, without CORS',
    method: 'GET',
    path: '/scenario/gateway-html',
    cors: 'no CORS',
    xhrDocument: 'null',
  },
  {
    name: 'JSON {"Error": {...}}',
    method: 'GET',
    path: '/fixture/NoSuchBucket.json-variant.json',
    cors: 'each rule',
    xhrDocument: 'null',
  },
  {
    name: 'JSON {"message"} with x-oss-error-type (PUT, preflighted)',
    method: 'PUT',
    path: '/fixture/BadRequestException.json-v2-x-oss-error-type.json',
    data: '{}',
    headers: { 'Content-Type': 'application/json' },
    cors: 'each rule',
    xhrDocument: 'null',
  },
  {
    name: 'truncated XML body',
    method: 'GET',
    path: '/fixture/AccessDenied.wrong-endpoint.partial.xml',
    cors: 'each rule',
    xhrDocument: 'null',
  },
  {
    name: 'presigned URL, bad signature',
    method: 'GET',
    path: presignedPath('photos/cat.jpg'),
    cors: 'each rule',
    xhrDocument: 'Document',
    randomRequestId: true,
  },
  { name: '200', method: 'GET', path: '/scenario/ok', cors: 'each rule', xhrDocument: 'null' },
  {
    name: '200 whose body is an <Error> document',
    method: 'GET',
    path: '/scenario/ok-error-document',
    cors: 'each rule',
    xhrDocument: 'Document',
    randomRequestId: true,
  },
  {
    name: 'stalled body',
    method: 'GET',
    path: '/scenario/never-ends',
    cors: 'all',
    xhrDocument: 'null',
    stalls: true,
  },
];

const COMBOS: ReadonlyArray<{ adapter: 'xhr' | 'fetch'; responseType: ResponseType | undefined }> = [
  ...(['xhr', 'fetch'] as const).flatMap((adapter) =>
    [undefined, 'json', 'text', 'arraybuffer', 'blob', 'document'].map((responseType) => ({
      adapter,
      responseType: responseType as ResponseType | undefined,
    })),
  ),
  { adapter: 'fetch', responseType: 'stream' },
];

interface Planned {
  readonly id: string;
  readonly scenario: Scenario;
  readonly adapter: 'xhr' | 'fetch';
  readonly responseType: ResponseType | undefined;
  readonly rule: CorsRule | undefined;
  readonly url: string;
  /** The request goes with credentials (cookies): `*` in Access-Control-Expose-Headers then exposes nothing. */
  readonly credentials: boolean;
}

function plan(ossUrl: (path: string) => string, axiosVersion: string): Planned[] {
  const planned: Planned[] = [];
  for (const scenario of SCENARIOS) {
    const rules =
      scenario.cors === 'each rule' ? RULES : scenario.cors === 'all' ? (['all'] as const) : [undefined];
    for (const rule of rules) {
      for (const { adapter, responseType } of COMBOS) {
        const id = `${adapter} · ${responseType ?? 'default'} · ${rule === undefined ? 'no CORS' : `CORS ${rule}`} · ${scenario.name}`;
        const url = ossUrl(rule === undefined ? scenario.path : `/cors/${rule}${scenario.path}`);
        const credentials = rule === 'wildcard-credentials' && sendsCredentials(adapter, axiosVersion);
        planned.push({ id, scenario, adapter, responseType, rule, url, credentials });
      }
    }
  }
  return planned;
}

function toCase(planned: Planned): AxiosCase {
  const { id, scenario, adapter, responseType, rule, url } = planned;
  const streamed = responseType === 'stream';
  return {
    id,
    adapter,
    ...(responseType === undefined ? {} : { responseType }),
    method: scenario.method,
    url,
    ...(scenario.headers === undefined ? {} : { headers: scenario.headers }),
    ...(scenario.data === undefined ? {} : { data: scenario.data }),
    ...(rule === 'wildcard-credentials' ? { withCredentials: true } : {}),
    ...(scenario.stalls === true && !streamed ? { timeout: AXIOS_TIMEOUT_MS } : {}),
    ...(scenario.stalls === true
      ? { stallMs: BODY_TIMEOUT_MS, options: { bodyTimeoutMs: BODY_TIMEOUT_MS } }
      : {}),
    ...(scenario.options === undefined ? {} : { options: scenario.options }),
  };
}

/** The whole response, as OSS sent it (read in Node, where nothing is hidden). */
interface Truth {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

async function fetchTruth(oss: FakeOss, scenario: Scenario): Promise<Truth> {
  const response = await fetch(oss.url(scenario.path), {
    method: scenario.method,
    ...(scenario.headers === undefined ? {} : { headers: scenario.headers }),
    ...(scenario.data === undefined ? {} : { body: scenario.data }),
  });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
}

/** The same response with another request id (for scenarios where OSS makes up a new one each time). */
function withRequestId(truth: Truth, requestId: string | undefined): Truth {
  const old = truth.headers['x-oss-request-id'];
  if (old === undefined || requestId === undefined) return truth;
  const swap = (text: string) => text.replaceAll(old, requestId);
  return {
    ...truth,
    headers: Object.fromEntries(Object.entries(truth.headers).map(([name, value]) => [name, swap(value)])),
    body: swap(truth.body),
  };
}

/**
 * What the core makes of what a script in the page may see of `truth`, as the browser build makes it: no
 * `hint`, which a browser app opts into (README, "In the browser").
 */
function expectedDetails(planned: Planned, truth: Truth): OssErrorDetails | undefined {
  const { scenario, adapter, responseType, rule, credentials } = planned;
  const hidesBody = adapter === 'xhr' && responseType === 'document' && scenario.xhrDocument === 'null';
  const details = parseOssError({
    status: truth.status,
    headers: rule === undefined ? {} : visibleHeaders(truth.headers, rule, credentials),
    body: scenario.method === 'HEAD' || hidesBody ? '' : truth.body,
    method: scenario.method,
    url: planned.url,
  });
  if (details === undefined) return undefined;
  const { hint: _, ...withoutHint } = details;
  return withoutHint;
}

function expectNoSecret(text: string | undefined, where: string): void {
  for (const secret of SECRETS) expect(text ?? '', where).not.toContain(secret);
}

/** Drops axios's `config` (the request as the user wrote it, presigned URL and all) from toJSON's output. */
function withoutConfig(json: string | undefined): string {
  const { config, ...rest } = JSON.parse(json ?? 'null') as { config?: unknown };
  expect(config).toBeDefined();
  return JSON.stringify(rest);
}

/** The response data the user's code gets: what axios made of the body, untouched. */
function expectDataIntact(planned: Planned, outcome: AxiosOutcome, truth: Truth): void {
  const { scenario, adapter, responseType } = planned;
  const data = outcome.response!.data;
  const body = scenario.method === 'HEAD' ? '' : truth.body;
  if (responseType === 'stream') {
    // Read up to the cap by the interceptor, then put back: the stream still yields every byte.
    // A HEAD has no body: the fetch adapter gives null (axios 1.7.0: an empty stream).
    if (scenario.method === 'HEAD' && data.kind === 'null') return;
    expect(data.readError).toBeUndefined();
    expect(data.text).toBe(body);
    return;
  }
  if (outcome.settled === 'rejected') expect(data.same, 'response.data is the object axios made').toBe(true);
  if (adapter === 'xhr' && responseType === 'document') {
    // The browser parses the body itself; xhr gives null for anything it cannot parse as XML or HTML.
    expect(data.kind).toBe(scenario.xhrDocument);
    return;
  }
  if (data.kind === 'object') expect(JSON.parse(data.text!)).toEqual(JSON.parse(body));
  else expect(data.text).toBe(body);
}

function checkOutcome(planned: Planned, outcome: AxiosOutcome, truths: Map<Scenario, Truth>): void {
  const { scenario, responseType, rule } = planned;
  expect(outcome.id).toBe(planned.id);
  expect(outcome.settled, 'the request settled').not.toBe('hung');

  if (scenario.cors === 'no CORS') {
    // The browser hides the whole response: axios sees a network error, which passes untouched.
    expect(outcome.settled).toBe('rejected');
    expect(outcome.isAxiosError).toBe(true);
    expect(outcome.sameError).toBe(true);
    expect(outcome.code).toBe('ERR_NETWORK');
    expect(outcome.response).toBeNull();
    expect(outcome.message).toBe(outcome.axiosRejection?.message);
    expect(outcome.oss).toBeNull();
    expect(outcome.isOssError).toBe(false);
    return;
  }

  if (scenario.stalls === true && responseType !== 'stream') {
    // xhr and the fetch adapter's buffered types wait for the whole body: axios's own timeout ends the
    // request, and that error is not an OSS error.
    expect(outcome.settled).toBe('rejected');
    expect(outcome.isAxiosError).toBe(true);
    expect(outcome.sameError).toBe(true);
    expect(['ECONNABORTED', 'ETIMEDOUT']).toContain(outcome.code);
    expect(outcome.message).toBe(outcome.axiosRejection?.message);
    expect(outcome.oss).toBeNull();
    expect(outcome.isOssError).toBe(false);
    return;
  }

  let truth: Truth;
  if (scenario.stalls === true) {
    // Headers and the first bytes, then nothing: the interceptor gives up after bodyTimeoutMs and
    // parses what came; the user's stream yields those bytes (and would go on if more came).
    expect(outcome.response?.ossHeaders['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
    truth = { status: 500, headers: outcome.response!.ossHeaders, body: STALLED_BODY };
  } else {
    truth = truths.get(scenario)!;
    if (scenario.randomRequestId === true) {
      truth = withRequestId(
        truth,
        outcome.oss?.requestId ?? outcome.response?.ossHeaders['x-oss-request-id'],
      );
    }
  }
  const expected = expectedDetails(planned, truth);
  expect(outcome.response).not.toBeNull();
  expect(outcome.response!.status).toBe(truth.status);
  // The browser shows the script exactly the headers CORS allows.
  const visible = rule === undefined ? {} : visibleHeaders(truth.headers, rule, planned.credentials);
  expect(outcome.response!.ossHeaders).toEqual(ossHeaders(visible));
  expectDataIntact(planned, outcome, truth);

  if (
    truth.status >= 200 &&
    truth.status < 300 &&
    !(truth.status === 203 && scenario.options === undefined)
  ) {
    // Resolved; only a kept 203 CallbackFailed carries response.oss.
    expect(outcome.settled).toBe('resolved');
    expect(outcome.axiosRejection).toBeNull();
    expect(outcome.oss).toEqual(truth.status === 203 ? expected : null);
    return;
  }

  expect(outcome.settled).toBe('rejected');
  expect(outcome.isAxiosError).toBe(true);
  if (expected === undefined) {
    // No OSS evidence the script can see: the same error, untouched.
    expect(outcome.sameError).toBe(true);
    expect(outcome.message).toBe(outcome.axiosRejection!.message);
    expect(outcome.oss).toBeNull();
    expect(outcome.isOssError).toBe(false);
    expect(outcome.isOssErrorInCore).toBe(false);
    return;
  }

  if (truth.status === 203) {
    // axios resolved the 203: the AxiosError is the interceptor's, built as axios's settle() builds one.
    expect(outcome.axiosRejection).toBeNull();
    expect(outcome.code).toBe('ERR_BAD_RESPONSE');
    expect(outcome.message).toBe(
      `Request failed with status code 203 — ${describeOssError(expected, false)}`,
    );
  } else {
    const rejection = outcome.axiosRejection!;
    expect(outcome.sameError).toBe(true);
    expect(outcome.code).toBe(rejection.code);
    expect(outcome.status).toBe(rejection.status);
    expect(outcome.message).toBe(`${rejection.message} — ${describeOssError(expected, false)}`);
  }
  expect(outcome.name).toBe('AxiosError');
  expect(outcome.stack!.split('\n')[0]).toContain(outcome.message);
  expect(outcome.string).toBe(`AxiosError: ${outcome.message}`);
  expect(outcome.isOssError).toBe(true);
  expect(outcome.isOssErrorInCore).toBe(true);
  expect(outcome.oss).toEqual(expected);
  const json = JSON.parse(outcome.toJSON!) as { message?: string; oss?: unknown };
  expect(json.message).toBe(outcome.message);
  expect(json.oss).toEqual(expected);
  expect((JSON.parse(outcome.stringified!) as { oss?: unknown }).oss).toEqual(expected);

  if (scenario.path.includes('Signature=')) {
    expect(outcome.oss?.code).toBe('SignatureDoesNotMatch');
    expect(outcome.oss?.url).toContain('Signature=****');
    expect(outcome.oss?.fields.SignatureProvided).toBe('****');
    expect(outcome.oss?.fields.OSSAccessKeyId).toBe('LTAI5tSe****');
    expectNoSecret(outcome.message, 'message');
    expectNoSecret(outcome.stack, 'stack');
    expectNoSecret(outcome.string, 'String(err)');
    expectNoSecret(JSON.stringify(outcome.oss), 'err.oss');
    // axios's toJSON() has always included the request config as the user wrote it; all else is clean.
    expectNoSecret(withoutConfig(outcome.toJSON), 'toJSON()');
    expectNoSecret(withoutConfig(outcome.stringified), 'JSON.stringify(err)');
  }
}

// A few expectations written by hand from SPEC.md and the README, so the table is not only checked
// against the core itself.
const HAND_WRITTEN: Readonly<Record<string, Partial<OssErrorDetails> | 'untouched'>> = {
  'xhr · default · CORS all · HEAD 404, only x-oss-err (non-ASCII message)': {
    code: 'NoSuchKey',
    message: '指定的键不存在。 The specified key does not exist: café.txt',
    source: 'x-oss-err',
    requestId: '5C3D9175B6FC201293AD0404',
    fields: { Key: 'café.txt' },
  },
  'xhr · default · CORS request-id · HEAD 404, only x-oss-err (non-ASCII message)': 'untouched',
  'xhr · blob · CORS wildcard-credentials · HEAD 404, only x-oss-err (non-ASCII message)': 'untouched',
  'fetch · default · CORS wildcard · HEAD 404, only x-oss-err (non-ASCII message)': {
    code: 'NoSuchKey',
    source: 'x-oss-err',
  },
  'xhr · default · CORS request-id · HEAD 404, request id + EC + x-oss-err': {
    code: 'NotFound',
    source: 'status',
    requestId: '6556E3AED11E553933CCDEDF',
  },
  'xhr · default · CORS none · HEAD 404, request id + EC + x-oss-err': 'untouched',
  'fetch · stream · CORS all · 503, headers only': {
    code: 'ServiceUnavailable',
    source: 'status',
    ec: '0001-00000503',
    retryable: true,
  },
  'fetch · stream · CORS request-id · 503, headers only': { code: 'ServiceUnavailable', source: 'status' },
  'xhr · document · CORS all · JSON {"message"} with x-oss-error-type (PUT, preflighted)': {
    code: 'BadRequestException',
    source: 'body',
  },
  'xhr · document · CORS none · truncated XML body': 'untouched',
  'xhr · text · CORS none · truncated XML body': { code: 'AccessDenied', source: 'body' },
};

const require = createRequire(import.meta.url);
const OLDEST_AXIOS_DIR = dirname(
  require.resolve('axios-oldest/package.json', {
    paths: [fileURLToPath(new URL('../../packages/axios-interceptor/', import.meta.url))],
  }),
);

// What Chromium logs, itself, for each request made to fail CORS on purpose.
const NO_CORS_REPORT =
  /^javascript error: Access to (XMLHttpRequest|fetch) at 'http:\/\/127\.0\.0\.1:\d+\/scenario\/gateway-html' from origin '[^']+' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource\.$/;

const BUNDLES: ReadonlyArray<{
  readonly label: string;
  readonly version: string;
  readonly options: BundleOptions;
}> = [
  { label: 'latest', version: require('axios/package.json').version as string, options: {} },
  // axios 1.7.0, the oldest supported: the application's `axios` import and the interceptor's are both it.
  { label: '1.7.0', version: '1.7.0', options: { alias: { axios: OLDEST_AXIOS_DIR } } },
];

describe.each(BUNDLES)('axios $label in Chromium', ({ version, options }) => {
  let page: BrowserPage;
  let planned: Planned[];
  const truths = new Map<Scenario, Truth>();
  const outcomes = new Map<string, AxiosOutcome>();
  let problems: unknown[] = [];

  beforeAll(async () => {
    page = await openBrowserPage(new URL('./pages/axios.ts', import.meta.url), options);
    planned = plan(page.oss.url, version);
    for (const scenario of SCENARIOS)
      if (scenario.stalls !== true) truths.set(scenario, await fetchTruth(page.oss, scenario));
    // The stalled requests all at once (each holds one of the browser's 6 connections to the fake OSS
    // until its time limit), then the others.
    const stalls = planned.filter(({ scenario }) => scenario.stalls === true).map(toCase);
    const others = planned.filter(({ scenario }) => scenario.stalls !== true).map(toCase);
    const results = [
      ...(await page.run<AxiosOutcome[]>('runCases', { cases: stalls, concurrency: stalls.length })),
      ...(await page.run<AxiosOutcome[]>('runCases', { cases: others, concurrency: 6 })),
    ];
    for (const outcome of results) outcomes.set(outcome.id, outcome);
    // The CORS error of the request that was made to fail CORS is the browser's report, not a problem.
    problems = await page.takeProblems([NO_CORS_REPORT]);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('bundles the built packages with the axios under test', async () => {
    // The browser builds (the `browser` export condition): no fast-xml-parser, no Node stream reader.
    expect(page.bundle.inputs).toContain('packages/axios-interceptor/dist/browser/index.js');
    expect(page.bundle.inputs).toContain('packages/core/dist/browser/index.js');
    expect(page.bundle.inputs.filter((input) => input.includes('fast-xml-parser'))).toEqual([]);
    expect(
      page.bundle.inputs.filter((input) => input.startsWith('packages/') && input.includes('/src/')),
    ).toEqual([]);
    expect(await page.run('axiosVersion')).toBe(version);
  });

  it('leaves no console error, uncaught exception or unhandled rejection in the page', () => {
    expect(problems).toEqual([]);
  });

  it('has a case for each hand-written expectation', () => {
    const ids = new Set(planned.map(({ id }) => id));
    expect(Object.keys(HAND_WRITTEN).filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(plan(() => '', version).map(({ id }) => id))('%s', (id) => {
    const entry = planned.find((candidate) => candidate.id === id)!;
    const outcome = outcomes.get(id);
    expect(outcome, 'the page ran this case').toBeDefined();
    checkOutcome(entry, outcome!, truths);
    const hand = HAND_WRITTEN[id];
    if (hand === 'untouched') expect(outcome!.oss).toBeNull();
    else if (hand !== undefined) expect(outcome!.oss).toMatchObject(hand);
  });
});
