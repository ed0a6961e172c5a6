let encoder: TextEncoder | undefined;

function isArrayBuffer(value: unknown): value is ArrayBuffer {
  // By tag, not instanceof: a body can come from another realm (an iframe, a vm context).
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/**
 * A chunk or body as bytes: typed arrays and Node Buffers (views on their own memory, no copy),
 * ArrayBuffers, and strings (a stream with `setEncoding`). Anything else is not bytes.
 */
export function toBytes(chunk: unknown): Uint8Array | undefined {
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (isArrayBuffer(chunk)) return new Uint8Array(chunk);
  if (typeof chunk === 'string') {
    encoder ??= new TextEncoder();
    return encoder.encode(chunk);
  }
  return undefined;
}

/** The first `cap` bytes of `chunks`, joined. */
export function joinPrefix(chunks: readonly unknown[], cap: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const chunk of chunks) {
    if (total >= cap) break;
    const bytes = toBytes(chunk);
    if (bytes === undefined) continue;
    const part = bytes.byteLength > cap - total ? bytes.subarray(0, cap - total) : bytes;
    parts.push(part);
    total += part.byteLength;
  }
  const joined = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.byteLength;
  }
  return joined;
}

/** How many bytes a chunk holds (0 for what is not bytes). */
export function byteLengthOf(chunk: unknown): number {
  return toBytes(chunk)?.byteLength ?? 0;
}
