// The timing analytics of one project, from its runs and phases (pure).
// Runs that failed in setup, and runs without timing (no start was sent
// anywhere: lib/analysis/derive-run-window.ts), are shown but kept out of
// every duration figure, with the counts said; phases are compared only within one layout or under a
// canonical name the project mapped; every figure carries n.
import { type Comparability, type ComparablePolicy, DEFAULT_COMPARABLE_POLICY, selectComparableRuns } from "@/lib/analysis/timing/comparable-runs";
import { type Comparison, type TargetCheck, compareDurations, compareToTarget, explainMethod } from "@/lib/analysis/timing/compare";
import { type SampleSummary, describeSample } from "@/lib/analysis/timing/describe";
import { type LayoutChange, type PhaseMapping, layoutChangesOf } from "@/lib/analysis/timing/layout";
import { type HostSplit, splitByHost } from "@/lib/analysis/timing/host-split";
import { type GroupRun, type GroupSummary, summarizeParallelGroups } from "@/lib/analysis/timing/parallel-groups";
import { type RegressionCheck, checkRunRegressions } from "@/lib/analysis/timing/regression";
import { type RunPhaseInfo, phaseInfoOf } from "@/lib/analysis/timing/run-phase-info";

export interface TimingRunInput {
  id: string;
  mode: string;
  startedAt: Date;
  setupOk: boolean | null;
  durationMs: number | null;
  setupDurationMs: number | null;
  testDurationMs: number | null;
  /** who compares with whom (lib/analysis/timing/comparable-runs.ts) */
  template?: string | null;
  tryOut?: boolean;
  statsExcluded?: boolean;
  runnerHost?: string | null;
}

export interface TimingPhaseInput {
  id: string;
  runId: string;
  name: string;
  parentId: string | null;
  group: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
}

export interface TimingTarget {
  baseline: string;
  candidate: string;
  percent: number;
  /** a baseline figure that is only an estimate (e.g. "7.6 min from previous runs"), used when measured runs are too few */
  baselineEstimateMs?: number;
}

export interface ModeStats {
  mode: string;
  runs: number;
  excludedSetupFailures: number;
  /** finished runs whose duration is unknown (durationMs null) */
  excludedWithoutTiming: number;
  total: SampleSummary;
  setup: SampleSummary;
  test: SampleSummary;
}

export interface TimingReport {
  modes: ModeStats[];
  comparisons: { metric: "total" | "setup"; baseline: string; candidate: string; result: Comparison; target: TargetCheck | null; explanation: string }[];
  points: { id: string; at: number; mode: string; totalS: number | null; setupS: number | null; testS: number | null; setupFailed: boolean; regression: RegressionCheck | null }[];
  phaseMedians: { layout: string[]; mode: string; runs: number; phases: { name: string; medianMs: number | null; n: number }[] }[];
  parallelGroups: { layout: string[]; mode: string; parent: string; group: string; summary: GroupSummary }[];
  layoutChanges: LayoutChange[];
  excludedSetupFailures: number;
  excludedWithoutTiming: number;
  regressions: { runId: string; check: RegressionCheck }[];
  /** which runs were compared and what was left out, with counts */
  comparability: Comparability;
  /** hosts of the compared modes' runs; null without a pair to compare */
  hosts: HostSplit | null;
}

const MIN_RUNS = 3;

/** A finished run whose duration cannot be known; a failed setup is counted as that instead. */
const withoutTiming = (r: TimingRunInput) => r.setupOk !== false && r.durationMs === null;

function pickPair(modes: string[], target: TimingTarget | null): [string, string] | null {
  if (target) return [target.baseline, target.candidate];
  if (modes.includes("sequential") && modes.includes("parallel")) return ["sequential", "parallel"];
  return modes.length >= 2 ? [modes[0], modes[1]] : null;
}

export function parseTimingTarget(v: unknown): TimingTarget | null {
  const t = v as Partial<TimingTarget> | null;
  if (!t || typeof t.baseline !== "string" || typeof t.candidate !== "string" || typeof t.percent !== "number") return null;
  return { baseline: t.baseline, candidate: t.candidate, percent: t.percent, baselineEstimateMs: typeof t.baselineEstimateMs === "number" ? t.baselineEstimateMs : undefined };
}

const nums = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);

/** Runs that count in duration figures: setup did not fail, and the duration is known. */
const hasTiming = (r: TimingRunInput) => r.setupOk !== false && r.durationMs !== null;

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** Modes with the most runs first, then by name. */
function modesByRunCount(byMode: Map<string, TimingRunInput[]>): string[] {
  return [...byMode.keys()].sort((a, b) => byMode.get(b)!.length - byMode.get(a)!.length || a.localeCompare(b));
}

function modeStats(mode: string, all: TimingRunInput[]): ModeStats {
  const ok = all.filter(hasTiming);
  return {
    mode,
    runs: ok.length,
    excludedSetupFailures: all.filter((r) => r.setupOk === false).length,
    excludedWithoutTiming: all.filter(withoutTiming).length,
    total: describeSample(nums(ok.map((r) => r.durationMs))),
    setup: describeSample(nums(ok.map((r) => r.setupDurationMs))),
    test: describeSample(nums(ok.map((r) => r.testDurationMs))),
  };
}

