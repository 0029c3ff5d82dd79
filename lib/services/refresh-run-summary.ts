// Recompute a run's derived fields (status, setup outcome, durations) from its
// phases and counters. Called inside the transaction that changed them.
import type pg from "pg";
import { computeRunStatus } from "@/lib/analysis/run-status";

export async function refreshRunSummary(client: pg.PoolClient, runId: string) {
  const { rows } = await client.query(
    `SELECT r."startedAt", r."finishedAt", r."claimedStatus", r."testsPassed", r."testsFailed", r."testsErrored",
            r."testsSkipped", r."testsPending", r."testsMuted",
            (SELECT coalesce(array_agg(p.status::text), '{}') FROM phases p WHERE p."runId" = r.id) AS statuses,
            (SELECT min(p."startedAt") FROM phases p WHERE p."runId" = r.id AND p."parentId" IS NULL) AS "setupStart",
            (SELECT max(p."finishedAt") FROM phases p WHERE p."runId" = r.id AND p."parentId" IS NULL) AS "setupEnd"
       FROM runs r WHERE r.id = $1`,
    [runId],
  );
  const r = rows[0];
  if (!r) return;
  const verdict = computeRunStatus({
    finished: r.finishedAt !== null,
    claimed: r.claimedStatus,
    phaseStatuses: r.statuses,
    passed: r.testsPassed,
    failed: r.testsFailed,
    errored: r.testsErrored,
    skipped: r.testsSkipped,
    pending: r.testsPending,
    muted: r.testsMuted,
  });
  const setupDurationMs = r.setupStart && r.setupEnd ? r.setupEnd.getTime() - r.setupStart.getTime() : null;
  const durationMs = r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null;
  await client.query(
    `UPDATE runs SET status = $2::"RunStatus", "setupOk" = $3, "setupDurationMs" = $4, "durationMs" = $5, "updatedAt" = now()
      WHERE id = $1`,
    [runId, verdict.status, verdict.setupOk, setupDurationMs, durationMs],
  );
  return verdict;
}

/** Lock the run row for the rest of the transaction; null when it does not exist. */
export async function lockRun(client: pg.PoolClient, runId: string) {
  const { rows } = await client.query(
    `SELECT id, "projectId", "startedAt", "finishedAt" FROM runs WHERE id = $1 FOR UPDATE`,
    [runId],
  );
  return (rows[0] as { id: string; projectId: string; startedAt: Date; finishedAt: Date | null } | undefined) ?? null;
}
