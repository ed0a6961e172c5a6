import { maskSecrets } from './secrets';
import type { OssErrorDetails } from './types';

const MAX_OSS_MESSAGE = 400;

// White space that is not a single plain space: what oneLine has to replace (most texts hold none).
const NOT_ONE_LINE = /\s\s|[^\S ]/;

function oneLine(text: string): string {
  const flat = (NOT_ONE_LINE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  return flat.length > MAX_OSS_MESSAGE ? `${flat.slice(0, MAX_OSS_MESSAGE - 1)}…` : flat;
}

/**
 * The OSS part of a message, one line: code, OSS message, then what support needs, masked (details built
 * by hand may hold what `parseOssError` would have masked). On a 2xx `CallbackFailed` it adds that the
 * object was stored.
 *
 * @example
 * describeOssError(details, false); // 'NoSuchKey: The specified key does not exist. (request id 6556E3AE…, EC 0026-00000001)'
 * describeOssError(details, true); // 'NoSuchKey: … (HTTP 404, request id 6556E3AE…, EC 0026-00000001)'
 */
export function describeOssError(details: OssErrorDetails, withStatus: boolean): string {
  const facts: string[] = [];
  if (withStatus) facts.push(`HTTP ${details.status}`);
  // Blank parts (possible in details built by hand; parseOssError gives none) are left out, labels too.
  const requestId = oneLine(details.requestId ?? '');
  const ec = oneLine(details.ec ?? '');
  const message = oneLine(details.message);
  if (requestId) facts.push(`request id ${requestId}`);
  if (ec) facts.push(`EC ${ec}`);
  let text = message ? `${oneLine(details.code)}: ${message}` : oneLine(details.code);
  if (details.status >= 200 && details.status < 300 && details.code === 'CallbackFailed') {
    text += ' The object WAS stored; only the upload callback failed.';
  }
  return maskSecrets(facts.length > 0 ? `${text} (${facts.join(', ')})` : text);
}

/**
 * A client error's message with the OSS facts appended, one line. The client's words come first and
 * are masked (got puts the full URL, presigned signature included, in its message).
 *
 * @example
 * appendOssDescription('Request failed with status code 404', details);
 * // 'Request failed with status code 404 — NoSuchKey: The specified key does not exist. (request id 6556E3AE…, EC 0026-00000001)'
 */
export function appendOssDescription(clientMessage: string, details: OssErrorDetails): string {
  return `${maskSecrets(clientMessage)} — ${describeOssError(details, false)}`;
}
