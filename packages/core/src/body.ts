import { MAX_BODY_BYTES } from './limits';

let utf8: TextDecoder | undefined;

/** Decodes UTF-8 without a BOM; malformed bytes become U+FFFD instead of throwing. */
function decodeUtf8(bytes: Uint8Array): string {
  utf8 ??= new TextDecoder('utf-8');
  return utf8.decode(bytes);
}

/** By tag, not instanceof: a body can come from another realm (an iframe's fetch, a vm context). */
function tagOf(value: unknown): string {
  return Object.prototype.toString.call(value);
}

/**
 * The first {@link MAX_BODY_BYTES} of a body as text (a string body is cut at as many UTF-16 units).
 * Anything that is not a string, a Uint8Array or an ArrayBuffer (of any realm) reads as no body.
 */
export function readBodyPrefix(body: unknown): string {
  let text: string;
  if (typeof body === 'string') {
    text = body.length > MAX_BODY_BYTES ? body.slice(0, MAX_BODY_BYTES) : body;
  } else if (ArrayBuffer.isView(body) && tagOf(body) === '[object Uint8Array]') {
    const bytes = body as Uint8Array;
    text = decodeUtf8(bytes.length > MAX_BODY_BYTES ? bytes.subarray(0, MAX_BODY_BYTES) : bytes);
  } else if (tagOf(body) === '[object ArrayBuffer]') {
    const buffer = body as ArrayBuffer;
    text = decodeUtf8(new Uint8Array(buffer, 0, Math.min(buffer.byteLength, MAX_BODY_BYTES)));
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
