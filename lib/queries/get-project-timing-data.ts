// Raw material of the timing analytics: a project's finished runs (filtered
// by branch and date range) and their phases. Bounded: at most MAX_RUNS runs,
// newest first, so a long history cannot load whole tables into memory.
import { LRUCache } from "lru-cache";
import type { ProjectScope } from "@/lib/auth/project-access";
import { db, pool } from "@/lib/db";
import { epochMsSql, utcTimestamp } from "@/lib/queries/run-key";
import { AppError } from "@/lib/errors";

export const MAX_TIMING_RUNS = 2000;

export interface TimingPhase {
  id: string;
  runId: string;
  name: string;
  parentId: string | null;
  group: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
}

/** Phases kept per run in this process (a run's phases as one entry), at most this many in all (~300 bytes each). */
export const PHASE_CACHE_MAX_PHASES = 100_000;

// The phases of the runs read lately, by run, each with the version of its run
// row (xmin) they were read at. Every transaction that changes a run's phases
// also updates its run row (refreshRunSummary), which gives the row a new xmin:
// a run whose version differs is read again, so every process sees a change at
// the next view. A view with a filter nobody asked for before then reads only the runs
// (issue #17: the 14k phases of 2,000 runs were ~60 ms of a ~230 ms view).
const g = globalThis as unknown as { __runboardTimingPhases?: LRUCache<string, { version: string; phases: TimingPhase[] }> };
function phaseCache() {
  return (g.__runboardTimingPhases ??= new LRUCache({ maxSize: PHASE_CACHE_MAX_PHASES, sizeCalculation: (v) => v.phases.length + 1 }));
}

/**
 * The phases of these runs by run, each run's in position order, from the cache where the run's version is
 * the one cached. A run's list is the cached list itself (the report works each list out once: timing-report.ts).
 */
async function phasesOf(runs: readonly { id: string; version: string }[]): Promise<ReadonlyMap<string, readonly TimingPhase[]>> {
  const cache = phaseCache();
  const byRun = new Map<string, TimingPhase[]>();
  const missing: string[] = [];
  for (const r of runs) {
    const hit = cache.get(r.id);
    if (hit && hit.version === r.version) byRun.set(r.id, hit.phases);
    else missing.push(r.id);
  }
  if (missing.length) {
    const { rows } = await pool().query<TimingPhase>(
      `SELECT id, "runId", name, "parentId", "group", ${epochMsSql(`"startedAt"`)} AS "startedAt", ${epochMsSql(`"finishedAt"`)} AS "finishedAt", "durationMs"
         FROM phases WHERE "runId" = ANY($1::uuid[]) ORDER BY "runId", position`,
      [missing],
    );
    for (const id of missing) byRun.set(id, []);
    for (const p of rows) {
      if (p.startedAt !== null) p.startedAt = new Date(p.startedAt as unknown as number);
      if (p.finishedAt !== null) p.finishedAt = new Date(p.finishedAt as unknown as number);
      const list = byRun.get(p.runId)!;
      if (list.length) p.runId = list[0].runId; // one string per run is kept, not one per phase
      list.push(p);
    }
    const version = new Map(runs.map((r) => [r.id, r.version]));
    for (const id of missing) cache.set(id, { version: version.get(id)!, phases: byRun.get(id)! });
  }
  return byRun;
}

export interface TimingRun {
  id: string;
  mode: string;
  startedAt: Date;
  setupOk: boolean | null;
  durationMs: number | null;
  setupDurationMs: number | null;
  testDurationMs: number | null;
  /** the labels the population is told by (template, tryout: lib/analysis/timing/population.ts), not all of them */
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
  const { rows: runs } = await pool().query<TimingRun & { version: string }>(
    `SELECT id, xmin::text AS version, mode, ${epochMsSql(`"startedAt"`)} AS "startedAt", "setupOk",
            "durationMs", "setupDurationMs", "testDurationMs",
            jsonb_build_object('template', labels->'template', 'tryout', labels->'tryout') AS labels, "runnerHost", "statsExcluded"
       FROM runs WHERE ${conds.join(" AND ")}
      ORDER BY runs."startedAt" DESC, id DESC LIMIT ${MAX_TIMING_RUNS + 1}`,
    args,
  );
  for (const r of runs) r.startedAt = new Date(r.startedAt as unknown as number);
  const truncated = runs.length > MAX_TIMING_RUNS;
  const page = runs.slice(0, MAX_TIMING_RUNS).reverse();
  const phases = await phasesOf(page);
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
  return { project, runs: page as TimingRun[] /* each still carries its version */, phases, truncated, branches: branches.map((b) => b.branch), tryOutTemplates: tryOutTemplates.map((t) => t.name) };
}

export type ProjectTimingData = Awaited<ReturnType<typeof getProjectTimingData>>;
