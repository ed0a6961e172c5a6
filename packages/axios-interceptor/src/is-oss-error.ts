import { isOssError as isBrandedOssError, type OssErrorDetails } from '@oss-errors/core';
import type { AxiosError, AxiosResponse } from 'axios';

/**
 * An AxiosError enriched by {@link ossErrors}: everything axios puts on its errors, plus `oss`.
 *
 * @example
 * function report(err: OssAxiosError): string {
 *   return `${err.response?.status} ${err.oss.code} (request id ${err.oss.requestId})`;
 * }
 */
export type OssAxiosError<T = unknown> = AxiosError<T> & { readonly oss: OssErrorDetails };

/**
 * A response that resolved although OSS sent an error, carrying `oss`: a non-2xx that the request's
 * `validateStatus` accepts, or a 203 CallbackFailed kept resolved with `rejectCallbackFailed: false`.
 *
 * @example
 * const res: OssAxiosResponse = await client.get(url, { validateStatus: () => true });
 * if (res.oss !== undefined) console.warn(res.oss.code, res.oss.requestId); // e.g. NoSuchKey on a 404
 */
export type OssAxiosResponse<T = unknown> = AxiosResponse<T> & { readonly oss?: OssErrorDetails };

/**
 * True for an AxiosError that {@link ossErrors} enriched with `oss` (from any copy of this package or of
 * axios), and narrows it to {@link OssAxiosError}. False for errors that are not OSS errors (network,
 * timeout, cancel, proxy pages) and for other errors carrying `oss` (use `@oss-errors/core`'s
 * `isOssError` to accept those too).
 *
 * @example
 * try {
 *   await client.get(url);
 * } catch (err) {
 *   if (isOssError(err)) console.log(err.oss.code, err.oss.requestId, err.response?.status);
 *   else throw err;
 * }
 */
export function isOssError(value: unknown): value is OssAxiosError {
  return isBrandedOssError(value) && (value as { isAxiosError?: unknown }).isAxiosError === true;
}
