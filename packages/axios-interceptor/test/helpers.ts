import { Buffer } from 'node:buffer';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
 * Every `responseType`, `undefined` being axios's default (it then parses JSON when it can). axios supports
 * all of them in Node ('document' is text there; the fetch adapter reads 'json' and 'document' as text).
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

/** Two URLs that give no response: one whose port refuses connections, one whose server never answers. */
export interface DeadEnds {
  readonly closedPortUrl: string;
  readonly silentUrl: string;
  close(): Promise<void>;
}

/** Starts the {@link DeadEnds}: a network error (connection refused) and a timeout with no response at all. */
export async function startDeadEnds(): Promise<DeadEnds> {
  const listen = async (server: Server): Promise<string> => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/object`;
  };
  const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  const silent = createServer(() => {});
  const silentUrl = await listen(silent);
  // A port that was just free: connecting to it is refused.
  const closed = createServer();
  const closedPortUrl = await listen(closed);
  await close(closed);
  return {
    closedPortUrl,
    silentUrl,
    close: () => {
      silent.closeAllConnections();
      return close(silent);
    },
  };
}
