import type { OssErrorFault } from './types';

// [code derived from the status, plain sentence]. Codes are the HTTP reason phrases without spaces, the way
// the AWS SDKs name a body-less S3 error ("NotFound"); none of them is an OSS code such as NoSuchKey.
const STATUSES: Readonly<Record<number, readonly [string, string]>> = {
  203: ['NonAuthoritativeInformation', 'OSS answered 203 without saying why.'],
  304: ['NotModified', 'The object has not changed since the time or ETag given in the request.'],
  400: ['BadRequest', 'OSS rejected the request as invalid and sent no details.'],
  401: ['Unauthorized', 'OSS could not authenticate the request and sent no details.'],
  403: ['Forbidden', 'OSS denied access and sent no details.'],
  404: ['NotFound', 'The bucket or object does not exist, or OSS sent no details.'],
  405: ['MethodNotAllowed', 'This method is not allowed on this resource.'],
  408: ['RequestTimeout', 'OSS timed out waiting for the request.'],
  409: ['Conflict', 'The request conflicts with the current state of the bucket or object.'],
  411: ['LengthRequired', 'OSS needs a Content-Length for this request.'],
  412: ['PreconditionFailed', 'A precondition in the request headers did not hold.'],
  413: ['PayloadTooLarge', 'The request body is too large.'],
  416: ['RangeNotSatisfiable', 'The requested range is not within the object.'],
  429: ['TooManyRequests', 'Too many requests: OSS is throttling this caller.'],
  500: ['InternalServerError', 'OSS had an internal error.'],
  501: ['NotImplemented', 'OSS does not implement this operation.'],
  502: ['BadGateway', 'A gateway in front of OSS failed.'],
  503: ['ServiceUnavailable', 'OSS is unavailable right now.'],
  504: ['GatewayTimeout', 'A gateway in front of OSS timed out.'],
};

/** A code for a response that carried none: the reason phrase without spaces, else `HttpNNN`. */
export function codeFromStatus(status: number): string {
  return STATUSES[status]?.[0] ?? `Http${status}`;
}

/** A one-line sentence for a response that carried no message. */
export function messageFromStatus(status: number): string {
  const known = STATUSES[status]?.[1];
  if (known !== undefined) return known;
  if (status >= 500) return `OSS failed with HTTP ${status} and sent no details.`;
  if (status >= 400) return `OSS rejected the request with HTTP ${status} and sent no details.`;
  return `OSS answered HTTP ${status} with an error and no details.`;
}

/** `server` for 5xx, else `client`. */
export function faultOf(status: number): OssErrorFault {
  return status >= 500 ? 'server' : 'client';
}

// The OSS SDK v2 rule (Go, Python, Java, .NET alike): HTTPStatusCodeRetryable and ServiceErrorCodeRetryable.
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([401, 408, 429]);
const RETRYABLE_CODES: ReadonlySet<string> = new Set(['RequestTimeTooSkewed', 'BadRequest']);

/**
 * Whether the same request can succeed when sent again: any 5xx, 401, 408 and 429, and the OSS codes
 * RequestTimeTooSkewed and BadRequest (a code only counts when OSS sent it, not when we derived it).
 */
export function isRetryable(status: number, code: string, codeFromService: boolean): boolean {
  return status >= 500 || RETRYABLE_STATUSES.has(status) || (codeFromService && RETRYABLE_CODES.has(code));
}
