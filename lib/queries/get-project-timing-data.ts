// Raw material of the timing analytics: a project's finished runs (filtered
// by branch and date range) and their phases. Bounded: at most MAX_RUNS runs,
// newest first, so a long history cannot load whole tables into memory.
import type { ProjectScope } from "@/lib/auth/project-access";
import { db, pool } from "@/lib/db";
import type { PhaseStatus, RunStatus } from "@/lib/generated/prisma/enums";
import { epochMsSql, utcTimestamp } from "@/lib/queries/run-key";
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

export interface TimingRun {
  id: string;
  mode: string;
  branch: string | null;
  commitSha: string | null;
  startedAt: Date;
  status: RunStatus;
  setupOk: boolean | null;
  durationMs: number | null;
  setupDurationMs: number | null;
  testDurationMs: number | null;
  labels: unknown;
  runnerHost: string | null;
  statsExcluded: boolean;
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
  // plain SQL for the two large reads: Prisma's mapping of 2,000 runs and ~7 phases each cost ~100 ms of CPU per view
  const conds = [`"projectId" = $1`, `"finishedAt" IS NOT NULL`];
  const args: unknown[] = [project.id];
  const arg = (v: unknown) => `$${args.push(v)}`;
  if (f.branch) conds.push(`branch = ${arg(f.branch)}`);
  if (f.host) conds.push(`"runnerHost" = ${arg(f.host)}`);
  if (f.from) conds.push(`"startedAt" >= ${arg(utcTimestamp(f.from))}::timestamp`);
  if (f.to) conds.push(`"startedAt" <= ${arg(utcTimestamp(f.to))}::timestamp`);
  // times as epoch milliseconds: parsing 30k timestamp strings cost ~17 ms of CPU per view at 2,000 runs (issue #17)
  const { rows: runs } = await pool().query<TimingRun>(
    `SELECT id, mode, branch, "commitSha", ${epochMsSql(`"startedAt"`)} AS "startedAt", status::text AS status, "setupOk",
            "durationMs", "setupDurationMs", "testDurationMs", labels, "runnerHost", "statsExcluded"
       FROM runs WHERE ${conds.join(" AND ")}
      ORDER BY runs."startedAt" DESC, id DESC LIMIT ${MAX_TIMING_RUNS + 1}`,
    args,
  );
  for (const r of runs) r.startedAt = new Date(r.startedAt as unknown as number);
  const truncated = runs.length > MAX_TIMING_RUNS;
  const page = runs.slice(0, MAX_TIMING_RUNS).reverse();
  const { rows: phases } = await pool().query<TimingPhase>(
    `SELECT id, "runId", name, "canonicalName", "parentId", "group", status::text AS status,
            ${epochMsSql(`"startedAt"`)} AS "startedAt", ${epochMsSql(`"finishedAt"`)} AS "finishedAt", "durationMs", position
       FROM phases WHERE "runId" = ANY($1::uuid[]) ORDER BY "runId", position`,
    [page.map((r) => r.id)],
  );
  for (const p of phases) {
    if (p.startedAt !== null) p.startedAt = new Date(p.startedAt as unknown as number);
    if (p.finishedAt !== null) p.finishedAt = new Date(p.finishedAt as unknown as number);
  }
  // the branch menu: at most 100 branches, one index probe each (a skip scan of runs_projectId_branch_startedAt_idx)
  // instead of a DISTINCT over every run of the project (22 ms at 5,000 runs)
  const { rows: branches } = await pool().query<{ branch: string }>(
    `WITH RECURSIVE b AS (
       (SELECT branch, 1 AS n FROM runs WHERE "projectId" = $1 AND branch IS NOT NULL ORDER BY branch LIMIT 1)
       UNION ALL
       SELECT (SELECT r.branch FROM runs r WHERE r."projectId" = $1 AND r.branch > b.branch ORDER BY r.branch LIMIT 1), b.n + 1
         FROM b WHERE b.branch IS NOT NULL AND b.n < 100)
     SELECT branch FROM b WHERE branch IS NOT NULL`,
    [project.id],
  );
  const tryOutTemplates = await db().runTemplate.findMany({ where: { projectId: project.id, tryOut: true }, select: { name: true } });
  return { project, runs: page, phases, truncated, branches: branches.map((b) => b.branch), tryOutTemplates: tryOutTemplates.map((t) => t.name) };
}

export type ProjectTimingData = Awaited<ReturnType<typeof getProjectTimingData>>;
