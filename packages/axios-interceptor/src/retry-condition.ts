import { isOssError, type OssErrorDetails } from '@oss-errors/core';
import { type ResolvedOssErrorsOptions, resolveOptions } from '@oss-errors/core/adapter';
import { responseDetails } from './enrich';
import { isAxiosErrorLike } from './shapes';

/** What axios-retry's default condition reads of an AxiosError. */
interface RetryFacts {
  readonly code: unknown;
  readonly method: unknown;
  readonly response: { readonly status?: unknown } | undefined;
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

function factsOf(error: object): RetryFacts {
  const response = field(error, 'response');
  return {
    code: field(error, 'code'),
    method: field(field(error, 'config'), 'method'),
    response: response ? (response as { status?: unknown }) : undefined,
  };
}

// is-retry-allowed 2.2 (what axios-retry 4 asks): errors after which a request must not be sent again.
const RETRY_NOT_ALLOWED: ReadonlySet<unknown> = new Set(
  (
    'ENOTFOUND ENETUNREACH UNABLE_TO_GET_ISSUER_CERT UNABLE_TO_GET_CRL UNABLE_TO_DECRYPT_CERT_SIGNATURE ' +
    'UNABLE_TO_DECRYPT_CRL_SIGNATURE UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY CERT_SIGNATURE_FAILURE ' +
    'CRL_SIGNATURE_FAILURE CERT_NOT_YET_VALID CERT_HAS_EXPIRED CRL_NOT_YET_VALID CRL_HAS_EXPIRED ' +
    'ERROR_IN_CERT_NOT_BEFORE_FIELD ERROR_IN_CERT_NOT_AFTER_FIELD ERROR_IN_CRL_LAST_UPDATE_FIELD ' +
    'ERROR_IN_CRL_NEXT_UPDATE_FIELD OUT_OF_MEM DEPTH_ZERO_SELF_SIGNED_CERT SELF_SIGNED_CERT_IN_CHAIN ' +
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY UNABLE_TO_VERIFY_LEAF_SIGNATURE CERT_CHAIN_TOO_LONG CERT_REVOKED ' +
    'INVALID_CA PATH_LENGTH_EXCEEDED INVALID_PURPOSE CERT_UNTRUSTED CERT_REJECTED HOSTNAME_MISMATCH'
  ).split(' '),
);
const IDEMPOTENT_METHODS: ReadonlySet<unknown> = new Set(['get', 'head', 'options', 'put', 'delete']);

/**
 * axios-retry 4's default `retryCondition`, `isNetworkOrIdempotentRequestError`, restated so that this
 * package does not load axios-retry: a network error (no response, any method; not a timeout, not a
 * certificate or DNS failure), or a 5xx, a 429 or no response on GET, HEAD, OPTIONS, PUT or DELETE.
 */
function isNetworkOrIdempotentRequestError({ code, method, response }: RetryFacts): boolean {
  if (!response && code && code !== 'ERR_CANCELED' && code !== 'ECONNABORTED' && !RETRY_NOT_ALLOWED.has(code))
    return true;
  const status = response?.status;
  const retryableResponse =
    !response || status === 429 || (typeof status === 'number' && status >= 500 && status <= 599);
  return code !== 'ECONNABORTED' && retryableResponse && IDEMPOTENT_METHODS.has(method);
}

let defaults: ResolvedOssErrorsOptions | undefined;

/** The OSS details of an error: `err.oss` when an interceptor ran first, else read from its response. */
async function detailsOf(error: object): Promise<OssErrorDetails | undefined> {
  if (isOssError(error)) return error.oss;
  defaults ??= resolveOptions({ warn: false });
  return responseDetails(error, defaults);
}

/**
 * An axios-retry `retryCondition` that knows OSS: true for what axios-retry retries by default (network
 * errors, and 5xx or 429 on idempotent requests) and for every error OSS calls retryable
 * (`err.oss.retryable`: any 5xx, 401, 408, 429, `RequestTimeTooSkewed`, `BadRequest`), on any method. False
 * for a cancelled request and for every other error. A `RequestTimeTooSkewed` retry helps only when the
 * request is signed again: axios-retry re-runs the request interceptors, so a signing interceptor that
 * corrects its clock by `err.oss.clockSkewMs` does it (README); a presigned URL fails the same way again.
 *
 * Works whichever is installed first. After `ossErrors()` it reads `err.oss`; before it, it reads the
 * error body itself (within the default byte cap and time limit; a stream is put back whole) and leaves
 * the error as it is, for the interceptor to enrich with its own options. Never rejects.
 *
 * @example
 * import axiosRetry from 'axios-retry';
 * import { ossErrors, ossRetryCondition } from '@oss-errors/axios-interceptor';
 *
 * client.interceptors.response.use(...ossErrors());
 * axiosRetry(client, { retries: 3, retryCondition: ossRetryCondition });
 */
export async function ossRetryCondition(error: unknown): Promise<boolean> {
  try {
    if (!isAxiosErrorLike(error)) return false;
    const facts = factsOf(error);
    if (facts.code === 'ERR_CANCELED') return false;
    if (isNetworkOrIdempotentRequestError(facts)) return true;
    const details = await detailsOf(error);
    return details?.retryable === true;
  } catch {
    return false;
  }
}