/** Total and setup durations of the candidate mode against the baseline's, with the target when one is set. */
function comparePair([b, c]: [string, string], usable: TimingRunInput[], target: TimingTarget | null): TimingReport["comparisons"] {
  return (["total", "setup"] as const).map((metric) => {
    const key = metric === "total" ? "durationMs" : "setupDurationMs";
    const base = nums(usable.filter((r) => r.mode === b).map((r) => r[key]));
    const cand = nums(usable.filter((r) => r.mode === c).map((r) => r[key]));
    // An estimated baseline only stands in for missing measurements, and then no verdict is given.
    const estimate = metric === "total" && base.length < MIN_RUNS && target?.baselineEstimateMs !== undefined;
    const result = compareDurations(estimate ? [target!.baselineEstimateMs!] : base, cand, { minRuns: MIN_RUNS, baselineIsEstimate: estimate, names: { baseline: b, candidate: c } });
    return {
      metric, baseline: b, candidate: c, result,
      target: metric === "total" && target ? compareToTarget(result, target.percent) : null,
      explanation: explainMethod(result.method, result.ciConfidence ?? 0.95),
    };
  });
}

/** Each timed run's setup against the earlier runs of its mode. */
function checkRegressions(usable: TimingRunInput[]): Map<string, RegressionCheck> {
  const modeRuns = usable.filter((r) => r.setupDurationMs !== null).map((r) => ({ id: r.id, mode: r.mode, startedAt: r.startedAt.getTime(), setupMs: r.setupDurationMs! }));
  return checkRunRegressions(modeRuns);
}

type Bucket = { layout: string[]; mode: string; runs: TimingRunInput[] };

/** Timed runs by layout (their canonical top-level phases) and mode. */
function bucketByLayout(usable: TimingRunInput[], info: Map<string, RunPhaseInfo>): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const r of usable) {
    const { signature, key } = info.get(r.id)!;
    if (!signature.length) continue;
    const k = `${key}|${r.mode}`;
    if (!buckets.has(k)) buckets.set(k, { layout: signature, mode: r.mode, runs: [] });
    buckets.get(k)!.runs.push(r);
  }
  return [...buckets.values()];
}

function phaseMediansOf({ layout, mode, runs }: Bucket, info: Map<string, RunPhaseInfo>): TimingReport["phaseMedians"][number] {
  return {
    layout, mode, runs: runs.length,
    phases: layout.map((name) => {
      // the first top-level phase under this canonical name
      const ds = nums(runs.map((r) => info.get(r.id)!.firstDurations.get(name) ?? null));
      return { name, medianMs: describeSample(ds).median, n: ds.length };
    }),
  };
}

/** Phases run side by side under one parent (same group), summarised over the bucket's runs. */
function parallelGroupsOf({ layout, mode, runs }: Bucket, info: Map<string, RunPhaseInfo>): TimingReport["parallelGroups"] {
  const groups = new Map<string, { parent: string; group: string; runs: GroupRun[] }>();
  for (const r of runs) {
    for (const g of info.get(r.id)!.groups) {
      const entry = groups.get(g.key);
      if (entry) entry.runs.push(g.run);
      else groups.set(g.key, { parent: g.parent, group: g.group, runs: [g.run] });
    }
  }
  return [...groups.values()].map((g) => ({ layout, mode, parent: g.parent, group: g.group, summary: summarizeParallelGroups(g.runs) }));
}

function pointOf(r: TimingRunInput, regression: Map<string, RegressionCheck>): TimingReport["points"][number] {
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  return {
    id: r.id, at: r.startedAt.getTime(), mode: r.mode,
    totalS: seconds(r.durationMs),
    setupS: seconds(r.setupDurationMs),
    testS: seconds(r.testDurationMs),
    setupFailed: r.setupOk === false,
    regression: regression.get(r.id) ?? null,
  };
}

/** `phases`: every phase of the runs, or the phases grouped by run (each run's list in position order) */
export function buildTimingReport(
  allRuns: TimingRunInput[], phases: readonly TimingPhaseInput[] | ReadonlyMap<string, readonly TimingPhaseInput[]>, mapping: PhaseMapping, target: TimingTarget | null,
  policy: ComparablePolicy = DEFAULT_COMPARABLE_POLICY,
): TimingReport {
  const { kept: runs, comparability } = selectComparableRuns(allRuns, policy);
  const usable = runs.filter(hasTiming);
  const byMode = groupBy(runs, (r) => r.mode);
  const pair = pickPair(modesByRunCount(byMode), target);
  const regression = checkRegressions(usable);
  const info = phaseInfoOf(runs, phases instanceof Map ? phases : groupBy(phases as readonly TimingPhaseInput[], (p) => p.runId), mapping);
  // a run that failed in setup stops early: its truncated phase list is not a new layout
  const { changes } = layoutChangesOf(usable.map((r) => {
    const { signature, key } = info.get(r.id)!;
    return { runId: r.id, at: r.startedAt.getTime(), signature, key };
  }));
  // per layout and mode: medians of canonical top-level phases, and the parallel groups
  const buckets = bucketByLayout(usable, info);
  return {
    modes: modesByRunCount(byMode).map((mode) => modeStats(mode, byMode.get(mode)!)),
    comparisons: pair ? comparePair(pair, usable, target) : [],
    points: runs.map((r) => pointOf(r, regression)),
    phaseMedians: buckets.map((b) => phaseMediansOf(b, info)),
    parallelGroups: buckets.flatMap((b) => parallelGroupsOf(b, info)),
    layoutChanges: changes,
    excludedSetupFailures: runs.filter((r) => r.setupOk === false).length,
    excludedWithoutTiming: runs.filter(withoutTiming).length,
    regressions: [...regression.entries()].filter(([, c]) => c.flagged).map(([runId, check]) => ({ runId, check })),
    comparability,
    hosts: pair ? splitByHost(usable.filter((r) => r.mode === pair[0]), usable.filter((r) => r.mode === pair[1])) : null,
  };
}
