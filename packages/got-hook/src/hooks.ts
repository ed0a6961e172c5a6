import type { OssErrorsOptions } from '@oss-errors/core/adapter';
import { ossAfterResponse } from './after-response';
import { ossBeforeError } from './before-error';
import type { OssErrorsHooks } from './types';

/**
 * Both hooks, ready for `got.extend({ hooks: ossErrors() })`. A failed OSS request then rejects with
 * got's own `HTTPError` carrying `err.oss`, a one-line signature-free message and a log-safe `toJSON()`;
 * `response.oss` is there for `calculateDelay` and `beforeRetry`. Extend with ours first, so hooks you
 * add later see `response.oss` and the enriched error.
 *
 * @example
 * import got from 'got';
 * import { isOssError, ossErrors } from '@oss-errors/got-hook';
 *
 * const client = got.extend({ hooks: ossErrors() });
 * try {
 *   await client(presignedUrl);
 * } catch (err) {
 *   if (isOssError(err)) console.log(err.oss.code, err.oss.requestId); // NoSuchKey 6556E3AED11E553933CCDEDF
 * }
 */
export function ossErrors(options: OssErrorsOptions = {}): OssErrorsHooks {
  return { afterResponse: [ossAfterResponse(options)], beforeError: [ossBeforeError(options)] };
}
