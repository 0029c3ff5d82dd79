// Overview page: per project, the latest run, recent runs for the pass-rate
// and duration trends, how many specs failed in the latest finished run, and
// the open triage items (counted as the triage page counts them).
import type { ProjectScope } from "@/lib/auth/project-access";
import { db, pool } from "@/lib/db";
import { openTriageSql } from "@/lib/queries/count-definitions";
import { type RunKey, runKeyParams, runResultsWhere } from "@/lib/queries/run-key";

const RECENT = 30;

/** Distinct specs whose result in the given run is failed or errored. */
async function countFailingSpecs(run: RunKey): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(DISTINCT "testCaseId")::int AS n FROM test_results r WHERE ${runResultsWhere("r", 1)} AND r.status IN ('failed', 'errored')`,
    runKeyParams(run),
  );
  return rows[0]?.n ?? 0;
}

async function countOpenTriageItems(projectId: string): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM triage_items t WHERE t."projectId" = $1 AND ${openTriageSql("t")}`,
    [projectId],
  );
  return rows[0]?.n ?? 0;
}

export async function findProjectOverviews(scope: ProjectScope = null) {
  const projects = await db().project.findMany({ where: scope ? { id: { in: [...scope] } } : {}, orderBy: { slug: "asc" }, select: { id: true, slug: true, name: true } });
  return Promise.all(
    projects.map(async (p) => {
      const [recent, runCount, latestFinished, openTriageItems] = await Promise.all([
        db().run.findMany({
          where: { projectId: p.id },
          orderBy: [{ startedAt: "desc" }, { id: "desc" }],
          take: RECENT,
          select: {
            id: true, mode: true, branch: true, status: true, setupOk: true, startedAt: true, durationMs: true,
            setupDurationMs: true, testsTotal: true, testsPassed: true, testsFailed: true, testsErrored: true,
            testsSkipped: true, testsPending: true,
          },
        }),
        db().run.count({ where: { projectId: p.id } }),
        db().run.findFirst({
          where: { projectId: p.id, finishedAt: { not: null } },
          orderBy: [{ startedAt: "desc" }, { id: "desc" }],
          select: { id: true, startedAt: true, testsFailed: true, testsErrored: true },
        }),
        countOpenTriageItems(p.id),
      ]);
      const failingSpecs = latestFinished && latestFinished.testsFailed + latestFinished.testsErrored > 0 ? await countFailingSpecs({ id: latestFinished.id, projectId: p.id, startedAt: latestFinished.startedAt }) : 0;
      return { ...p, runCount, openTriageItems, latest: recent[0] ?? null, recent: recent.reverse(), latestFinished: latestFinished ? { id: latestFinished.id, failingSpecs } : null };
    }),
  );
}

export type ProjectOverview = Awaited<ReturnType<typeof findProjectOverviews>>[number];
