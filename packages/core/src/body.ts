import { MAX_BODY_BYTES } from './limits';

let utf8: TextDecoder | undefined;

/** Decodes UTF-8 without a BOM; malformed bytes become U+FFFD instead of throwing. */
function decodeUtf8(bytes: Uint8Array): string {
  utf8 ??= new TextDecoder('utf-8');
  return utf8.decode(bytes);
}

/**
 * The bytes of an ArrayBuffer, a SharedArrayBuffer or any view of one (typed arrays of every element size,
 * DataView, Buffer), at most {@link MAX_BODY_BYTES}, copied (TextDecoder refuses views of shared memory). Decided by internal
 * slots and type tags, not `instanceof`: a body made in an iframe, a worker or a `vm` context counts too.
 */
function bytesOf(body: unknown): Uint8Array | undefined {
  let buffer = body as ArrayBufferLike;
  let offset = 0;
  if (ArrayBuffer.isView(body)) {
    buffer = body.buffer;
    offset = body.byteOffset;
  } else {
    const tag = Object.prototype.toString.call(body);
    if (tag !== '[object ArrayBuffer]' && tag !== '[object SharedArrayBuffer]') return undefined;
  }
  const length = Math.min((body as ArrayBufferView | ArrayBufferLike).byteLength, MAX_BODY_BYTES);
  // A detached buffer has no bytes (and may not even be viewed).
  return length > 0 ? new Uint8Array(buffer, offset, length).slice() : new Uint8Array(0);
}

/**
 * The first {@link MAX_BODY_BYTES} of a body as text (a string body is cut at as many UTF-16 units).
 * Anything that is not a string, an ArrayBuffer, a SharedArrayBuffer or a view of one reads as no body.
 */
export function readBodyPrefix(body: unknown): string {
  let text: string;
  if (typeof body === 'string') {
    text = body.slice(0, MAX_BODY_BYTES);
  } else {
    const bytes = bytesOf(body);
    if (bytes === undefined) return '';
    text = decodeUtf8(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes standard or URL-safe base64 (padding and white space optional) to UTF-8 text; undefined if it is not base64. */
export function decodeBase64Utf8(value: string): string | undefined {
  let binary: string;
  try {
    // atob skips white space and takes missing padding, but not wrong padding (`YQ=`): that is dropped.
    // The lookbehind starts the search for the end's run only where a run starts: linear on long runs.
    binary = atob(
      value
        .slice(0, MAX_BODY_BYTES * 2)
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .replace(/(?<![=\s])[=\s]+$/, ''),
    );
  } catch {
    return undefined;
  }
  // ASCII is its own UTF-8: nothing to copy or decode.
  if (!/[\x80-\xff]/.test(binary)) return binary.slice(0, MAX_BODY_BYTES);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return readBodyPrefix(bytes);
}
