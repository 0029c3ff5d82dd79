// The run page's header, phases and report list (never the report bodies).
import { db } from "@/lib/db";
import { isUuid } from "@/lib/schemas/uuid";

/** null when the id is malformed or unknown (the page answers 404). */
export async function getRunDetail(id: string) {
  if (!isUuid(id)) return null;
  return db().run.findUnique({
    where: { id },
    select: {
      id: true, projectId: true, mode: true, externalId: true, branch: true, commitSha: true, ciUrl: true, runnerHost: true,
      labels: true, source: true, startedAt: true, finishedAt: true, durationMs: true, setupDurationMs: true, testDurationMs: true,
      status: true, claimedStatus: true, setupOk: true,
      testsTotal: true, testsPassed: true, testsFailed: true, testsErrored: true, testsSkipped: true, testsPending: true,
      testsFlaky: true, testsMuted: true, testsDeclared: true,
      project: { select: { slug: true, name: true } },
      phases: {
        orderBy: [{ position: "asc" }, { startedAt: "asc" }],
        select: { id: true, name: true, parentId: true, group: true, position: true, status: true, startedAt: true, finishedAt: true, durationMs: true, attributes: true },
      },
      reports: {
        orderBy: { createdAt: "asc" },
        select: { id: true, filename: true, format: true, dialect: true, caseCount: true, sizeBytes: true, warnings: true, declared: true },
      },
    },
  });
}

export type RunDetail = NonNullable<Awaited<ReturnType<typeof getRunDetail>>>;
