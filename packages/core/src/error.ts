import { inspectLogSafe } from './log-safe';
import { describeOssError } from './message';
import { maskSecrets } from './secrets';
import type { OssErrorDetails } from './types';

/**
 * The brand that {@link isOssError} looks for. `Symbol.for` puts it in the global registry, so it is the
 * same symbol in every copy of this package (two versions installed side by side, CJS and ESM, iframes).
 */
const OSS_ERROR_BRAND: unique symbol = Symbol.for('@oss-errors/core.OssError') as never;

function isDetails(value: unknown): value is OssErrorDetails {
  if (value === null || typeof value !== 'object') return false;
  const details = value as Partial<Record<keyof OssErrorDetails, unknown>>;
  return (
    typeof details.status === 'number' &&
    typeof details.code === 'string' &&
    typeof details.message === 'string'
  );
}

/**
 * Attaches `details` to an error as `error.oss` and brands it for {@link isOssError}. Used by the adapters
 * to enrich the client's own error object. Returns false, changing nothing, if the error already has them.
 *
 * @example
 * const details = parseOssError({ status: err.response.status, headers: err.response.headers, body });
 * if (details) brandOssError(err, details); // err.oss === details, isOssError(err) === true
 */
export function brandOssError(error: object, details: OssErrorDetails): boolean {
  if ((error as Record<symbol, unknown>)[OSS_ERROR_BRAND] === true) return false;
  Object.defineProperty(error, 'oss', {
    value: details,
    enumerable: true,
    configurable: true,
    writable: false,
  });
  Object.defineProperty(error, OSS_ERROR_BRAND, { value: true, enumerable: false, configurable: true });
  return true;
}

/**
 * True for an error that carries OSS details: an {@link OssError}, or an axios or got error enriched by
 * an adapter, from any copy of this package. False for look-alikes that merely share the name or shape.
 *
 * @example
 * try { await axios.get(url); } catch (err) {
 *   if (isOssError(err)) console.log(err.oss.code, err.oss.requestId);
 * }
 */
export function isOssError(value: unknown): value is Error & { readonly oss: OssErrorDetails } {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as { [OSS_ERROR_BRAND]?: unknown; oss?: unknown; message?: unknown };
  return (
    candidate[OSS_ERROR_BRAND] === true && typeof candidate.message === 'string' && isDetails(candidate.oss)
  );
}

/**
 * What `JSON.stringify` prints for an {@link OssError}: no cause, no stack, nothing secret.
 *
 * @example
 * const logged: OssErrorJSON = new OssError(details).toJSON(); // { name: 'OssError', message, oss }
 */
export interface OssErrorJSON {
  readonly name: 'OssError';
  readonly message: string;
  readonly oss: OssErrorDetails;
}

/**
 * An error built from OSS details, for callers that have no client error to enrich (fetch, a custom
 * transport). Its message is one line: code, OSS message, status, request id and EC.
 *
 * @example
 * const details = parseOssError({ status: res.status, headers: res.headers, body: await res.text() });
 * if (details) throw new OssError(details);
 * // OssError: NoSuchKey: The specified key does not exist. (HTTP 404, request id 6556E3AE…, EC 0026-00000001)
 */
export class OssError extends Error {
  override readonly name: 'OssError' = 'OssError';
  /** The normalised, secret-free details of the failed response. */
  declare readonly oss: OssErrorDetails;

  constructor(details: OssErrorDetails, options?: { cause?: unknown }) {
    super(
      describeOssError(details, true),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    brandOssError(this, details);
  }

  /** A log-safe copy: name, message and details; never the cause, whose contents are not ours to vouch for. */
  toJSON(): OssErrorJSON {
    return { name: this.name, message: this.message, oss: this.oss };
  }
}

/** One masked line for a cause that may hold credentials: `Name: message`. */
function describeCause(cause: unknown): string {
  if (cause === null || typeof cause !== 'object') return maskSecrets(String(cause));
  const { name, message } = cause as { name?: unknown; message?: unknown };
  return maskSecrets(`${String(name ?? 'Error')}: ${String(message ?? '')}`);
}

// What Node's util.inspect and console.log print for an OssError: the stack, `oss`, and the cause as one
// masked line (a client error holds the request's credentials; an enriched one prints itself log-safe).
// On the prototype, non-enumerable, out of the public type.
Object.defineProperty(OssError.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value: function inspectOssError(
    this: OssError,
    depth: unknown,
    options: unknown,
    inspect: unknown,
  ): unknown {
    const view: Record<string, unknown> = { oss: this.oss };
    const cause: unknown = this.cause;
    if (cause !== undefined) view.cause = isOssError(cause) ? cause : describeCause(cause);
    return inspectLogSafe(this, view, depth, options, inspect);
  },
  enumerable: false,
  configurable: true,
  writable: true,
});
