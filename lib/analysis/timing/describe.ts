// Descriptive figures for a sample of durations. Every summary carries n so
// the UI never shows a bare median.
//
// Quantiles use Hyndman & Fan type 7 (linear interpolation between order
// statistics at h = (n - 1) p), the default of R's quantile(), NumPy's
// percentile() and spreadsheet PERCENTILE.INC, so figures match what anyone
// re-checking in those tools gets.

export interface SampleSummary {
  n: number;
  median: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
  mean: number | null;
}

/** Throws on NaN/Infinity: a non-finite duration is a bug upstream, not data. */
export function assertFinite(xs: readonly number[], what = "sample"): void {
  for (const x of xs) {
    if (!Number.isFinite(x)) throw new RangeError(`${what} contains a non-finite value (${x})`);
  }
}

/**
 * Ascending copy. Small samples (a regression check's 20 runs, done for each of
 * 2,000 runs per timing view) by insertion sort of a plain copy; larger ones in a
 * typed array, which sorts numbers natively (~10x a comparator sort at 1,000).
 */
export function sortedCopy(xs: readonly number[]): ArrayLike<number> {
  if (xs.length <= 32) {
    const s = xs.slice();
    for (let i = 1; i < s.length; i++) {
      const x = s[i];
      let j = i - 1;
      for (; j >= 0 && s[j] > x; j--) s[j + 1] = s[j];
      s[j + 1] = x;
    }
    return s;
  }
  const s = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) s[i] = xs[i];
  return s.sort();
}

/** Type 7 quantile of an ascending array; p in [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of an empty sample");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability out of range: ${p}`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  // Written as a + t(b - a) so equal neighbours return exactly that value.
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function quantile(xs: readonly number[], p: number): number {
  assertFinite(xs);
  return quantileSorted(sortedCopy(xs), p);
}

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

export function describeSample(xs: readonly number[]): SampleSummary {
  assertFinite(xs);
  if (xs.length === 0) return { n: 0, median: null, p90: null, min: null, max: null, mean: null };
  const s = sortedCopy(xs);
  // Mean via a running sum is fine for durations (ms, < 1e12): no cancellation.
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i];
  const mean = sum / s.length;
  return {
    n: s.length,
    median: quantileSorted(s, 0.5),
    p90: quantileSorted(s, 0.9),
    min: s[0],
    max: s[s.length - 1],
    mean,
  };
}
