// Seeded percentile bootstrap of the difference of medians (baseline -
// candidate). Offered as the alternative interval; the Hodges-Lehmann
// interval is primary (see compare.ts for why). The seed makes the figure
// reproducible: the same runs always show the same range.

import { assertFinite, quantileSorted } from "./describe";

export const DEFAULT_RESAMPLES = 10_000;
export const DEFAULT_SEED = 0x5eed_2024;

/** mulberry32: tiny, fast, well-distributed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  confidence?: number;
}

export interface BootstrapInterval {
  /** observed difference of medians */
  estimate: number;
  lo: number;
  hi: number;
  confidence: number;
  resamples: number;
  seed: number;
}

function resampleMedian(xs: readonly number[], rand: () => number, scratch: Float64Array): number {
  for (let i = 0; i < xs.length; i++) scratch[i] = xs[Math.floor(rand() * xs.length)];
  scratch.sort();
  return quantileSorted(scratch, 0.5);
}

export function bootstrapMedianDifference(
  baseline: readonly number[],
  candidate: readonly number[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  assertFinite(baseline, "baseline");
  assertFinite(candidate, "candidate");
  if (baseline.length === 0 || candidate.length === 0) throw new RangeError("bootstrap needs at least one value per sample");
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError("resamples must be a positive integer");
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);

  const rand = mulberry32(seed);
  const sb = new Float64Array(baseline.length);
  const sc = new Float64Array(candidate.length);
  const stats = new Float64Array(resamples);
  // Baseline and candidate are resampled independently (two separate groups of runs).
  for (let r = 0; r < resamples; r++) stats[r] = resampleMedian(baseline, rand, sb) - resampleMedian(candidate, rand, sc);
  stats.sort();
  const alpha = 1 - confidence;
  const estimate =
    quantileSorted(Float64Array.from(baseline).sort(), 0.5) - quantileSorted(Float64Array.from(candidate).sort(), 0.5);
  return {
    estimate,
    lo: quantileSorted(stats, alpha / 2),
    hi: quantileSorted(stats, 1 - alpha / 2),
    confidence,
    resamples,
    seed,
  };
}
