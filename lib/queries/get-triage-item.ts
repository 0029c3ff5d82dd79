// One triage item with its audit history and the runs where its spec failed.
import { db, pool } from "@/lib/db";

export async function getTriageItem(id: string) {
  const item = await db().triageItem.findUnique({
    where: { id },
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
  const [categories, failures] = await Promise.all([
    db().triageCategory.findMany({ where: { projectId: item.projectId }, orderBy: [{ position: "asc" }, { label: "asc" }], select: { id: true, key: true, label: true } }),
    pool().query(
      `SELECT r."runId", r."runStartedAt" AT TIME ZONE 'UTC' AS "runStartedAt", r.status::text AS status, left(r.message, 300) AS message, run.branch, run.mode
         FROM test_results r JOIN runs run ON run.id = r."runId"
        WHERE r."testCaseId" = $1 AND r.status IN ('failed', 'errored')
        ORDER BY r."runStartedAt" DESC LIMIT 50`,
      [item.testCaseId],
    ),
  ]);
  return { item, categories, failures: failures.rows as { runId: string; runStartedAt: Date; status: string; message: string | null; branch: string | null; mode: string }[] };
}
