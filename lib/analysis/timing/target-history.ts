// A timing target ("parallel at least 27 % faster than sequential") checked
// again after every run, on the most recent window: the last N runs of each
// mode up to that run. The target is verified only while that window's whole
// interval stays at or above it; the history says when it started and stopped
// holding, and which run tipped it.
import { compareDurations, compareToTarget, type TargetStatus } from "./compare";

export const DEFAULT_TARGET_WINDOW = 10;

export interface TargetRun {
  id: string;
  mode: string;
  /** ms since the epoch */
  at: number;
  durationMs: number;
}

export interface TimingTarget {
  baseline: string;
  candidate: string;
  percent: number;
}

export interface TargetPoint {
  runId: string;
  at: number;
  status: TargetStatus;
  /** the window's improvement interval, % of the baseline median */
  ci: [number, number] | null;
  n: { baseline: number; candidate: number };
}

export interface TargetVerdictChange {
  runId: string;
  at: number;
  from: TargetStatus | null;
  to: TargetStatus;
}

export interface TargetHistory {
  window: number;
  points: TargetPoint[];
  /** one entry per change of status, oldest first */
  changes: TargetVerdictChange[];
  /** the latest status: "target met" is the only one shown as verified */
  current: TargetStatus;
  /** the latest time the target stopped holding (met -> anything else), if it did */
  lastBroken: TargetVerdictChange | null;
}

export function targetHistory(runs: readonly TargetRun[], target: TimingTarget, window = DEFAULT_TARGET_WINDOW): TargetHistory {
  const ordered = runs.filter((r) => r.mode === target.baseline || r.mode === target.candidate).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const seen: Record<"baseline" | "candidate", number[]> = { baseline: [], candidate: [] };
  const points: TargetPoint[] = [];
  const changes: TargetVerdictChange[] = [];
  for (const r of ordered) {
    seen[r.mode === target.baseline ? "baseline" : "candidate"].push(r.durationMs);
    const cmp = compareDurations(seen.baseline.slice(-window), seen.candidate.slice(-window));
    const status = compareToTarget(cmp, target.percent).status;
    const previous = points.at(-1)?.status ?? null;
    points.push({ runId: r.id, at: r.at, status, ci: cmp.ci, n: cmp.n });
    if (status !== previous) changes.push({ runId: r.id, at: r.at, from: previous, to: status });
  }
  const lastBroken = [...changes].reverse().find((c) => c.from === "target met") ?? null;
  return { window, points, changes, current: points.at(-1)?.status ?? "not enough data", lastBroken };
}
