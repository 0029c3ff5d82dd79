// Figures for a group of phases that run in parallel under one parent phase
// (e.g. "deploy operators" fanning out into several installs). They answer:
// which branch bounds the group, how close the group is to perfect overlap,
// and how much wall time is spent outside the branches (scheduling, waits).

import { describeSample, type SampleSummary } from "./describe";

// Code-unit order, not localeCompare: the same input must give the same answer on every machine.
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface Branch {
  name: string;
  startMs: number;
  endMs: number;
}

export interface ParallelGroupStats {
  branches: number;
  /** wall time of the parent phase */
  wallMs: number;
  /** the branch that ends last, i.e. the one the group waits for */
  criticalPath: { name: string; durationMs: number; endMs: number } | null;
  /** group time if every branch had started at once: the longest branch */
  perfectOverlapMs: number | null;
  sumBranchMs: number;
  /** sum of branch times / (wall time × branches), as the product defines it; 1 = all branches busy the whole time */
  efficiency: number | null;
  /** wall time not explained by the longest branch: W - max branch duration */
  overheadMs: number | null;
}

function validate(branches: readonly Branch[], wallMs: number): void {
  if (!(Number.isFinite(wallMs) && wallMs >= 0)) throw new RangeError(`wall time must be finite and >= 0, got ${wallMs}`);
  for (const b of branches) {
    if (!Number.isFinite(b.startMs) || !Number.isFinite(b.endMs) || b.endMs < b.startMs) {
      throw new RangeError(`branch "${b.name}" has an invalid interval [${b.startMs}, ${b.endMs}]`);
    }
  }
}

export function analyzeParallelGroup(branches: readonly Branch[], wallMs: number): ParallelGroupStats {
  validate(branches, wallMs);
  if (branches.length === 0) {
    return { branches: 0, wallMs, criticalPath: null, perfectOverlapMs: null, sumBranchMs: 0, efficiency: null, overheadMs: null };
  }
  let critical = branches[0];
  let maxDuration = 0;
  let sum = 0;
  for (const b of branches) {
    const d = b.endMs - b.startMs;
    sum += d;
    maxDuration = Math.max(maxDuration, d);
    // Latest end bounds the group; on equal ends the longer branch (earlier start),
    // then the name, so the answer does not depend on input order.
    if (
      b.endMs > critical.endMs ||
      (b.endMs === critical.endMs && (b.startMs < critical.startMs || (b.startMs === critical.startMs && b.name < critical.name)))
    ) {
      critical = b;
    }
  }
  return {
    branches: branches.length,
    wallMs,
    criticalPath: { name: critical.name, durationMs: critical.endMs - critical.startMs, endMs: critical.endMs },
    perfectOverlapMs: maxDuration,
    sumBranchMs: sum,
    efficiency: wallMs > 0 ? sum / (wallMs * branches.length) : null,
    // Can be negative if branch timestamps overrun the parent (clock skew); shown as-is, not hidden.
    overheadMs: wallMs - maxDuration,
  };
}

export interface GroupRun {
  runId: string;
  wallMs: number;
  branches: readonly Branch[];
}

export interface BranchSummary extends SampleSummary {
  name: string;
}

export interface GroupSummary {
  runs: number;
  /** per branch duration figures over the runs in which it appears (n = that count) */
  branches: BranchSummary[];
  /** how often each branch bounded the group, most often first */
  bounding: { name: string; count: number }[];
  /** several names when tied; `of` = runs that had any branch */
  mostOftenBounding: { names: string[]; count: number; of: number } | null;
  efficiency: SampleSummary;
  overheadMs: SampleSummary;
}

export function summarizeParallelGroups(runs: readonly GroupRun[]): GroupSummary {
  const durations = new Map<string, number[]>();
  const bounding = new Map<string, number>();
  const efficiencies: number[] = [];
  const overheads: number[] = [];
  let withBranches = 0;
  for (const run of runs) {
    const stats = analyzeParallelGroup(run.branches, run.wallMs);
    for (const b of run.branches) {
      const list = durations.get(b.name) ?? [];
      list.push(b.endMs - b.startMs);
      durations.set(b.name, list);
    }
    if (stats.criticalPath) {
      withBranches++;
      bounding.set(stats.criticalPath.name, (bounding.get(stats.criticalPath.name) ?? 0) + 1);
    }
    if (stats.efficiency !== null) efficiencies.push(stats.efficiency);
    if (stats.overheadMs !== null) overheads.push(stats.overheadMs);
  }
  const byCount = [...bounding.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || byName(a.name, b.name));
  const top = byCount[0]?.count ?? 0;
  return {
    runs: runs.length,
    branches: [...durations.entries()]
      .map(([name, xs]) => ({ name, ...describeSample(xs) }))
      .sort((a, b) => byName(a.name, b.name)),
    bounding: byCount,
    mostOftenBounding:
      byCount.length === 0 ? null : { names: byCount.filter((x) => x.count === top).map((x) => x.name), count: top, of: withBranches },
    efficiency: describeSample(efficiencies),
    overheadMs: describeSample(overheads),
  };
}
