// A run's duration against the median of comparable earlier runs. With fewer
// than MIN_SAMPLES runs a median says little, so no comparison is claimed.
export const MIN_SAMPLES = 3;

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export type MedianComparison =
  | { enough: true; n: number; median: number; deltaPercent: number }
  | { enough: false; n: number };

export function compareWithMedian(value: number, samples: readonly number[]): MedianComparison {
  const m = median(samples);
  if (m === null || samples.length < MIN_SAMPLES || m <= 0) return { enough: false, n: samples.length };
  return { enough: true, n: samples.length, median: m, deltaPercent: ((value - m) / m) * 100 };
}

/** "−9.8 %" / "+4.0 %": a real minus sign, one decimal. */
export function formatDelta(deltaPercent: number): string {
  const rounded = Math.round(deltaPercent * 10) / 10;
  if (rounded === 0) return "±0.0 %";
  return `${rounded < 0 ? "\u2212" : "+"}${Math.abs(rounded).toFixed(1)} %`;
}
