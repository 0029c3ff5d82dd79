// Hodges-Lehmann estimate of the shift between two samples with Lehmann's
// distribution-free confidence interval (Hollander & Wolfe, "Nonparametric
// Statistical Methods", §4.3 in the 2nd ed.). It is the interval obtained by
// inverting the Mann-Whitney test, so the "is it significant?" answer and the
// "by how much?" range come from the same procedure and agree with each other.

import { assertFinite, quantileSorted } from "./describe";
import { EXACT_LIMIT, exactUCdf } from "./mann-whitney";
import { normalCdf, normalQuantile } from "./normal";

export interface ShiftInterval {
  /** Hodges-Lehmann estimate: median of all pairwise differences baseline_i - candidate_j */
  estimate: number;
  lo: number;
  hi: number;
  /**
   * Confidence the interval actually has. With small samples the U
   * distribution is coarse: 3 vs 3 runs can give at best 90 %, and we say so
   * instead of pretending to 95 %.
   */
  achievedConfidence: number;
  /** order statistics D(k+1) and D(mn-k) bound the interval */
  k: number;
  method: "exact" | "normal-approximation";
}

/** All mn pairwise differences b_i - c_j, ascending. */
export function pairwiseDifferences(baseline: readonly number[], candidate: readonly number[]): Float64Array {
  const out = new Float64Array(baseline.length * candidate.length);
  let idx = 0;
  for (const b of baseline) for (const c of candidate) out[idx++] = b - c;
  return out.sort();
}

function hasTies(values: readonly number[]): boolean {
  const s = [...values].sort((a, b) => a - b);
  for (let i = 1; i < s.length; i++) if (s[i] === s[i - 1]) return true;
  return false;
}

export function hodgesLehmannShift(
  baseline: readonly number[],
  candidate: readonly number[],
  confidence = 0.95,
): ShiftInterval {
  assertFinite(baseline, "baseline");
  assertFinite(candidate, "candidate");
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const m = baseline.length;
  const n = candidate.length;
  if (m === 0 || n === 0) throw new RangeError("Hodges-Lehmann needs at least one value per sample");
  const diffs = pairwiseDifferences(baseline, candidate);
  const mn = diffs.length;
  const alpha = 1 - confidence;
  // k may not pass the middle: D(k+1) <= D(mn-k) needs k <= (mn-1)/2.
  const kMax = Math.floor((mn - 1) / 2);

  let k: number;
  let achievedConfidence: number;
  let method: ShiftInterval["method"];
  // Same switch as the test (mannWhitneyU), so interval and p-value agree.
  if (!hasTies([...baseline, ...candidate]) && m < EXACT_LIMIT && n < EXACT_LIMIT) {
    const cdf = exactUCdf(m, n);
    k = -1;
    while (k + 1 <= kMax && cdf[k + 1] <= alpha / 2 + 1e-12) k++;
    // No k reaches the level (tiny samples): fall back to the full range, as R does,
    // and report the lower confidence it really has.
    k = Math.max(k, 0);
    achievedConfidence = 1 - 2 * cdf[k];
    method = "exact";
  } else {
    // Normal approximation to P(U <= k) with continuity correction. The variance
    // deliberately ignores ties: ties shrink the true variance, so this k is
    // never larger than the tie-aware one and the interval errs on the wide side.
    const sd = Math.sqrt((m * n * (m + n + 1)) / 12);
    const z = normalQuantile(1 - alpha / 2);
    k = Math.min(kMax, Math.max(0, Math.floor(mn / 2 - 0.5 - z * sd)));
    achievedConfidence = 1 - 2 * normalCdf((k + 0.5 - mn / 2) / sd);
    method = "normal-approximation";
  }
  return {
    estimate: quantileSorted(diffs, 0.5),
    lo: diffs[k],
    hi: diffs[mn - 1 - k],
    achievedConfidence,
    k,
    method,
  };
}
