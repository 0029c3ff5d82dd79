// Timing analytics of a project: the data (bounded) and the report built from it.
import type { ProjectScope } from "@/lib/auth/project-access";
import { z } from "zod";
import { populationFields } from "@/lib/analysis/timing/population";
import { DEFAULT_TARGET_WINDOW, targetHistory } from "@/lib/analysis/timing/target-history";
import { buildTimingReport, parseTimingTarget } from "@/lib/analysis/timing-report";
import { getProjectTimingData } from "@/lib/queries/get-project-timing-data";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-01-31");

export const timingQuerySchema = z.object({
  branch: z.string().max(250).optional(),
  from: day.optional(),
  to: day.optional(),
  /** only runs on this runner host (the per-host comparison) */
  host: z.string().max(200).optional(),
  /** the population compared: "CI" or a template name (default: the largest) */
  population: z.string().max(200).optional(),
  /** "keep": flagged outliers stay in the figures */
  outliers: z.enum(["keep", "exclude"]).optional(),
  /** runs per mode in the window the timing target is checked on (default 10) */
  window: z.coerce.number().int().min(3).max(100).optional(),
  /** days per window of the biggest duration changes (default 14) */
  days: z.coerce.number().int().min(1).max(365).optional(),
});
export type TimingQuery = z.infer<typeof timingQuerySchema>;

/** not_found for an unknown project or one outside the reader's `scope` */
export async function getProjectTiming(slug: string, q: TimingQuery, scope: ProjectScope = null) {
  const data = await getProjectTimingData(slug, {
    scope,
    branch: q.branch || undefined,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
    host: q.host || undefined,
  });
  const mapping = (data.project.phaseMapping ?? {}) as Record<string, string>;
  const target = parseTimingTarget(data.project.timingTarget);
  // the fields named, not spread: rest and spread of 2,000 rows cost ~4 ms of a view
  const runs = data.runs.map((r) => {
    const { template, tryOut } = populationFields(r.labels, data.tryOutTemplates);
    return {
      id: r.id, mode: r.mode, startedAt: r.startedAt, setupOk: r.setupOk,
      durationMs: r.durationMs, setupDurationMs: r.setupDurationMs, testDurationMs: r.testDurationMs, runnerHost: r.runnerHost,
      statsExcluded: r.statsExcluded, template, tryOut,
    };
  });
  const policy = {
    compareAcrossTemplates: data.project.compareAcrossTemplates,
    includeTryOutRuns: data.project.includeTryOutRuns,
    population: q.population || undefined,
    keepOutliers: q.outliers === "keep",
  };
  const report = buildTimingReport(runs, data.phases, mapping, target, policy);
  // the target re-checked after every compared run, on the last N runs per mode (an estimated baseline is never verified)
  const timed = report.points.filter((p) => !p.setupFailed && p.totalS !== null).map((p) => ({ id: p.id, mode: p.mode, at: p.at, durationMs: p.totalS! * 1000 }));
  const history = target && target.baselineEstimateMs === undefined ? targetHistory(timed, target, q.window ?? DEFAULT_TARGET_WINDOW) : null;
  return {
    project: { id: data.project.id, slug: data.project.slug, name: data.project.name },
    target,
    policy,
    branches: data.branches,
    truncated: data.truncated,
    report,
    targetHistory: history,
  };
}

export type ProjectTiming = Awaited<ReturnType<typeof getProjectTiming>>;
