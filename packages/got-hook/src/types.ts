import type { OssErrorDetails } from '@oss-errors/core';

// The hook types are generic over got's own response and error types instead of importing them from
// 'got': got 12–16 each declare their own Response and RequestError (classes with private members, so
// two got copies' types never match), and a generic hook fits whichever copy the application uses.

/**
 * The `afterResponse` hook made by {@link ossAfterResponse}: it hands back the response it was given
 * (with `response.oss` set on an OSS error), so it fits any got version's `hooks.afterResponse`.
 *
 * @example
 * const hook: OssAfterResponseHook = ossAfterResponse();
 * const client = got.extend({ hooks: { afterResponse: [hook] } });
 */
export type OssAfterResponseHook = <Response extends { readonly statusCode: number }>(
  response: Response,
) => Response;

/**
 * The `beforeError` hook made by {@link ossBeforeError}: it returns the very error got passed in,
 * enriched when it is an OSS error, so it fits any got version's `hooks.beforeError`.
 *
 * @example
 * const hook: OssBeforeErrorHook = ossBeforeError();
 * const client = got.extend({ hooks: { beforeError: [hook] } });
 */
export type OssBeforeErrorHook = <GotError extends Error>(error: GotError) => GotError;

/**
 * What {@link ossErrors} returns: a `hooks` object for `got.extend` or a request's options.
 * The arrays are fresh on every call, so got's hook merging never shares them between clients.
 *
 * @example
 * const hooks: OssErrorsHooks = ossErrors();
 * const client = got.extend({ hooks });
 */
export interface OssErrorsHooks {
  afterResponse: OssAfterResponseHook[];
  beforeError: OssBeforeErrorHook[];
}

/**
 * How got's response looks to TypeScript once the hooks have run: `response.oss` is set on a failed
 * OSS response (promise mode from `afterResponse`, both modes once `beforeError` ran). got's own
 * `Response` type cannot be augmented, so cast to this where you read it.
 *
 * @example
 * calculateDelay: ({ error, computedValue }) =>
 *   (error.response as WithOss | undefined)?.oss?.retryable === false ? 0 : computedValue,
 */
export interface WithOss {
  readonly oss?: OssErrorDetails;
}
