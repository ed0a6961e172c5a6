import { Buffer } from 'node:buffer';
import axiosLatest, { type AxiosInstance, type CreateAxiosDefaults, type ResponseType } from 'axios';
import axiosOldestRuntime from 'axios-oldest';

/** The default export of axios, typed as the latest; axios-oldest is the real 1.7.0 at runtime. */
type AxiosStatic = typeof axiosLatest;

/** The axios versions every behaviour is tested with: the latest 1.x and the oldest we support. */
export const AXIOS_VERSIONS: ReadonlyArray<{ readonly version: string; readonly axios: AxiosStatic }> = [
  { version: axiosLatest.VERSION, axios: axiosLatest },
  { version: axiosOldestRuntime.VERSION, axios: axiosOldestRuntime as unknown as AxiosStatic },
];

/** The adapters that run in Node. xhr needs a browser: see browser-safety.test.ts. */
export const NODE_ADAPTERS = ['http', 'fetch'] as const;
export type NodeAdapter = (typeof NODE_ADAPTERS)[number];

/** What the error looked like when axios rejected, before any interceptor of ours ran. */
export interface Rejection {
  readonly error: unknown;
  readonly message: string;
  readonly code: unknown;
  readonly status: unknown;
  readonly data: unknown;
  readonly stackFirstLine: string;
}

/**
 * A client whose first response interceptor records each rejection as axios made it; interceptors
 * installed afterwards (ours) run after it, so `rejections` holds the very objects they got.
 */
export function recordingClient(
  axios: AxiosStatic,
  config: CreateAxiosDefaults = {},
): { client: AxiosInstance; rejections: Rejection[] } {
  const client = axios.create(config);
  const rejections: Rejection[] = [];
  client.interceptors.response.use(undefined, (error: unknown) => {
    const axiosError = error as {
      message?: unknown;
      code?: unknown;
      status?: unknown;
      stack?: unknown;
      response?: { data?: unknown };
    };
    rejections.push({
      error,
      message: String(axiosError.message),
      code: axiosError.code,
      status: axiosError.status,
      data: axiosError.response?.data,
      stackFirstLine: String(axiosError.stack).split('\n')[0]!,
    });
    return Promise.reject(error);
  });
  return { client, rejections };
}

/** Runs `request` and returns what it rejected with; fails the test if it resolved. */
export async function rejectionOf(request: Promise<unknown>): Promise<unknown> {
  try {
    await request;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to reject, but it resolved');
}

/** Every byte of a Node Readable or a web ReadableStream. */
export async function readAll(stream: unknown): Promise<Buffer> {
  if (stream !== null && typeof stream === 'object' && 'getReader' in stream) {
    const reader = (stream as ReadableStream<Uint8Array>).getReader();
    const parts: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(parts);
      parts.push(value);
    }
  }
  const parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(parts);
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `{ responseType }`, or nothing for axios's default (exactOptionalPropertyTypes has no `undefined` here). */
export function responseTypeOption(responseType: ResponseType | undefined): { responseType?: ResponseType } {
  return responseType === undefined ? {} : { responseType };
}

/**
 * Every responseType axios supports in Node: `undefined` is the default (axios parses JSON when it can);
 * 'document' in Node is text.
 */
export const RESPONSE_TYPES: ReadonlyArray<ResponseType | undefined> = [
  undefined,
  'json',
  'text',
  'arraybuffer',
  'blob',
  'stream',
  'document',
];
