import type { OssErrorFault } from './types';

// The HTTP reason phrases, without spaces, of the statuses OSS and the gateways in front of it answer:
// the code of a response that carried none, the way the AWS SDKs name a body-less S3 error ("NotFound");
// none of them is an OSS code such as NoSuchKey. One string: it is in every browser bundle.
const REASONS =
  '203NonAuthoritativeInformation 304NotModified 400BadRequest 401Unauthorized 403Forbidden 404NotFound ' +
  '405MethodNotAllowed 408RequestTimeout 409Conflict 411LengthRequired 412PreconditionFailed ' +
  '413PayloadTooLarge 416RangeNotSatisfiable 429TooManyRequests 500InternalServerError 501NotImplemented ' +
  '502BadGateway 503ServiceUnavailable 504GatewayTimeout';

const REASON_OF: ReadonlyMap<number, string> = new Map(
  REASONS.split(' ').map((entry) => [Number(entry.slice(0, 3)), entry.slice(3)]),
);

function reasonOf(status: number): string | undefined {
  return REASON_OF.get(status);
}

/** A code for a response that carried none: the reason phrase without spaces, else `HttpNNN`. */
export function codeFromStatus(status: number): string {
  return reasonOf(status) ?? `Http${status}`;
}

/**
 * A one-line sentence for a response that carried no message: the status and its reason phrase.
 *
 * @example
 * messageFromStatus(404); // 'OSS answered HTTP 404 Not Found and sent no message.'
 */
export function messageFromStatus(status: number): string {
  const reason = reasonOf(status)?.replace(/\B(?=[A-Z])/g, ' ');
  return `OSS answered HTTP ${status}${reason === undefined ? '' : ` ${reason}`} and sent no message.`;
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
