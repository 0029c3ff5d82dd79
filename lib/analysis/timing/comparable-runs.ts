// The runs the timing statistics may compare (decision 0015), before any
// figure is computed: one population (template or CI) unless the project
// merges them, no try-out runs unless included, none a lead excluded, and no
// run far outside its mode's durations unless the page asks to keep them.
// Everything left out is counted, so the page can say what it compared.
import { type OutlierCheck, findOutliers } from "@/lib/analysis/timing/outliers";
import { type PopulationCount, type PopulationPolicy, selectPopulation } from "@/lib/analysis/timing/population";

export interface ComparableRun {
  id: string;
  mode: string;
  setupOk: boolean | null;
  durationMs: number | null;
  template?: string | null;
  tryOut?: boolean;
  statsExcluded?: boolean;
  runnerHost?: string | null;
}

export interface ComparablePolicy extends PopulationPolicy {
  /** true: flagged outliers stay in the figures (still flagged) */
  keepOutliers?: boolean;
}

export const DEFAULT_COMPARABLE_POLICY: ComparablePolicy = { compareAcrossTemplates: false, includeTryOutRuns: false };

export interface Comparability {
  population: string | null;
  populations: PopulationCount[];
  leftOut: { tryOut: number; excludedByLead: number; otherPopulations: PopulationCount[]; outliers: number };
  keepOutliers: boolean;
  outliers: { runId: string; mode: string; durationMs: number; z: number; fence: { lo: number; hi: number } }[];
  outlierChecks: { mode: string; check: OutlierCheck }[];
}

export function selectComparableRuns<T extends ComparableRun>(runs: T[], policy: ComparablePolicy = DEFAULT_COMPARABLE_POLICY): { kept: T[]; comparability: Comparability } {
  const sel = selectPopulation(runs, policy);
  const modes = [...new Set(sel.kept.map((r) => r.mode))].sort();
  const outlierChecks = modes.map((mode) => ({
    mode,
    check: findOutliers(sel.kept.filter((r) => r.mode === mode && r.setupOk !== false && r.durationMs !== null).map((r) => ({ id: r.id, ms: r.durationMs! }))),
  }));
  const outliers = outlierChecks.flatMap(({ mode, check }) => check.flagged.map((f) => ({ runId: f.id, mode, durationMs: f.ms, z: f.z, fence: check.fence! })));
  const flagged = new Set(outliers.map((o) => o.runId));
  const keepOutliers = policy.keepOutliers === true;
  const kept = keepOutliers ? sel.kept : sel.kept.filter((r) => !flagged.has(r.id));
  return {
    kept,
    comparability: {
      population: sel.population,
      populations: sel.populations,
      leftOut: { ...sel.leftOut, outliers: keepOutliers ? 0 : flagged.size },
      keepOutliers,
      outliers,
      outlierChecks,
    },
  };
}
