// Overview page: per project, the latest run, recent runs for the pass-rate
// and duration trends, and how many specs failed in the latest finished run.
import { db } from "@/lib/db";

const RECENT = 30;

export async function findProjectOverviews() {
  const projects = await db().project.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true, name: true } });
  return Promise.all(
    projects.map(async (p) => {
      const recent = await db().run.findMany({
        where: { projectId: p.id },
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        take: RECENT,
        select: {
          id: true, mode: true, branch: true, status: true, setupOk: true, startedAt: true, durationMs: true,
          setupDurationMs: true, testsTotal: true, testsPassed: true, testsFailed: true, testsErrored: true,
          testsSkipped: true, testsPending: true,
        },
      });
      const runCount = await db().run.count({ where: { projectId: p.id } });
      return { ...p, runCount, latest: recent[0] ?? null, recent: recent.reverse() };
    }),
  );
}

export type ProjectOverview = Awaited<ReturnType<typeof findProjectOverviews>>[number];
