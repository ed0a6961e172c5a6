// Number formatting for the results table.

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function int(value) {
  return grouped.format(Math.round(value));
}

export function fixed(value, digits = 2) {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function mib(bytes, digits = 1) {
  return `${(bytes / 2 ** 20).toFixed(digits)} MiB`;
}

export function kib(bytes, digits = 1) {
  return `${(bytes / 1024).toFixed(digits)} KiB`;
}

/** Nanoseconds as ns or µs, whichever reads better. */
export function duration(ns) {
  if (ns < 1000) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1000).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}

export function signed(value, unit, digits = 1) {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)} ${unit}`;
}

/** A ratio with its interquartile range over the rounds, e.g. `0.998 (IQR 0.990–1.004)`. */
export function ratioWithSpread(stats, digits = 3) {
  return `${fixed(stats.median, digits)} (IQR ${fixed(stats.p25, digits)}–${fixed(stats.p75, digits)})`;
}

/** A percentage with two significant digits for small ones (0.028%), and `< 0.001%` below that. */
export function percent(fraction) {
  const value = Math.abs(fraction * 100);
  if (value !== 0 && value < 0.001) return '< 0.001%';
  const digits = value >= 10 ? 0 : Math.min(3, 1 - Math.floor(Math.log10(value || 1)));
  return `${(fraction * 100).toFixed(digits)}%`;
}
