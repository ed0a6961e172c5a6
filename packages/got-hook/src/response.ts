import { type OssErrorDetails, parseOssError } from '@oss-errors/core';

/** The parts of got's response we read. Every one is checked before use: nothing here trusts got's types. */
interface GotResponseParts {
  readonly statusCode?: unknown;
  readonly statusMessage?: unknown;
  readonly headers?: unknown;
  readonly rawBody?: unknown;
  readonly body?: unknown;
  readonly url?: unknown;
  readonly request?: { readonly options?: { readonly method?: unknown; readonly throwHttpErrors?: unknown } };
}

/** Details we attached, by response: `err.oss` and `err.response.oss` are then the same object. */
const parsed = new WeakMap<object, OssErrorDetails>();

/** The HTTP status of a got response, or undefined when `value` is not one. */
export function statusOf(value: unknown): number | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const status = (value as GotResponseParts).statusCode;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

/** The request method got sent, upper case, when the response still knows it. */
export function methodOf(response: object): string | undefined {
  const method = (response as GotResponseParts).request?.options?.method;
  return typeof method === 'string' ? method.toUpperCase() : undefined;
}

/** got's `throwHttpErrors` for the request of `response` (got's default is true). */
export function throwsHttpErrors(response: object): boolean {
  return (response as GotResponseParts).request?.options?.throwHttpErrors !== false;
}

/** The reason phrase got reported, e.g. `Non-Authoritative Information`. */
export function statusMessageOf(response: object): string | undefined {
  const message = (response as GotResponseParts).statusMessage;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

// got buffers the whole body before any hook runs (promise mode before afterResponse, stream mode before
// beforeError), decompressed: rawBody is a Buffer up to got 14 and a Uint8Array from got 15. `body` is the
// fallback for a response whose rawBody is gone; we only hand the parser the first `maxBodyBytes`.
function bodyOf(response: GotResponseParts, maxBodyBytes: number): string | Uint8Array | undefined {
  for (const candidate of [response.rawBody, response.body]) {
    if (candidate instanceof Uint8Array) return candidate.subarray(0, maxBodyBytes);
    if (typeof candidate === 'string') return candidate.slice(0, maxBodyBytes);
  }
  return undefined;
}

/**
 * The OSS details of a got response: the ones already attached to it, else parsed from its status,
 * headers, buffered body, method and URL (the parser masks the URL). Never throws.
 */
export function ossDetailsOf(response: object, maxBodyBytes: number): OssErrorDetails | undefined {
  try {
    const known = parsed.get(response);
    if (known !== undefined) return known;
    const parts = response as GotResponseParts;
    const status = statusOf(response);
    if (status === undefined) return undefined;
    const headers = parts.headers !== null && typeof parts.headers === 'object' ? parts.headers : undefined;
    return parseOssError({
      status,
      headers: headers as Record<string, string | string[] | undefined> | undefined,
      body: bodyOf(parts, maxBodyBytes),
      method: methodOf(response),
      url: typeof parts.url === 'string' ? parts.url : undefined,
    });
  } catch {
    return undefined;
  }
}

/**
 * Sets `response.oss`, once: a response that already has an `oss` (from another copy of this package)
 * keeps it. Never throws; a response that cannot take the property is left as it is.
 */
export function attachToResponse(response: object, details: OssErrorDetails): void {
  try {
    if (parsed.has(response) || Object.hasOwn(response, 'oss')) return;
    Object.defineProperty(response, 'oss', {
      value: details,
      enumerable: true,
      configurable: true,
      writable: false,
    });
    parsed.set(response, details);
  } catch {
    // A frozen or exotic response: callers still get `err.oss`.
  }
}
