import { byteLengthOf, joinPrefix } from './bytes';
import { startTimer } from './deadline';

type Listener = (...args: never[]) => void;

/**
 * The parts of a Node.js `Readable` we use. Only the stream's own methods: this file imports nothing from
 * Node, so the package stays loadable in a browser (where axios never hands out a Node stream).
 */
export interface NodeReadableLike {
  read(): unknown;
  unshift(chunk: unknown): void;
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
  readonly readableEnded?: boolean;
  readonly destroyed?: boolean;
  readonly errored?: unknown;
}

/** True for a Node.js `Readable` (axios's http adapter with `responseType: 'stream'`). */
export function isNodeReadable(value: unknown): value is NodeReadableLike {
  if (value === null || typeof value !== 'object') return false;
  const stream = value as Record<string, unknown>;
  return (
    typeof stream.pipe === 'function' &&
    typeof stream.read === 'function' &&
    typeof stream.unshift === 'function' &&
    typeof stream.on === 'function' &&
    typeof stream.removeListener === 'function'
  );
}

type Outcome = 'more' | 'end' | 'failed';
type ReadableFrom = (iterable: AsyncIterable<unknown>) => unknown;

/**
 * Reads at most `cap` bytes of a Node stream within `timeoutMs`, then gives every byte back: on the same
 * stream with `unshift` while it has not ended, otherwise as a new `Readable` (built with `Readable.from`,
 * found on the stream's own prototype chain) that yields what was read, then the stream's error if it
 * failed. Resolves with the bytes read, up to `cap`; never rejects.
 */
export function readNodeStreamPrefix(
  response: { data: unknown },
  stream: NodeReadableLike,
  cap: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  // An ended or destroyed stream emits nothing more: there is nothing to wait for.
  if (stream.readableEnded === true || stream.destroyed === true) return Promise.resolve(new Uint8Array(0));

  return new Promise((resolve) => {
    const chunks: unknown[] = [];
    let total = 0;
    let done = false;
    let stopTimer = (): void => {};

    const finish = (outcome: Outcome, error?: unknown): void => {
      if (done) return;
      done = true;
      stopTimer();
      stream.removeListener('readable', onReadable);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      stream.removeListener('close', onClose);
      try {
        giveBack(response, stream, chunks, outcome, error);
      } catch {
        // Nothing left to try: the error still rejects with what the headers and the bytes say.
      }
      resolve(joinPrefix(chunks, cap));
    };
    const onReadable = (): void => {
      try {
        while (total < cap) {
          const chunk = stream.read();
          // null: nothing buffered yet (or the end, which 'end' reports on the next tick).
          if (chunk === null || chunk === undefined) return;
          chunks.push(chunk);
          total += byteLengthOf(chunk);
        }
      } catch (error) {
        finish('failed', error);
        return;
      }
      finish('more');
    };
    const onEnd = (): void => finish('end');
    const onError = (error: unknown): void => finish('failed', error);
    const onClose = (): void => finish('failed', stream.errored ?? prematureClose());

    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
    stream.on('readable', onReadable);
    stopTimer = startTimer(timeoutMs, () => finish('more'));
  });
}

function giveBack(
  response: { data: unknown },
  stream: NodeReadableLike,
  chunks: readonly unknown[],
  outcome: Outcome,
  error: unknown,
): void {
  if (chunks.length === 0) return;
  if (outcome === 'more' && stream.readableEnded !== true && stream.destroyed !== true) {
    // Front of the buffer, last chunk first. Node cancels an 'end' that is due once data is back
    // ("one last unshift"), so even a stream whose source has finished replays in full.
    for (let i = chunks.length - 1; i >= 0; i--) stream.unshift(chunks[i]);
    return;
  }
  // 'end' was emitted (or the stream failed): it cannot take data back, so a new stream stands in.
  const from = findReadableFrom(stream);
  if (from !== undefined) response.data = from(replay(chunks, outcome === 'failed' ? { error } : undefined));
}

async function* replay(chunks: readonly unknown[], failure: { error: unknown } | undefined) {
  yield* chunks;
  if (failure !== undefined) throw failure.error;
}

/**
 * `Readable.from`, from the stream's prototype chain: the first prototype with its own `read` is
 * `Readable.prototype` (IncomingMessage, zlib and Transform streams only override `_read`).
 */
function findReadableFrom(stream: object): ReadableFrom | undefined {
  for (
    let proto: unknown = Object.getPrototypeOf(stream);
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    if (!Object.hasOwn(proto as object, 'read')) continue;
    const ctor = (proto as { constructor?: unknown }).constructor;
    const from = typeof ctor === 'function' ? (ctor as { from?: unknown }).from : undefined;
    if (typeof from !== 'function') return undefined;
    return (iterable) => from.call(ctor, iterable, { objectMode: false });
  }
  return undefined;
}

function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}
