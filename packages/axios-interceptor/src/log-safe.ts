import type { OssErrorDetails } from '@oss-errors/core';
import {
  defineLogSafeToJSON,
  hideFields,
  logSafeStack,
  maskJson,
  rewriteLogSafeStack,
} from '@oss-errors/core/adapter';
import { defineInspectView } from './inspect-view';
import { type AxiosErrorLike, isAxiosErrorLike, RAW_FIELDS } from './shapes';

// An enriched AxiosError is safe to print and log in every usual way, while code that reads axios's own
// objects (err.config for axios-retry, err.request, err.response) sees them exactly as before.

/** The keys the user asked axios (1.21+) to redact in its `toJSON()`: we honour them too. */
function redactedNames(config: unknown): string[] {
  const redact =
    config !== null && typeof config === 'object' ? (config as { redact?: unknown }).redact : undefined;
  return Array.isArray(redact) ? redact.map(String) : [];
}

/** axios's `toJSON()`, every value masked: the config from axios's own object, the stack log-safe, plus `oss`. */
function logSafeJson(error: AxiosErrorLike, axiosToJson: unknown, details: OssErrorDetails): unknown {
  let json: unknown;
  try {
    json = typeof axiosToJson === 'function' ? axiosToJson.call(error) : undefined;
  } catch {
    json = undefined;
  }
  const fields =
    json !== null && typeof json === 'object'
      ? (json as Record<string, unknown>)
      : { message: error.message, stack: undefined, config: undefined };
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'stack') safe.stack = logSafeStack(error);
    else if (key === 'config') safe.config = maskJson(error.config, redactedNames(error.config));
    else safe[key] = maskJson(value);
  }
  safe.oss = details;
  return safe;
}

/**
 * Makes an enriched AxiosError log-safe: `config`, `request`, `response` and `cause` non-enumerable (still
 * there for code that reads them), a masked `toJSON()` that carries `oss`, a Node inspect view, and a
 * stack that shows the rewritten message (`rewrite`), masked. A cause that is itself an AxiosError (axios
 * 1.7's fetch adapter wraps the error settle made, config and all, in an enumerable `cause`) gets the same
 * treatment.
 */
export function makeLogSafe(
  error: AxiosErrorLike,
  details: OssErrorDetails,
  rewrite: { readonly before: string; readonly after: string } | undefined,
): void {
  const axiosToJson = error.toJSON;
  const cause: unknown = (error as { cause?: unknown }).cause;
  hideFields(error, [...RAW_FIELDS, 'cause']);
  if (cause !== error && isAxiosErrorLike(cause)) makeLogSafe(cause, details, undefined);
  defineLogSafeToJSON(error, () => logSafeJson(error, axiosToJson, details));
  defineInspectView(error, details);
  // axios's Axios#request reads err.stack right after the interceptors to append the caller's frames, so
  // reading it here where the engine gives no lazier way (Node 20) formats it no more often.
  if (rewrite !== undefined) rewriteLogSafeStack(error, rewrite.before, rewrite.after);
}
