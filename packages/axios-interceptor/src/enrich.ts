import { isOssError, type OssErrorDetails, parseOssError } from '@oss-errors/core';
import { appendOssDescription, brandOssError, type ResolvedOssErrorsOptions } from '@oss-errors/core/adapter';
import { AxiosError } from 'axios';
import { makeLogSafe } from './log-safe';
import { type ErrorBody, readErrorBody } from './read-body';
import { requestMethod, requestUrl } from './request-url';
import {
  type AxiosErrorLike,
  isAxiosErrorLike,
  isAxiosResponse,
  mayCarryOssError,
  type ResponseLike,
  setResponseOss,
} from './shapes';

/** What may be a promise: the body is read without one when axios already holds it as text. */
type MaybePromise<T> = T | Promise<T>;

function detailsOf(response: ResponseLike, body: ErrorBody): OssErrorDetails | undefined {
  const config = response.config;
  return parseOssError({
    status: response.status,
    headers: response.headers as Parameters<typeof parseOssError>[0]['headers'],
    body,
    method: requestMethod(config),
    url: requestUrl(config),
  });
}

/**
 * Reads the response's body (bounded) and headers; undefined when nothing says OSS sent an error. A body
 * axios holds as a string (its default for an XML error) is read at once, with no promise in between:
 * this runs on every failed request.
 */
export function readDetails(
  response: ResponseLike,
  settings: ResolvedOssErrorsOptions,
): MaybePromise<OssErrorDetails | undefined> {
  const data = response.data;
  if (data === undefined || data === null || typeof data === 'string') {
    return detailsOf(response, data ?? undefined);
  }
  return readErrorBody(response, settings).then((body) => detailsOf(response, body));
}

/** Brands the error with `oss`, rewrites its message (optionally) and makes it log-safe. False if already done. */
function attach(
  error: AxiosErrorLike,
  details: OssErrorDetails,
  settings: ResolvedOssErrorsOptions,
): boolean {
  if (!brandOssError(error, details)) return false;
  let rewrite: { before: string; after: string } | undefined;
  if (settings.rewriteMessage) {
    rewrite = { before: error.message, after: appendOssDescription(error.message, details) };
    error.message = rewrite.after;
  }
  makeLogSafe(error, details, rewrite);
  return true;
}

/**
 * The OSS details of an error's response, read as the interceptor reads them: undefined when there is no
 * axios response, when its status carries no OSS error (a 2xx other than 203) or nothing says OSS sent one.
 */
export function responseDetails(
  error: object,
  settings: ResolvedOssErrorsOptions,
): MaybePromise<OssErrorDetails | undefined> {
  const response = (error as { response?: unknown }).response;
  if (!isAxiosResponse(response) || !mayCarryOssError(response.status)) return undefined;
  return readDetails(response, settings);
}

/**
 * Enriches an AxiosError in place when its response is an OSS error. Errors without a response (network,
 * timeout, cancel), responses with no OSS evidence, other 2xx responses and errors already enriched are
 * left as they are. May throw on a hostile object: the caller rethrows the original error either way.
 */
export function enrichAxiosError(error: unknown, settings: ResolvedOssErrorsOptions): MaybePromise<void> {
  if (!isAxiosErrorLike(error) || isOssError(error)) return;
  const details = responseDetails(error, settings);
  if (!(details instanceof Promise)) {
    if (details !== undefined) attach(error, details, settings);
    return;
  }
  return details.then((read) => {
    if (read !== undefined) attach(error, read, settings);
  });
}

const CALLBACK_FAILED_MESSAGE = 'Request failed with status code 203';

/**
 * A resolved 203 whose body is an OSS `<Error>` (CallbackFailed: the object WAS stored, the upload
 * callback failed): returns the AxiosError to reject with, or undefined to resolve (any other 203, or
 * `rejectCallbackFailed: false`, which sets `response.oss` instead). Only 203 bodies are ever read here.
 */
export async function checkCallbackFailed(
  response: ResponseLike,
  settings: ResolvedOssErrorsOptions,
): Promise<AxiosError | undefined> {
  if (response.status !== 203 || Object.hasOwn(response, 'oss')) return undefined;
  const details = await readDetails(response, settings);
  if (details === undefined) return undefined;
  if (!settings.rejectCallbackFailed) {
    setResponseOss(response, details);
    return undefined;
  }
  // axios made no error for a 2xx, so this is the one place we build one: what settle() would have.
  const error = new AxiosError(
    CALLBACK_FAILED_MESSAGE,
    AxiosError.ERR_BAD_RESPONSE,
    response.config as ConstructorParameters<typeof AxiosError>[2],
    response.request,
    response as ConstructorParameters<typeof AxiosError>[4],
  );
  attach(error as AxiosErrorLike, details, settings);
  return error;
}
