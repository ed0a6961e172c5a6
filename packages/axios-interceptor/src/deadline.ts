/** What {@link raceDeadline} resolves with when the time ran out first. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/** A timer that never keeps a Node process alive on its own (browsers have no `unref`). */
export function startTimer(ms: number, onTimeout: () => void): () => void {
  const timer = setTimeout(onTimeout, Math.max(0, ms));
  (timer as { unref?: () => void }).unref?.();
  return () => clearTimeout(timer);
}

/**
 * Settles with `promise`, or with {@link TIMED_OUT} once `ms` have passed. The timer is always cleared.
 * `Promise.race` attaches a handler to `promise`, so a late rejection of it is never unhandled.
 */
export function raceDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  if (ms <= 0) {
    promise.catch(() => {});
    return Promise.resolve(TIMED_OUT);
  }
  let stop = (): void => {};
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    stop = startTimer(ms, () => resolve(TIMED_OUT));
  });
  return Promise.race([promise, timeout]).finally(stop);
}
