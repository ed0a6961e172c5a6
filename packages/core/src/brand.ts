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
