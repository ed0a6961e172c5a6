/**
 * Where {@link OssErrorDetails.code} came from: the response body's error document, the base64 error
 * document in the `x-oss-err` header (HEAD and other body-less errors), or only the HTTP status.
 *
 * @example
 * if (details.source === 'status') console.log('OSS sent no error code; this one is derived from the status');
 */
export type OssErrorSource = 'body' | 'x-oss-err' | 'status';

/**
 * Whose fault a failure is: `client` for 1xx–4xx (including a 203 callback failure), `server` for 5xx.
 *
 * @example
 * const alertOps = details.fault === 'server';
 */
export type OssErrorFault = 'client' | 'server';

/**
 * Anything that reads like the Fetch API's `Headers`: a `get` that ignores letter case.
 * A `Headers` instance, axios's `AxiosHeaders` and undici's headers all fit.
 *
 * @example
 * const headers: HeadersLike = new Headers({ 'x-oss-request-id': '5C3D9175B6FC201293AD0000' });
 */
export interface HeadersLike {
  get(name: string): unknown;
}

/**
 * Response headers as a `Headers`-like object or a plain object with keys in any letter case.
 *
 * @example
 * const headers: OssResponseHeaders = { 'X-Oss-Request-Id': '5C3D9175B6FC201293AD0000', 'x-oss-ec': ['0026-00000001'] };
 */
export type OssResponseHeaders =
  | HeadersLike
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/**
 * What {@link parseOssError} needs to know about a response.
 *
 * @example
 * const input: OssResponseLike = { status: 404, headers: res.headers, body: await res.text(), method: 'GET', url };
 */
export interface OssResponseLike {
  /** The HTTP status code. */
  status: number;
  /** The response headers, any letter case. */
  headers?: OssResponseHeaders | null | undefined;
  /**
   * The response body, or a prefix of it: text, or bytes (UTF-8) as an ArrayBuffer, a SharedArrayBuffer or
   * any view of one (Uint8Array, Buffer, DataView, other typed arrays), from any realm (iframe, worker, `vm`).
   * Only the first {@link MAX_BODY_BYTES} are read.
   */
  body?: string | ArrayBufferView | ArrayBuffer | SharedArrayBuffer | null | undefined;
  /** The request method, when known. */
  method?: string | undefined;
  /** The request URL, when known. Signatures, tokens and access key ids are masked before it is kept. */
  url?: string | undefined;
}

/**
 * A failed OSS response, normalised. Plain, JSON-safe, read-only in its type (not frozen at run time,
 * so that loggers such as pino can tag it); holds no secrets.
 *
 * @example
 * if (details.code === 'NoSuchKey') console.log(`missing: ${details.fields.Key}, quote ${details.requestId}`);
 */
export interface OssErrorDetails {
  /** The HTTP status. */
  readonly status: number;
  /** The OSS error code, e.g. `NoSuchKey`; when OSS sent none, a name derived from the status, e.g. `NotFound`. */
  readonly code: string;
  /** The OSS message, trimmed; when OSS sent none, a plain sentence derived from the status. */
  readonly message: string;
  /** The request id to quote to Alibaba Cloud support: the body's `RequestId`, else `x-oss-request-id`. */
  readonly requestId?: string;
  /** The body's `HostId`: the host that answered. */
  readonly hostId?: string;
  /** The fine-grained error code (`NNNN-NNNNNNNN`), body `EC` else header `x-oss-ec`. For diagnosis only. */
  readonly ec?: string;
  /** The body's `RecommendDoc`, else the troubleshooting link built from `ec`. */
  readonly recommendDoc?: string;
  /** Every other child of `<Error>` by element name, text trimmed, secrets masked, e.g. `{ Key: 'a.txt' }`. */
  readonly fields: Readonly<Record<string, string>>;
  /** Where `code` came from. */
  readonly source: OssErrorSource;
  /** `server` for 5xx, else `client`. */
  readonly fault: OssErrorFault;
  /** Whether sending the same request again can succeed (the OSS SDK v2 rule; never decided by `ec`). */
  readonly retryable: boolean;
  /** The request method, upper case, when known. */
  readonly method?: string;
  /** The request URL with credentials and signatures masked, when known. */
  readonly url?: string;
  /** On `RequestTimeTooSkewed`: the server's time (ISO 8601), from the body's `ServerTime` or the `Date` header. */
  readonly serverTime?: string;
  /** On `RequestTimeTooSkewed`: the request's time minus the server's, in ms (positive: the client clock is ahead). */
  readonly clockSkewMs?: number;
  /** On `PositionNotEqualToLength`: the position to append at next, from `x-oss-next-append-position`. */
  readonly nextAppendPosition?: number;
  /**
   * One sentence in our words on what to check or do next, for the codes people meet most; from the code,
   * status, message and fields, never from the EC. Always set in Node where we have one; a browser build adds
   * it after `import '@oss-errors/core/hints'`.
   */
  readonly hint?: string;
}
