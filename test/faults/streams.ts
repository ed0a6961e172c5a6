import { Buffer } from 'node:buffer';

/** `promise`, or a rejection naming `what` once `ms` have passed (a hang fails here, not at the test timeout). */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** One chunk source over a Node Readable or a web ReadableStream, and a way to let the rest go. */
function chunksOf(stream: unknown): { next(): Promise<Uint8Array | undefined>; release(): void } {
  if (stream !== null && typeof stream === 'object' && 'getReader' in stream) {
    const reader = (stream as ReadableStream<Uint8Array>).getReader();
    return {
      next: async () => (await reader.read()).value,
      release: () => void reader.cancel().catch(() => {}),
    };
  }
  const readable = stream as AsyncIterable<Buffer> & { destroy(): void };
  const iterator = readable[Symbol.asyncIterator]();
  return {
    next: async () => (await iterator.next()).value as Buffer | undefined,
    release: () => readable.destroy(),
  };
}

/** The first `bytes` bytes (or a few more: whole chunks) of a stream that may never end; then lets it go. */
export async function readPrefix(stream: unknown, bytes: number, guardMs: number): Promise<Buffer> {
  const source = chunksOf(stream);
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    await within(
      (async () => {
        while (length < bytes) {
          const chunk = await source.next();
          if (chunk === undefined) throw new Error(`the stream ended after ${length} bytes`);
          parts.push(chunk);
          length += chunk.length;
        }
      })(),
      guardMs,
      `reading ${bytes} bytes`,
    );
  } finally {
    source.release();
  }
  return Buffer.concat(parts);
}

/** Every byte of a stream up to its end or its failure, and the failure. */
export async function readUntilEnd(
  stream: unknown,
  guardMs: number,
): Promise<{ bytes: Buffer; failure: unknown }> {
  const source = chunksOf(stream);
  const parts: Uint8Array[] = [];
  const read = async (): Promise<unknown> => {
    try {
      for (let chunk = await source.next(); chunk !== undefined; chunk = await source.next())
        parts.push(chunk);
    } catch (failure) {
      return failure;
    }
    return undefined;
  };
  const failure = await within(read(), guardMs, 'reading a stream to its end');
  return { bytes: Buffer.concat(parts), failure };
}
