// Timing analytics of a project: the data (bounded) and the report built from it.
import { z } from "zod";
import { populationFields } from "@/lib/analysis/timing/population";
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
});
export type TimingQuery = z.infer<typeof timingQuerySchema>;

export async function getProjectTiming(slug: string, q: TimingQuery) {
  const data = await getProjectTimingData(slug, {
    branch: q.branch || undefined,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
    host: q.host || undefined,
  });
  const mapping = (data.project.phaseMapping ?? {}) as Record<string, string>;
  const target = parseTimingTarget(data.project.timingTarget);
  const runs = data.runs.map(({ labels, ...r }) => ({ ...r, ...populationFields(labels, data.tryOutTemplates) }));
  const policy = {
    compareAcrossTemplates: data.project.compareAcrossTemplates,
    includeTryOutRuns: data.project.includeTryOutRuns,
    population: q.population || undefined,
    keepOutliers: q.outliers === "keep",
  };
  return {
    project: { slug: data.project.slug, name: data.project.name },
    target,
    policy,
    branches: data.branches,
    truncated: data.truncated,
    report: buildTimingReport(runs, data.phases, mapping, target, policy),
  };
}

export type ProjectTiming = Awaited<ReturnType<typeof getProjectTiming>>;
