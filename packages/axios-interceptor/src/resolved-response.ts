import type { ResolvedOssErrorsOptions } from '@oss-errors/core/adapter';
import { readDetails } from './enrich';
import { type ResponseLike, setResponseOss } from './shapes';

/**
 * A non-2xx response that axios resolved (a `validateStatus` that accepts it, such as `() => true`): sets
 * `response.oss` when it is an OSS error, as got does with `throwHttpErrors: false`. The body is read as
 * for an error (within the byte cap and time limit; a stream is put back whole). A 2xx is never read
 * here: its body is the user's object (the 203 CallbackFailed has its own path). Never throws.
 */
export async function describeResolvedResponse(
  response: ResponseLike,
  settings: ResolvedOssErrorsOptions,
): Promise<void> {
  if ((response.status >= 200 && response.status < 300) || Object.hasOwn(response, 'oss')) return;
  try {
    const details = await readDetails(response, settings);
    if (details !== undefined) setResponseOss(response, details);
  } catch {
    // The response resolves as axios made it.
  }
}
