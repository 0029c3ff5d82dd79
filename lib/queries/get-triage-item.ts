// One triage item with its audit history and the runs where its spec failed.
// History entries caused by a run are dated by the run's start (`at`), with
// the upload time kept as `createdAt`.
import { type ProjectScope, projectFilter } from "@/lib/auth/project-access";
import { db, pool } from "@/lib/db";

/** null when unknown or outside the reader's `scope` (alike: 404). */
export async function getTriageItem(id: string, scope: ProjectScope = null) {
  const item = await db().triageItem.findUnique({
    where: { id, ...projectFilter(scope) },
    include: {
      project: { select: { slug: true, name: true, autoResolveAfter: true } },
      testCase: { select: { id: true, name: true, classname: true, suite: true, requirementIds: true, testIds: true } },
      category: { select: { id: true, key: true, label: true } },
      suggestedCategory: { select: { id: true, key: true, label: true } },
      assignee: { select: { id: true, name: true } },
      ownerTeam: { select: { slug: true, name: true } },
      signature: { select: { text: true } },
      events: { orderBy: { createdAt: "asc" }, include: { actor: { select: { name: true } } } },
    },
  });
  if (!item) return null;
  const runIds = [...new Set(item.events.map((e) => e.runId).filter((r): r is string => !!r))];
  const [categories, failures, eventRuns] = await Promise.all([
    db().triageCategory.findMany({ where: { projectId: item.projectId }, orderBy: [{ position: "asc" }, { label: "asc" }], select: { id: true, key: true, label: true } }),
    pool().query(
      `SELECT r."runId", r."runStartedAt" AT TIME ZONE 'UTC' AS "runStartedAt", r.status::text AS status, left(r.message, 300) AS message, run.branch, run.mode
         FROM test_results r JOIN runs run ON run.id = r."runId" AND run."projectId" = r."projectId"
        WHERE r."testCaseId" = $1 AND r."projectId" = $2 AND r.status IN ('failed', 'errored')
        ORDER BY r."runStartedAt" DESC LIMIT 50`,
      [item.testCaseId, item.projectId],
    ),
    // the run's start as its evidence has it (derived from phases or reports when no start was claimed)
    pool().query<{ id: string; startedAt: Date }>(
      `SELECT id, coalesce("windowStart", "startedAt") AT TIME ZONE 'UTC' AS "startedAt" FROM runs WHERE id = ANY($1::uuid[]) AND "projectId" = $2`,
      [runIds, item.projectId],
    ),
  ]);
  const runStart = new Map(eventRuns.rows.map((r) => [r.id, r.startedAt]));
  // an event caused by a run (opened, reopened, resolved automatically) happened
  // at the run's time; createdAt is when it was recorded (the upload)
  const events = item.events
    .map((e) => ({ ...e, at: (e.runId && runStart.get(e.runId)) || e.createdAt }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
  return { item: { ...item, events }, categories, failures: failures.rows as { runId: string; runStartedAt: Date; status: string; message: string | null; branch: string | null; mode: string }[] };
}
