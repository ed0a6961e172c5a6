import { brandOssError } from './brand';
import { defineOssErrorInspect } from './inspect';
import { describeOssError } from './message';
import type { OssErrorDetails } from './types';

/**
 * What `JSON.stringify` prints for an {@link OssError}: no cause, no stack, nothing secret.
 *
 * @example
 * const logged: OssErrorJSON = new OssError(details).toJSON(); // { name: 'OssError', message, oss }
 */
export interface OssErrorJSON {
  readonly name: 'OssError';
  readonly message: string;
  readonly oss: OssErrorDetails;
}

/**
 * An error built from OSS details, for callers that have no client error to enrich (fetch, a custom
 * transport). Its message is one line: code, OSS message, status, request id and EC.
 *
 * @example
 * const details = parseOssError({ status: res.status, headers: res.headers, body: await res.text() });
 * if (details) throw new OssError(details);
 * // OssError: NoSuchKey: The specified key does not exist. (HTTP 404, request id 6556E3AE…, EC 0026-00000001)
 */
export class OssError extends Error {
  override readonly name: 'OssError' = 'OssError';
  /** The normalised, secret-free details of the failed response. */
  declare readonly oss: OssErrorDetails;

  constructor(details: OssErrorDetails, options?: { cause?: unknown }) {
    super(
      describeOssError(details, true),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    brandOssError(this, details);
  }

  /** A log-safe copy: name, message and details; never the cause, whose contents are not ours to vouch for. */
  toJSON(): OssErrorJSON {
    return { name: this.name, message: this.message, oss: this.oss };
  }
}

// What Node's util.inspect and console.log print for an OssError (inspect.ts; nothing in a browser build).
defineOssErrorInspect(OssError.prototype);
