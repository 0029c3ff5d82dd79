// Raw material of the timing analytics: a project's finished runs (filtered
// by branch and date range) and their phases. Bounded: at most MAX_RUNS runs,
// newest first, so a long history cannot load whole tables into memory.
import type { ProjectScope } from "@/lib/auth/project-access";
import { db, pool } from "@/lib/db";
import type { PhaseStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";

export const MAX_TIMING_RUNS = 2000;

export interface TimingPhase {
  id: string;
  runId: string;
  name: string;
  canonicalName: string | null;
  parentId: string | null;
  group: string | null;
  status: PhaseStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  position: number;
}

export interface TimingFilter {
  branch?: string;
  from?: Date;
  to?: Date;
  /** runner host (runs.runnerHost), for the per-host comparison */
  host?: string;
  /** the reader's projects (null or absent = all): another project is as unknown as a missing one */
  scope?: ProjectScope;
}

export async function getProjectTimingData(slug: string, f: TimingFilter = {}) {
  const project = await db().project.findFirst({
    where: { slug, ...(f.scope && { id: { in: [...f.scope] } }) },
    select: { id: true, slug: true, name: true, timingTarget: true, phaseMapping: true, compareAcrossTemplates: true, includeTryOutRuns: true },
  });
  if (!project) throw new AppError("not_found", `Project "${slug}" does not exist`);
  const runs = await db().run.findMany({
    where: {
      projectId: project.id,
      finishedAt: { not: null },
      ...(f.branch && { branch: f.branch }),
      ...(f.host && { runnerHost: f.host }),
      ...((f.from || f.to) && { startedAt: { ...(f.from && { gte: f.from }), ...(f.to && { lte: f.to }) } }),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: MAX_TIMING_RUNS + 1,
    select: {
      id: true, mode: true, branch: true, commitSha: true, startedAt: true, status: true, setupOk: true,
      durationMs: true, setupDurationMs: true, testDurationMs: true, labels: true, runnerHost: true, statsExcluded: true,
    },
  });
  const truncated = runs.length > MAX_TIMING_RUNS;
  const page = runs.slice(0, MAX_TIMING_RUNS).reverse();
  // plain SQL for the two large reads: Prisma's mapping of ~7 phases x 2,000 runs cost ~100 ms of CPU per view
  const { rows: phases } = await pool().query<TimingPhase>(
    `SELECT id, "runId", name, "canonicalName", "parentId", "group", status::text AS status,
            "startedAt" AT TIME ZONE 'UTC' AS "startedAt", "finishedAt" AT TIME ZONE 'UTC' AS "finishedAt", "durationMs", position
       FROM phases WHERE "runId" = ANY($1::uuid[]) ORDER BY "runId", position`,
    [page.map((r) => r.id)],
  );
  // the branch menu: at most 100 branches
  const { rows: branches } = await pool().query<{ branch: string }>(
    `SELECT DISTINCT branch FROM runs WHERE "projectId" = $1 AND branch IS NOT NULL ORDER BY branch LIMIT 100`,
    [project.id],
  );
  const tryOutTemplates = await db().runTemplate.findMany({ where: { projectId: project.id, tryOut: true }, select: { name: true } });
  return { project, runs: page, phases, truncated, branches: branches.map((b) => b.branch), tryOutTemplates: tryOutTemplates.map((t) => t.name) };
}

export type ProjectTimingData = Awaited<ReturnType<typeof getProjectTimingData>>;
