import { isOssError } from '@oss-errors/core';
import {
  appendOssDescription,
  brandOssError,
  type OssErrorsOptions,
  type ResolvedOssErrorsOptions,
  resolveOptions,
  warnOnce,
} from '@oss-errors/core/adapter';
import { callbackFailedDetails, isCallbackFailed } from './callback-failed';
import { makeLogSafe } from './log-safe';
import { attachToResponse, ossDetailsOf, statusOf } from './response';
import type { OssBeforeErrorHook } from './types';

// got's errors are recognised by their stable code or name, never by `instanceof`, which fails for every
// got copy but the one we would import.

/** got's HTTPError: a status got treats as a failure. */
function isHttpError(error: Error): boolean {
  return (error as { code?: unknown }).code === 'ERR_NON_2XX_3XX_RESPONSE' || error.name === 'HTTPError';
}

/** got's ParseError: with `responseType: 'json'`, got rejects a 203 CallbackFailed's XML body before any afterResponse hook runs. */
function isParseError(error: Error): boolean {
  return (error as { code?: unknown }).code === 'ERR_BODY_PARSE_FAILURE' || error.name === 'ParseError';
}

/** Enriches got's error in place when it is an OSS error; may throw (the hook catches). */
function enrich(error: Error, settings: ResolvedOssErrorsOptions): void {
  // Already enriched: our hook installed twice, or another copy of this package ran first.
  if (isOssError(error)) return;
  const response: unknown = (error as { response?: unknown }).response;
  const status = statusOf(response);
  if (status === undefined) return;

  // A 203 CallbackFailed: got's RequestError already has our final message (see callback-failed.ts).
  const callbackDetails = callbackFailedDetails(error, status);
  if (callbackDetails !== undefined) {
    if (!brandOssError(error, callbackDetails)) return;
    makeLogSafe(error, callbackDetails, undefined, false);
    attachToResponse(response as object, callbackDetails);
    return;
  }

  // Timeouts, read errors and cancels keep got's error as it is, even when a response had arrived; so
  // does a ParseError of any 2xx but a 203 CallbackFailed (a 200 body is the user's object).
  const unparsable203 = status === 203 && isParseError(error);
  if (!isHttpError(error) && !unparsable203) return;
  const details = ossDetailsOf(response as object, settings.maxBodyBytes);
  if (details === undefined || (unparsable203 && !isCallbackFailed(details))) return;

  const before = String(error.message);
  const rewrite = settings.rewriteMessage
    ? { before, after: appendOssDescription(before, details) }
    : undefined;
  if (!brandOssError(error, details)) return;
  attachToResponse(response as object, details);
  // The message changes before anything reads the stack: got never reads an HTTPError's stack, so V8
  // formats it (lazily, when someone looks) with the new message. got formatted a ParseError's itself.
  if (rewrite !== undefined) error.message = rewrite.after;
  makeLogSafe(error, details, rewrite, !isHttpError(error));
}

/**
 * The `beforeError` hook (promise and stream mode). When got's `HTTPError` comes from an OSS error
 * response (body, `x-oss-err` or `x-oss-request-id`), it enriches that same object: `err.oss`, a one-line
 * message that keeps got's words (URL masked) and adds code, message, request id and EC, the same text in
 * the stack's first line, and a log-safe `toJSON()`. It also brands the `RequestError` got makes for a
 * 203 CallbackFailed rejected by {@link ossAfterResponse}. Every other error is returned untouched, and
 * running it twice on one error changes nothing.
 *
 * got reads the whole error body before it calls this hook, in both modes; a never-ending body is bounded
 * by got's own `timeout` option (e.g. `timeout: { read: 5000 }`), after which the details come from the
 * headers.
 *
 * @example
 * const client = got.extend({
 *   hooks: { afterResponse: [ossAfterResponse()], beforeError: [ossBeforeError(), logErrorHook] },
 * });
 */
export function ossBeforeError(options: OssErrorsOptions = {}): OssBeforeErrorHook {
  const settings = resolveOptions(options);
  const warnMisplaced = warnOnce(settings.warn);
  return <GotError extends Error>(error: GotError): GotError => {
    if (error === null || typeof error !== 'object' || typeof error.message !== 'string') {
      warnMisplaced(
        '@oss-errors/got-hook: ossBeforeError() was given something that is not an error; ' +
          'it belongs in hooks.beforeError (got.extend({ hooks: ossErrors() }) puts it there).',
      );
      return error;
    }
    try {
      enrich(error, settings);
    } catch {
      // Never fail got's error path: the error stays as got made it.
    }
    return error;
  };
}
