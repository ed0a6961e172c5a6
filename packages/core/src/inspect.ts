import { isOssError } from './brand';
import { logSafeStack } from './log-safe';
import { maskJson, maskSecrets } from './secrets';
import type { OssErrorDetails } from './types';

// What Node's util.inspect (console.log, console.error) prints of an enriched error or an OssError. Only
// Node calls these hooks: the browser build has inspect.browser.ts in this module's place.

/** Node's util.inspect hook. `Symbol.for`, so no `node:util` import. */
const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** What Node passes to an inspect hook as its options (only what we read). */
interface InspectOptionsLike {
  readonly depth?: number | null;
}

type InspectFunction = (value: unknown, options?: object) => string;

/**
 * What util.inspect prints for a log-safe error: its masked stack (name, message, frames), then `view` as
 * Node prints an error's own fields. For an inspect hook written as a class method; see
 * {@link defineLogSafeInspect}. Called without Node's `inspect` (by another tool), it returns `view` with
 * the name and masked message.
 *
 * @example
 * class MyError extends Error {
 *   [Symbol.for('nodejs.util.inspect.custom')](depth: number, options: object, inspect: unknown): unknown {
 *     return inspectLogSafe(this, { oss: this.oss }, depth, options, inspect);
 *   }
 * }
 */
export function inspectLogSafe(
  error: object,
  view: Record<string, unknown>,
  depth: unknown,
  options: unknown,
  inspect: unknown,
): unknown {
  const { name, message } = error as { name?: unknown; message?: unknown };
  const safeName = String(name ?? 'Error');
  const safeMessage = maskSecrets(String(message ?? ''));
  if (typeof inspect !== 'function' || options === null || typeof options !== 'object') {
    return { name: safeName, message: safeMessage, ...view };
  }
  const title = `${safeName}: ${safeMessage}`;
  if (typeof depth === 'number' && depth < 0) return `[${title}]`;
  const stack = logSafeStack(error);
  const head =
    stack === undefined
      ? title
      : safeMessage === '' || stack.includes(safeMessage)
        ? stack
        : `${title}\n${stack}`;
  // `depth` is what is left at the error's level: its fields print as Node prints an error's own.
  const fields = (inspect as InspectFunction)(view, { ...(options as InspectOptionsLike), depth });
  return `${head} ${fields}`;
}

/** What an adapter's inspect view leaves out, and where it says the raw objects are. */
export interface LogSafeView {
  /** Own fields not to show: the client's raw objects, and fields the view shows its own way. */
  readonly omit: readonly string[];
  /** Where the unmasked objects are, e.g. `'err.config, err.request, err.response (unmasked, not printed)'`. */
  readonly raw: string;
}

// Shown by the stack, by the view itself, or not at all (axios's brand).
const ALWAYS_OMITTED = ['name', 'message', 'stack', 'code', 'status', 'oss', 'isAxiosError', 'cause'];

/** The fields util.inspect shows after the stack: what a person needs to debug, nothing raw. */
function inspectFields(error: object, details: OssErrorDetails, view: LogSafeView): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) fields.code = code;
  fields.status = details.status;
  if (details.url !== undefined) fields.request = `${details.method ?? ''} ${details.url}`.trimStart();
  fields.oss = details;
  // Anything else someone put on the error (a retry count, a logger's level), masked.
  for (const key of Object.keys(error)) {
    if (!ALWAYS_OMITTED.includes(key) && !view.omit.includes(key)) {
      fields[key] = maskJson((error as Record<string, unknown>)[key]);
    }
  }
  fields.raw = view.raw;
  return fields;
}

/**
 * Gives an enriched error a Node inspect hook (non-enumerable, under
 * `Symbol.for('nodejs.util.inspect.custom')`), so `console.log(err)`, `console.error(err)` and
 * `util.inspect(err)` print its masked stack, then `code`, `status`, the masked request line, `oss`, any
 * other own field masked, and where the raw objects are, instead of the client's raw fields.
 *
 * @example
 * defineLogSafeInspect(err, err.oss, { omit: ['config', 'request', 'response'], raw: 'err.config, … (unmasked, not printed)' });
 * console.error(err); // AxiosError: … \n    at … { code: 'ERR_BAD_REQUEST', status: 403, request: 'GET https://…?Signature=****', oss: {…}, raw: '…' }
 */
export function defineLogSafeInspect(error: object, details: OssErrorDetails, view: LogSafeView): void {
  Object.defineProperty(error, INSPECT, {
    value: function logSafeInspect(depth: unknown, options: unknown, inspect: unknown): unknown {
      return inspectLogSafe(error, inspectFields(error, details, view), depth, options, inspect);
    },
    enumerable: false,
    configurable: true,
    writable: true,
  });
}

/** One masked line for a cause that may hold credentials: `Name: message`. */
function describeCause(cause: unknown): string {
  if (cause === null || typeof cause !== 'object') return maskSecrets(String(cause));
  const { name, message } = cause as { name?: unknown; message?: unknown };
  return maskSecrets(`${String(name ?? 'Error')}: ${String(message ?? '')}`);
}

/**
 * Gives OssError's prototype what Node's util.inspect and console.log print for an OssError: the stack,
 * `oss`, and the cause as one masked line (a client error holds the request's credentials; an enriched one
 * prints itself log-safe). Non-enumerable, out of the public type.
 *
 * @example
 * defineOssErrorInspect(OssError.prototype);
 */
export function defineOssErrorInspect(prototype: object): void {
  Object.defineProperty(prototype, INSPECT, {
    value: function inspectOssError(
      this: { readonly oss?: unknown; readonly cause?: unknown },
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
}
