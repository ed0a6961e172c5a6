// Small, dependency-free statistics for interleaved benchmark rounds.

/** The q-quantile (0..1) of `values`, linear between the two nearest ranks. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export function median(values) {
  return quantile(values, 0.5);
}

/** Median and interquartile range: robust against the odd round a noisy neighbour spoils. */
export function summary(values) {
  return {
    median: median(values),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    n: values.length,
  };
}

/** `a[i] / b[i]` for paired samples taken in the same round. */
export function pairedRatios(a, b) {
  return a.map((value, i) => value / b[i]);
}

/** `a[i] - b[i]` for paired samples taken in the same round. */
export function pairedDifferences(a, b) {
  return a.map((value, i) => value - b[i]);
}

/**
 * Rounds rotate which variant goes first (for two: ABBA), so a drift (JIT, GC, a neighbour) hits all
 * alike.
 */
export function roundOrder(round, variants) {
  const shift = round % variants.length;
  return [...variants.slice(shift), ...variants.slice(0, shift)];
}

/**
 * A distribution-free 95% confidence interval for the median (order statistics, normal approximation
 * of the binomial): how precisely the rounds pin the ratio down.
 */
export function medianInterval(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const half = 0.98 * Math.sqrt(n);
  const low = Math.max(0, Math.floor(n / 2 - half) - 1);
  const high = Math.min(n - 1, Math.ceil(n / 2 + half));
  return { low: sorted[low], high: sorted[high] };
}
