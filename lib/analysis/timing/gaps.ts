// Where a duration line must break: a gap between consecutive runs longer than
// GAP_FACTOR times the series' median spacing (a line from 11-11 to 12-05 would
// suggest runs that never happened). Fewer than 3 points: no usual spacing, no break.

export const GAP_FACTOR = 3;

export function gapThreshold(times: number[], factor = GAP_FACTOR): number | null {
  const t = [...times].sort((a, b) => a - b);
  const spacings = t.slice(1).map((x, i) => x - t[i]).filter((d) => d > 0).sort((a, b) => a - b);
  if (t.length < 3 || spacings.length === 0) return null;
  const m = spacings.length >> 1;
  const median = spacings.length % 2 ? spacings[m] : (spacings[m - 1] + spacings[m]) / 2;
  return factor * median;
}

/** The points (sorted by time) cut into segments wherever the gap exceeds the threshold. */
export function splitAtGaps<T extends { at: number }>(points: T[], factor = GAP_FACTOR): T[][] {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const limit = gapThreshold(sorted.map((p) => p.at), factor);
  const segments: T[][] = [];
  for (const [i, p] of sorted.entries()) {
    if (i === 0 || (limit !== null && p.at - sorted[i - 1].at > limit)) segments.push([]);
    segments[segments.length - 1].push(p);
  }
  return segments;
}
