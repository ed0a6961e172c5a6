import { isOssError, type OssErrorDetails, ossErrors } from '@oss-errors/axios-interceptor';
import { isOssError as isOssErrorInCore } from '@oss-errors/core';
import axios, { type AxiosResponse, type ResponseType } from 'axios';

// The page side of axios.test.ts: real axios in Chromium, with the interceptor as an application
// installs it, against the fake OSS on another origin. Each request reports what a user could see of its
// outcome, as JSON; the test decides what it should have been.

/** One request. */
export interface AxiosCase {
  readonly id: string;
  readonly adapter: 'xhr' | 'fetch';
  readonly responseType?: ResponseType;
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly data?: string;
  readonly withCredentials?: boolean;
  /** axios's own `timeout`, in ms. */
  readonly timeout?: number;
  readonly options?: { readonly bodyTimeoutMs?: number; readonly rejectCallbackFailed?: boolean };
  /** The body stalls: read a streamed body only until no chunk came for this long, then cancel it. */
  readonly stallMs?: number;
}

/** What the user's code can see of `response.data`. */
export interface DataView {
  /** `null`, `string`, `object` (parsed JSON), `ArrayBuffer`, `Blob`, `Document`, `ReadableStream`, ... */
  readonly kind: string;
  /** Its bytes as UTF-8 text (a stream: everything it yields), JSON for an object, undefined for a Document. */
  readonly text?: string;
  /** Reading it failed with this. */
  readonly readError?: string;
  /** It is the very object axios put on the response (untouched by the interceptor). */
  readonly same: boolean;
}

/** What one request did, as a user's code could see it. */
export interface AxiosOutcome {
  readonly id: string;
  /** `hung`: neither within 15 s. */
  readonly settled: 'resolved' | 'rejected' | 'hung';
  /** The rejection as axios made it, recorded by an interceptor installed before ours; null when axios resolved. */
  readonly axiosRejection: {
    readonly message: string;
    readonly code?: string;
    readonly status?: number;
  } | null;
  /** The error we got is the very object axios rejected with. */
  readonly sameError: boolean;
  readonly isAxiosError: boolean;
  readonly isOssError: boolean;
  readonly isOssErrorInCore: boolean;
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly status?: number;
  readonly stack?: string;
  readonly string?: string;
  /** `err.oss`, or `response.oss` when the request resolved. */
  readonly oss: OssErrorDetails | null;
  /** JSON.stringify(err.toJSON()) and JSON.stringify(err). */
  readonly toJSON?: string;
  readonly stringified?: string;
  readonly response: {
    readonly status: number;
    /** The x-oss-* response headers the browser let the script read. */
    readonly ossHeaders: Readonly<Record<string, string>>;
    readonly data: DataView;
  } | null;
}

interface Recorded {
  readonly error: unknown;
  readonly message: string;
  readonly code?: string;
  readonly status?: number;
  readonly data: unknown;
}

let utf8: TextDecoder | undefined;
const decode = (bytes: ArrayBuffer | Uint8Array): string => {
  utf8 ??= new TextDecoder();
  return utf8.decode(bytes);
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  return Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(resolve, ms, 'timed out'))]);
}

// A stream that should end but gives no chunk for this long is reported as stalled.
const STREAM_STALLED_MS = 5000;

/** Every chunk of a stream; with `stallMs`, stops at the first wait longer than that and cancels. */
async function readStream(stream: ReadableStream<Uint8Array>, stallMs: number | undefined): Promise<string> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const read = reader.read();
    const result = await withTimeout(read, stallMs ?? STREAM_STALLED_MS);
    if (result === 'timed out') {
      read.catch(() => {});
      await reader.cancel();
      if (stallMs === undefined) throw new Error(`the stream stalled: no chunk for ${STREAM_STALLED_MS} ms`);
      break;
    }
    if (result.done) break;
    parts.push(result.value);
  }
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.byteLength;
  }
  return decode(all);
}

async function viewData(data: unknown, same: boolean, stallMs: number | undefined): Promise<DataView> {
  if (data === null || data === undefined) return { kind: String(data), same };
  if (typeof data === 'string') return { kind: 'string', text: data, same };
  const kind = Object.prototype.toString.call(data).slice(8, -1);
  try {
    if (data instanceof ArrayBuffer) return { kind, text: decode(data), same };
    if (data instanceof Blob) return { kind, text: await data.text(), same };
    if (data instanceof ReadableStream) return { kind, text: await readStream(data, stallMs), same };
    if (data instanceof Document) return { kind: 'Document', same };
    return { kind: 'object', text: JSON.stringify(data), same };
  } catch (error) {
    return { kind, readError: String(error), same };
  }
}

