import { byteLengthOf, joinPrefix } from './bytes';
import { raceDeadline, TIMED_OUT } from './deadline';

/** True for a WHATWG `ReadableStream` (axios's fetch adapter with `responseType: 'stream'`). */
export function isWebReadableStream(value: unknown): value is ReadableStream<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { getReader?: unknown }).getReader === 'function' &&
    typeof (value as { cancel?: unknown }).cancel === 'function'
  );
}

/**
 * Reads at most `cap` bytes of a web stream within `timeoutMs`, and puts on `response.data` a new stream
 * that yields those chunks, then whatever the original still has (including a read that was still
 * pending at the deadline), then its end or its error. Resolves with the bytes read; never rejects.
 */
export async function readWebStreamPrefix(
  response: { data: unknown },
  stream: ReadableStream<unknown>,
  cap: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  if (stream.locked) return new Uint8Array(0);
  const reader = stream.getReader();
  const taken: unknown[] = [];
  let total = 0;
  let pending: Promise<ReadableStreamReadResult<unknown>> | undefined;
  let finished = false;
  let failure: { error: unknown } | undefined;
  const deadline = Date.now() + timeoutMs;

  try {
    while (total < cap) {
      const read = reader.read();
      pending = read;
      const result = await raceDeadline(read, deadline - Date.now());
      if (result === TIMED_OUT) break;
      pending = undefined;
      if (result.done) {
        finished = true;
        break;
      }
      taken.push(result.value);
      total += byteLengthOf(result.value);
    }
  } catch (error) {
    pending = undefined;
    failure = { error };
  }

  // We hold the reader for good: releasing it with a read pending would lose that read's chunk.
  let next = 0;
  response.data = new ReadableStream<unknown>(
    {
      async pull(controller) {
        if (next < taken.length) {
          controller.enqueue(taken[next++]);
          return;
        }
        if (failure !== undefined) {
          controller.error(failure.error);
          return;
        }
        if (finished) {
          controller.close();
          return;
        }
        try {
          const result = await (pending ?? reader.read());
          pending = undefined;
          if (result.done) controller.close();
          else controller.enqueue(result.value);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel(reason) {
        // Not awaited: with a read still pending at the deadline, some sources (axios 1.7.0's
        // trackStream, an async generator) settle the cancel only once that read does, maybe never.
        reader.cancel(reason).catch(() => {});
      },
    },
    // Pull only when the consumer reads: an unread error body stays unread, as it was.
    { highWaterMark: 0 },
  );
  return joinPrefix(taken, cap);
}
