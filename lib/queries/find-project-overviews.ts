// Overview page: per project, the latest run, recent runs for the pass-rate
// and duration trends, and how many specs failed in the latest finished run.
import { db, pool } from "@/lib/db";

const RECENT = 30;

/** Distinct specs whose result in the given run is failed or errored. */
async function countFailingSpecs(runId: string): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(DISTINCT "testCaseId")::int AS n FROM test_results WHERE "runId" = $1 AND status IN ('failed', 'errored')`,
    [runId],
  );
  return rows[0]?.n ?? 0;
}

export async function findProjectOverviews() {
  const projects = await db().project.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, name: true } });
  return Promise.all(
    projects.map(async (p) => {
      const [recent, runCount, latestFinished] = await Promise.all([
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
        // "open failures" until triage exists: the specs failing in the latest finished run
        db().run.findFirst({
          where: { projectId: p.id, finishedAt: { not: null } },
          orderBy: [{ startedAt: "desc" }, { id: "desc" }],
          select: { id: true, startedAt: true, testsFailed: true, testsErrored: true },
        }),
      ]);
      const failingSpecs = latestFinished && latestFinished.testsFailed + latestFinished.testsErrored > 0 ? await countFailingSpecs(latestFinished.id) : 0;
      return { ...p, runCount, latest: recent[0] ?? null, recent: recent.reverse(), latestFinished: latestFinished ? { id: latestFinished.id, failingSpecs } : null };
    }),
  );
}

export type ProjectOverview = Awaited<ReturnType<typeof findProjectOverviews>>[number];
