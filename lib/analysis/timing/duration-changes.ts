// Which specs and phases got slower or faster between two windows of runs
// (issue #15 "biggest duration changes"). Each change is the Hodges-Lehmann
// estimate of after - before with its 95 % interval; it counts as a change
// only when the interval excludes zero, and nothing is claimed with fewer than
// MIN_RUNS runs on a side. The same estimator as the mode comparison
// (decision 4), so the two pages never disagree about what "changed" means.
import { median } from "./describe";
import { hodgesLehmannShift } from "./hodges-lehmann";

export const MIN_RUNS = 3;
/** Most recent durations used per side: keeps the m*n pairwise differences bounded. */
export const MAX_PER_SIDE = 40;

export type ChangeVerdict = "slower" | "faster" | "no clear change" | "not enough data";

export interface DurationSeries {
  kind: "spec" | "phase";
  /** testCaseId for specs, the canonical phase name for phases */
  key: string;
  name: string;
  /** durations in ms, most recent first */
  before: number[];
  after: number[];
}

export interface DurationChangeEstimate {
  kind: DurationSeries["kind"];
  key: string;
  name: string;
  nBefore: number;
  nAfter: number;
  medianBefore: number | null;
  medianAfter: number | null;
  /** after - before, ms (Hodges-Lehmann); null with too little data */
  estimateMs: number | null;
  lo: number | null;
  hi: number | null;
  /** confidence the interval really has (small samples cannot reach 95 %) */
  confidence: number | null;
  verdict: ChangeVerdict;
}

export function estimateChange(s: DurationSeries, confidence = 0.95): DurationChangeEstimate {
  const before = s.before.slice(0, MAX_PER_SIDE);
  const after = s.after.slice(0, MAX_PER_SIDE);
  const base = {
    kind: s.kind, key: s.key, name: s.name, nBefore: before.length, nAfter: after.length,
    medianBefore: before.length ? median(before) : null, medianAfter: after.length ? median(after) : null,
  };
  if (before.length < MIN_RUNS || after.length < MIN_RUNS) {
    return { ...base, estimateMs: null, lo: null, hi: null, confidence: null, verdict: "not enough data" };
  }
  // hodgesLehmannShift estimates baseline - candidate; the change is after - before
  const shift = hodgesLehmannShift(after, before, confidence);
  const verdict: ChangeVerdict = shift.lo > 0 ? "slower" : shift.hi < 0 ? "faster" : "no clear change";
  return { ...base, estimateMs: shift.estimate, lo: shift.lo, hi: shift.hi, confidence: shift.achievedConfidence, verdict };
}

const RANK: Record<ChangeVerdict, number> = { slower: 0, faster: 0, "no clear change": 1, "not enough data": 2 };

/** Series estimated between two turns of the event loop (each can take ~1 ms). */
const BATCH = 20;

/**
 * Clear changes first, largest first; then the rest by name. Estimating a
 * thousand specs takes 0.1-0.3 s of CPU: it yields to the event loop every
 * BATCH series, so the web process keeps answering other requests meanwhile
 * instead of stalling every one of them for that long.
 */
export async function rankChanges(series: readonly DurationSeries[]): Promise<DurationChangeEstimate[]> {
  const out: DurationChangeEstimate[] = [];
  for (let i = 0; i < series.length; i++) {
    out.push(estimateChange(series[i]));
    if (i % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return out.sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || Math.abs(b.estimateMs ?? 0) - Math.abs(a.estimateMs ?? 0) || a.name.localeCompare(b.name));
}
