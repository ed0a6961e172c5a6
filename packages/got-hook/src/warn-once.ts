/** Wraps `warn` so it reports at most once: a misplaced hook would otherwise warn on every request. */
export function warnOnce(warn: (message: string) => void): (message: string) => void {
  let warned = false;
  return (message) => {
    if (warned) return;
    warned = true;
    try {
      warn(message);
    } catch {
      // A throwing logger must not turn a request into a failure.
    }
  };
}
