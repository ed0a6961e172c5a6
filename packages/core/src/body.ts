import { MAX_BODY_BYTES } from './limits';

let utf8: TextDecoder | undefined;

/** Decodes UTF-8 without a BOM; malformed bytes become U+FFFD instead of throwing. */
function decodeUtf8(bytes: Uint8Array): string {
  utf8 ??= new TextDecoder('utf-8');
  return utf8.decode(bytes);
}

/**
 * The first {@link MAX_BODY_BYTES} of a body as text (a string body is cut at as many UTF-16 units).
 * Anything that is not a string, a Uint8Array or an ArrayBuffer reads as no body.
 */
export function readBodyPrefix(body: unknown): string {
  let text: string;
  if (typeof body === 'string') {
    text = body.length > MAX_BODY_BYTES ? body.slice(0, MAX_BODY_BYTES) : body;
  } else if (body instanceof Uint8Array) {
    text = decodeUtf8(body.length > MAX_BODY_BYTES ? body.subarray(0, MAX_BODY_BYTES) : body);
  } else if (body instanceof ArrayBuffer) {
    text = decodeUtf8(new Uint8Array(body, 0, Math.min(body.byteLength, MAX_BODY_BYTES)));
  } else {
    return '';
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes standard or URL-safe base64 (padding and white space optional) to UTF-8 text; undefined if it is not base64. */
export function decodeBase64Utf8(value: string): string | undefined {
  const compact = value
    .slice(0, MAX_BODY_BYTES * 2)
    .replace(/\s+/g, '')
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const padded = compact.replace(/=+$/, '');
  if (padded.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return readBodyPrefix(bytes);
}
