import { isOssError, type OssErrorDetails } from '@oss-errors/core';
import { appendOssDescription, brandOssError } from '@oss-errors/core/adapter';
import { statusMessageOf } from './response';

// got resolves a 203: it is a 2xx. To reject it in promise mode without importing got at runtime, our
// afterResponse throws this error; got catches what an afterResponse hook throws and wraps it in a
// RequestError of its own (message copied, this error as `cause`, `code` copied, `response` attached),
// runs its retry logic (a 203 is never retried) and then the beforeError hooks, where ours recognises the
// cause and brands got's RequestError. So the rejection is an error got created, as for any HTTPError.
// got before 14.2.0 keeps no `cause`: its RequestError copies only the message and the code. There the
// response it carries is the very object our afterResponse saw, so the details are found by the response.

/** The `code` got copies from our thrown error onto its RequestError. */
export const CALLBACK_FAILED_CODE = 'ERR_OSS_CALLBACK_FAILED';

/** The details of each 203 response our afterResponse rejected, for gots that drop the `cause`. */
const rejected = new WeakMap<object, OssErrorDetails>();

/** True for an OSS CallbackFailed answer: a 203 whose error document says `CallbackFailed`. */
export function isCallbackFailed(details: OssErrorDetails): boolean {
  return details.status === 203 && details.code === 'CallbackFailed';
}

/**
 * The error our afterResponse throws for a 203 CallbackFailed. Its message is final (got copies it into
 * its RequestError): got's usual words, the masked URL, then the OSS facts, which say that the object WAS
 * stored.
 */
export function callbackFailedError(response: object, details: OssErrorDetails): Error {
  const reason = statusMessageOf(response) ?? 'Non-Authoritative Information';
  const target = [details.method, details.url].filter((part) => part !== undefined).join(' ');
  const words = `Upload callback failed with status code 203 (${reason})${target === '' ? '' : `: ${target}`}`;
  const error = new Error(appendOssDescription(words, details));
  error.name = 'OssCallbackFailedError';
  Object.defineProperty(error, 'code', { value: CALLBACK_FAILED_CODE, enumerable: true, configurable: true });
  brandOssError(error, details);
  rejected.set(response, details);
  return error;
}

/** The details carried by the RequestError got made from {@link callbackFailedError}, if `error` is one. */
export function callbackFailedDetails(error: Error, status: number): OssErrorDetails | undefined {
  if (status !== 203 || (error as { code?: unknown }).code !== CALLBACK_FAILED_CODE) return undefined;
  const cause: unknown = error.cause;
  const response: unknown = (error as { response?: unknown }).response;
  let details: OssErrorDetails | undefined;
  if (isOssError(cause)) details = cause.oss;
  else if (response !== null && typeof response === 'object') details = rejected.get(response);
  return details !== undefined && isCallbackFailed(details) ? details : undefined;
}
