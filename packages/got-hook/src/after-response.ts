import { type OssErrorsOptions, resolveOptions, warnOnce } from '@oss-errors/core/adapter';
import { callbackFailedError, isCallbackFailed } from './callback-failed';
import { attachToResponse, ossDetailsOf, statusOf, throwsHttpErrors } from './response';
import type { OssAfterResponseHook } from './types';

/**
 * The `afterResponse` hook (promise mode; got runs no `afterResponse` hook for `got.stream`).
 *
 * - 4xx/5xx: sets `response.oss` from the body got buffered and the headers, and returns the response
 *   unchanged. It never throws for an error status, so got's retry (and your `calculateDelay` /
 *   `beforeRetry`, which can read `error.response.oss`) works as before.
 * - 203 with a `CallbackFailed` document (the object WAS stored, the upload callback failed): rejects
 *   with a got `RequestError` carrying `oss` (needs {@link ossBeforeError} too), unless
 *   `rejectCallbackFailed: false` or got's `throwHttpErrors: false`; then it resolves with `response.oss`.
 * - Any other status (2xx, 304, 3xx): returned at once; the body is never read.
 *
 * Prefer {@link ossErrors}, which installs this and {@link ossBeforeError} together.
 *
 * @example
 * const client = got.extend({
 *   hooks: { afterResponse: [ossAfterResponse(), refreshTokenHook], beforeError: [ossBeforeError()] },
 * });
 */
export function ossAfterResponse(options: OssErrorsOptions = {}): OssAfterResponseHook {
  const { maxBodyBytes, rejectCallbackFailed, warn } = resolveOptions(options);
  const warnMisplaced = warnOnce(warn);
  return <Response extends { readonly statusCode: number }>(response: Response): Response => {
    const status = statusOf(response);
    if (status === undefined) {
      warnMisplaced(
        '@oss-errors/got-hook: ossAfterResponse() was given something that is not a got response; ' +
          'it belongs in hooks.afterResponse (got.extend({ hooks: ossErrors() }) puts it there).',
      );
      return response;
    }
    if (status < 400 && status !== 203) return response;
    const details = ossDetailsOf(response, maxBodyBytes);
    // A 203 is a success unless OSS says CallbackFailed.
    if (details === undefined || (status === 203 && !isCallbackFailed(details))) return response;
    attachToResponse(response, details);
    if (status === 203 && rejectCallbackFailed && throwsHttpErrors(response)) {
      // Deliberate: got turns this into its own RequestError (see callback-failed.ts).
      throw callbackFailedError(response, details);
    }
    return response;
  };
}
