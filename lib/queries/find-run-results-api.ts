// GET /api/v1/runs/:id/results: a run's results with their specs and failure signatures. test_results has
// no relation fields (no FKs, see the schema), so specs and signatures are
// fetched by id in one query each.
import { db } from "@/lib/db";
import type { RunKey } from "@/lib/queries/run-key";
import type { ResultStatus } from "@/lib/schemas/status";

/** `run`: its project and start name the one month partition that holds its results. */
export async function findRunResultsForApi(run: RunKey, q: { status?: ResultStatus; limit: number; cursor?: bigint }) {
  const rows = await db().testResult.findMany({
    where: { runId: run.id, projectId: run.projectId, runStartedAt: run.startedAt, ...(q.status && { status: q.status }), ...(q.cursor !== undefined && { id: { gt: q.cursor } }) },
    orderBy: { id: "asc" },
    take: q.limit + 1,
    select: { id: true, testCaseId: true, signatureId: true, status: true, durationMs: true, message: true, failureType: true, retries: true, flaky: true },
  });
  const page = rows.slice(0, q.limit);
  const [specs, signatures] = await Promise.all([
    db().testCase.findMany({
      where: { id: { in: [...new Set(page.map((r) => r.testCaseId))] } },
      select: { id: true, suite: true, classname: true, name: true, file: true, requirementIds: true, testIds: true },
    }),
    db().failureSignature.findMany({
      where: { id: { in: [...new Set(page.flatMap((r) => (r.signatureId ? [r.signatureId] : [])))] } },
      select: { id: true, hash: true, text: true },
    }),
  ]);
  const specById = new Map(specs.map((s) => [s.id, s]));
  const sigById = new Map(signatures.map((s) => [s.id, s]));
  return {
    results: page.map((r) => ({
      status: r.status, durationMs: r.durationMs, message: r.message, failureType: r.failureType, retries: r.retries, flaky: r.flaky,
      spec: specById.get(r.testCaseId) ?? null,
      signature: r.signatureId ? { hash: sigById.get(r.signatureId)?.hash, text: sigById.get(r.signatureId)?.text } : null,
    })),
    nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null,
  };
}
