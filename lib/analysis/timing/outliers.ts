// Runs far outside their population (decision 0015): a robust z-score on log
// durations, z = (ln x - median ln) / (1.4826 x MAD of ln), flagged when
// |z| > 3.5 (Iglewicz & Hoaglin's cut-off). Logs because durations are skewed
// and a 13 s run is as far below 7 min as 2 h is above it; median and MAD so
// the outliers themselves cannot widen the fence. MAD = 0 falls back to
// 1.2533 x mean absolute deviation (as the regression watch does); with fewer
// than MIN_RUNS runs nothing is judged.

export const OUTLIER_Z = 3.5;
export const OUTLIER_MIN_RUNS = 5;
export const OUTLIER_RULE = `more than ${OUTLIER_Z} robust standard deviations (1.4826 × MAD of log durations) from the median of its mode; judged with at least ${OUTLIER_MIN_RUNS} runs`;

export interface OutlierCheck {
  n: number;
  /** durations outside [lo, hi] are flagged; null when not judged (too few runs) */
  fence: { lo: number; hi: number } | null;
  flagged: { id: string; ms: number; z: number }[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function findOutliers(runs: { id: string; ms: number }[]): OutlierCheck {
  const usable = runs.filter((r) => Number.isFinite(r.ms) && r.ms > 0);
  if (usable.length < OUTLIER_MIN_RUNS) return { n: usable.length, fence: null, flagged: [] };
  const logs = usable.map((r) => Math.log(r.ms));
  const med = median(logs);
  const dev = logs.map((x) => Math.abs(x - med));
  let sigma = 1.4826 * median(dev);
  if (sigma === 0) sigma = 1.2533 * (dev.reduce((a, b) => a + b, 0) / dev.length);
  if (sigma === 0) return { n: usable.length, fence: { lo: Math.exp(med), hi: Math.exp(med) }, flagged: [] };
  const fence = { lo: Math.exp(med - OUTLIER_Z * sigma), hi: Math.exp(med + OUTLIER_Z * sigma) };
  const flagged = usable
    .map((r, i) => ({ id: r.id, ms: r.ms, z: (logs[i] - med) / sigma }))
    .filter((r) => Math.abs(r.z) > OUTLIER_Z);
  return { n: usable.length, fence, flagged };
}
