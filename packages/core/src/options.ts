import { MAX_BODY_BYTES } from './limits';

/**
 * Options shared by the axios and got adapters. Every option is optional.
 *
 * @example
 * axios.interceptors.response.use(...ossErrors({ bodyTimeoutMs: 1000, warn: false }));
 */
export interface OssErrorsOptions {
  /**
   * The most bytes of an error body to read when the client hands it over as a stream. The rest is left
   * in place for the caller.
   * @default 65536
   */
  maxBodyBytes?: number;
  /**
   * How long to wait, in milliseconds, for a streamed error body before deciding from the headers alone.
   * @default 3000
   */
  bodyTimeoutMs?: number;
  /**
   * Whether to append the OSS code, message, request id and EC to the client error's message.
   * `err.oss` is set either way.
   * @default true
   */
  rewriteMessage?: boolean;
  /**
   * Whether a 203 with an OSS `CallbackFailed` document rejects. The object WAS stored; only the upload
   * callback failed. With `false` the response resolves and carries `response.oss`.
   * @default true
   */
  rejectCallbackFailed?: boolean;
  /**
   * Where warnings go (at most one per installed handler), or `false` for nowhere.
   * @default console.warn
   */
  warn?: ((message: string) => void) | false;
}

/**
 * {@link OssErrorsOptions} with every default filled in.
 *
 * @example
 * const { maxBodyBytes, bodyTimeoutMs }: ResolvedOssErrorsOptions = resolveOptions({ bodyTimeoutMs: 500 });
 */
export interface ResolvedOssErrorsOptions {
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  readonly rewriteMessage: boolean;
  readonly rejectCallbackFailed: boolean;
  readonly warn: (message: string) => void;
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Fills in the defaults; out-of-range numbers fall back to them.
 *
 * @example
 * resolveOptions({ maxBodyBytes: -1 }).maxBodyBytes; // 65536
 */
export function resolveOptions(options: OssErrorsOptions = {}): ResolvedOssErrorsOptions {
  const warn = options.warn;
  return {
    maxBodyBytes: Math.floor(positive(options.maxBodyBytes, MAX_BODY_BYTES)),
    bodyTimeoutMs: positive(options.bodyTimeoutMs, 3000),
    rewriteMessage: options.rewriteMessage ?? true,
    rejectCallbackFailed: options.rejectCallbackFailed ?? true,
    warn: warn === false ? () => {} : (warn ?? ((message: string) => console.warn(message))),
  };
}

/**
 * Wraps a `warn` so it reports at most once and never throws: a misplaced handler would otherwise warn on
 * every request, and a throwing logger must not turn a request into a failure.
 *
 * @example
 * const warnMisplaced = warnOnce(resolveOptions(options).warn);
 * warnMisplaced('installed in the wrong place'); // printed
 * warnMisplaced('installed in the wrong place'); // not again
 */
export function warnOnce(warn: (message: string) => void): (message: string) => void {
  let warned = false;
  return (message) => {
    if (warned) return;
    warned = true;
    try {
      warn(message);
    } catch {
      // A throwing logger must not fail the request.
    }
  };
}
