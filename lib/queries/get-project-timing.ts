// Timing analytics of a project: the data (bounded) and the report built from it.
import { z } from "zod";
import { buildTimingReport, parseTimingTarget } from "@/lib/analysis/timing-report";
import { getProjectTimingData } from "@/lib/queries/get-project-timing-data";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-01-31");

export const timingQuerySchema = z.object({
  branch: z.string().max(250).optional(),
  from: day.optional(),
  to: day.optional(),
});
export type TimingQuery = z.infer<typeof timingQuerySchema>;

export async function getProjectTiming(slug: string, q: TimingQuery) {
  const data = await getProjectTimingData(slug, {
    branch: q.branch || undefined,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(`${q.to}T23:59:59.999Z`) : undefined,
  });
  const mapping = (data.project.phaseMapping ?? {}) as Record<string, string>;
  const target = parseTimingTarget(data.project.timingTarget);
  return {
    project: { slug: data.project.slug, name: data.project.name },
    target,
    branches: data.branches,
    truncated: data.truncated,
    report: buildTimingReport(data.runs, data.phases, mapping, target),
  };
}

export type ProjectTiming = Awaited<ReturnType<typeof getProjectTiming>>;