function ossHeadersOf(response: AxiosResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase().startsWith('x-oss-')) headers[name.toLowerCase()] = String(value);
  }
  return headers;
}

async function runCase(request: AxiosCase): Promise<AxiosOutcome> {
  const client = axios.create({ adapter: request.adapter });
  const recorded: Recorded[] = [];
  let resolvedData: { readonly data: unknown } | undefined;
  // Installed before ours, so it sees each response and rejection exactly as axios made it.
  const recordResponse = (response: AxiosResponse) => {
    resolvedData = { data: response.data };
    return response;
  };
  client.interceptors.response.use(recordResponse, (error: unknown) => {
    const axiosError = error as {
      message: string;
      code?: string;
      status?: number;
      response?: { data?: unknown };
    };
    recorded.push({
      error,
      message: axiosError.message,
      ...(axiosError.code === undefined ? {} : { code: axiosError.code }),
      ...(axiosError.status === undefined ? {} : { status: axiosError.status }),
      data: axiosError.response?.data,
    });
    return Promise.reject(error);
  });
  client.interceptors.response.use(...ossErrors({ warn: false, ...request.options }));

  const axiosRejection = (): AxiosOutcome['axiosRejection'] => {
    const first = recorded[0];
    if (first === undefined) return null;
    const { message, code, status } = first;
    return { message, ...(code === undefined ? {} : { code }), ...(status === undefined ? {} : { status }) };
  };

  let response: AxiosResponse;
  try {
    response = await client.request({
      url: request.url,
      method: request.method,
      ...(request.responseType === undefined ? {} : { responseType: request.responseType }),
      ...(request.headers === undefined ? {} : { headers: request.headers }),
      ...(request.data === undefined ? {} : { data: request.data }),
      ...(request.withCredentials === undefined ? {} : { withCredentials: request.withCredentials }),
      ...(request.timeout === undefined ? {} : { timeout: request.timeout }),
    });
  } catch (error) {
    const err = error as Error & {
      code?: string;
      status?: number;
      oss?: OssErrorDetails;
      response?: AxiosResponse;
      toJSON?: () => unknown;
    };
    const errResponse = err.response;
    return {
      id: request.id,
      settled: 'rejected',
      axiosRejection: axiosRejection(),
      sameError: recorded.length > 0 && recorded[0]!.error === error,
      isAxiosError: axios.isAxiosError(error),
      isOssError: isOssError(error),
      isOssErrorInCore: isOssErrorInCore(error),
      name: err.name,
      message: err.message,
      ...(err.code === undefined ? {} : { code: err.code }),
      ...(err.status === undefined ? {} : { status: err.status }),
      stack: String(err.stack),
      string: String(err),
      oss: err.oss ?? null,
      toJSON: JSON.stringify(err.toJSON?.()),
      stringified: JSON.stringify(err),
      response:
        errResponse === undefined
          ? null
          : {
              status: errResponse.status,
              ossHeaders: ossHeadersOf(errResponse),
              data: await viewData(
                errResponse.data,
                (recorded[0] ?? resolvedData)?.data === errResponse.data,
                request.stallMs,
              ),
            },
    };
  }
  return {
    id: request.id,
    settled: 'resolved',
    axiosRejection: axiosRejection(),
    sameError: false,
    isAxiosError: false,
    isOssError: false,
    isOssErrorInCore: false,
    oss: (response as { oss?: OssErrorDetails }).oss ?? null,
    response: {
      status: response.status,
      ossHeaders: ossHeadersOf(response),
      data: await viewData(response.data, resolvedData?.data === response.data, request.stallMs),
    },
  };
}

/** The axios this page was bundled with. */
export function axiosVersion(): string {
  return axios.VERSION;
}

// A case that has not settled by then is reported, so one hung request cannot hang the whole page.
const HUNG_AFTER_MS = 15_000;

function hung(request: AxiosCase): Promise<AxiosOutcome> {
  return new Promise((resolve) =>
    setTimeout(resolve, HUNG_AFTER_MS, {
      id: request.id,
      settled: 'hung',
      axiosRejection: null,
      sameError: false,
      isAxiosError: false,
      isOssError: false,
      isOssErrorInCore: false,
      oss: null,
      response: null,
    } satisfies AxiosOutcome),
  );
}

/** Runs every case, `concurrency` at a time, and reports each outcome in the order of `cases`. */
export async function runCases(input: {
  readonly cases: readonly AxiosCase[];
  readonly concurrency: number;
}): Promise<AxiosOutcome[]> {
  const outcomes: AxiosOutcome[] = new Array(input.cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < input.cases.length) {
      const index = next++;
      const request = input.cases[index]!;
      outcomes[index] = await Promise.race([runCase(request), hung(request)]);
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  return outcomes;
}
