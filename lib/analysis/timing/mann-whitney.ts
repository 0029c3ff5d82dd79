// Mann-Whitney U (Wilcoxon rank-sum) test between a baseline and a candidate
// sample. Rank based, so one 20-minute outlier run cannot dominate the result
// the way it would a t-test on means, and no bell-curve shape is assumed.
//
// Method choice follows R's wilcox.test (the reference most people re-check
// with): the exact null distribution when both samples have fewer than 50
// values and there are no ties; otherwise the normal approximation with tie
// correction and continuity correction.

import { assertFinite } from "./describe";
import { normalCdf } from "./normal";

export const EXACT_LIMIT = 50;

export type MannWhitneyMethod = "exact" | "normal-approximation";

export interface MannWhitneyResult {
  /** U for the baseline: #(b > c) + ½ #(b = c) over all pairs. High U = candidate faster. */
  u: number;
  m: number;
  n: number;
  /** two-sided p-value */
  pValue: number;
  method: MannWhitneyMethod;
  hasTies: boolean;
  /** standardized statistic, only for the normal approximation */
  z: number | null;
}

/**
 * Null distribution of U for sample sizes m and n (no ties): pmf[u], u = 0..mn.
 * Recurrence from Mann & Whitney (1947): the largest of the m + n values comes
 * from the first sample with probability m/(m+n) and then beats all n values of
 * the second. Working in probabilities instead of counts keeps it in double
 * range (C(98, 49) ≈ 2.5e28 is not exact in a double; probabilities need no exactness).
 */
export function exactUDistribution(m: number, n: number): Float64Array {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || n < 0) throw new RangeError("sample sizes must be non-negative integers");
  // prev[j] = distribution for sizes (i - 1, j); row[j] for (i, j).
  let prev: Float64Array[] = [];
  for (let j = 0; j <= n; j++) prev.push(Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const row: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const out = new Float64Array(i * j + 1);
      const fromI = prev[j]; // sizes (i - 1, j), shifted by j
      const fromJ = row[j - 1]; // sizes (i, j - 1)
      const wi = i / (i + j);
      const wj = j / (i + j);
      for (let u = 0; u < fromI.length; u++) out[u + j] += wi * fromI[u];
      for (let u = 0; u < fromJ.length; u++) out[u] += wj * fromJ[u];
      row.push(out);
    }
    prev = row;
  }
  return prev[n];
}

/** Running sum of a pmf: cdf[u] = P(U <= u). */
export function cumulative(pmf: Float64Array): Float64Array {
  const cdf = new Float64Array(pmf.length);
  let acc = 0;
  for (let u = 0; u < pmf.length; u++) {
    acc += pmf[u];
    cdf[u] = acc;
  }
  return cdf;
}

// The distribution depends on the sample sizes only, and building it is O(m·n·mn): 2.6M steps
// at 40 vs 40, ~10 ms. The timing page asks for it once per spec and mode with the same few
// sizes (1,000 specs: seconds of CPU), so each size pair is computed once per process.
const CDF_CACHE_MAX = 256;
const cdfCache = new Map<number, Float64Array>();

/** cumulative(exactUDistribution(m, n)), remembered (read-only: shared between callers). */
export function exactUCdf(m: number, n: number): Float64Array {
  // sizes the "auto" method never computes exactly are not kept (a forced exact test at 1,000 x 1,000 is 8 MB)
  if (m >= EXACT_LIMIT || n >= EXACT_LIMIT) return cumulative(exactUDistribution(m, n));
  const key = m * EXACT_LIMIT + n;
  let cdf = cdfCache.get(key);
  if (!cdf) {
    cdf = cumulative(exactUDistribution(m, n));
    if (cdfCache.size >= CDF_CACHE_MAX) cdfCache.clear();
    cdfCache.set(key, cdf);
  }
  return cdf;
}

/**
 * Largest k with P(U <= k) <= alpha/2 under the exact distribution, or -1 if
 * even U = 0 is more likely than that. This is the tabulated two-sided
 * critical value (reject when min(U, mn - U) <= k).
 */
export function exactCriticalValue(m: number, n: number, alpha: number): number {
  const cdf = exactUCdf(m, n);
  let k = -1;
  // Tiny tolerance so that P exactly equal to alpha/2 counts as "<=" despite rounding.
  while (k + 1 < cdf.length && cdf[k + 1] <= alpha / 2 + 1e-12) k++;
  return k;
}

/** Smallest two-sided p-value the exact test can produce: complete separation. */
export function minimumExactPValue(m: number, n: number): number {
  if (m === 0 || n === 0) return 1;
  // 2 / C(m+n, m), built as a product to stay in range.
  let p = 2;
  for (let i = 1; i <= m; i++) p *= i / (n + i);
  return Math.min(1, p);
}

/** Midranks (1-based) of the pooled sample plus the tie term Σ(t³ - t). */
function midranks(pooled: readonly number[]): { ranks: Float64Array; tieTerm: number } {
  const order = pooled.map((_, i) => i).sort((a, b) => pooled[a] - pooled[b]);
  const ranks = new Float64Array(pooled.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && pooled[order[j + 1]] === pooled[order[i]]) j++;
    const t = j - i + 1;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

/**
 * @param method "auto" (default) picks as described above; forcing "exact" is
 *   refused when there are ties, because the tabulated distribution assumes none.
 */
export function mannWhitneyU(
  baseline: readonly number[],
  candidate: readonly number[],
  method: "auto" | MannWhitneyMethod = "auto",
): MannWhitneyResult {
  assertFinite(baseline, "baseline");
  assertFinite(candidate, "candidate");
  const m = baseline.length;
  const n = candidate.length;
  if (m === 0 || n === 0) throw new RangeError("Mann-Whitney needs at least one value per sample");
  const { ranks, tieTerm } = midranks([...baseline, ...candidate]);
  let rankSum = 0;
  for (let i = 0; i < m; i++) rankSum += ranks[i];
  const u = rankSum - (m * (m + 1)) / 2;
  const hasTies = tieTerm > 0;
  const mean = (m * n) / 2;

  if (method === "exact" && hasTies) throw new RangeError("the exact Mann-Whitney distribution does not apply to tied data");
  const exact = method === "exact" || (method === "auto" && !hasTies && m < EXACT_LIMIT && n < EXACT_LIMIT);
  if (exact) {
    const cdf = exactUCdf(m, n);
    const lower = cdf[u];
    // P(U >= u) = P(U <= mn - u) by symmetry; avoids 1 - cdf cancellation for tiny p.
    const upper = cdf[m * n - u];
    return { u, m, n, pValue: clampP(2 * Math.min(lower, upper)), method: "exact", hasTies, z: null };
  }

  const total = m + n;
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (!(variance > 0)) {
    // Every value identical: the samples cannot be told apart at all.
    return { u, m, n, pValue: 1, method: "normal-approximation", hasTies, z: 0 };
  }
  const d = u - mean;
  // Continuity correction moves |U - mean| half a step toward the mean (as R does);
  // at U = mean it is zero, so identical samples get p = 1 exactly.
  const z = (d - 0.5 * Math.sign(d)) / Math.sqrt(variance);
  return { u, m, n, pValue: clampP(2 * normalCdf(-Math.abs(z))), method: "normal-approximation", hasTies, z };
}

function clampP(p: number): number {
  return Math.min(1, Math.max(0, p));
}
