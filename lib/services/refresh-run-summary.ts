// Recompute a run's derived fields (status, setup outcome, durations) from its
// phases and counters. Called inside the transaction that changed them.
import type pg from "pg";
import { computeRunStatus } from "@/lib/analysis/run-status";
import { checkRegression } from "@/lib/analysis/timing/regression";

const REGRESSION_WINDOW = 20;

/** Is this finished run's setup far above its mode's previous runs? null when it cannot be judged. */
async function setupRegression(client: pg.PoolClient, runId: string, setupMs: number | null, ok: boolean | null): Promise<boolean | null> {
  if (setupMs === null || ok === false) return null;
  const { rows } = await client.query(
    `SELECT p."setupDurationMs" AS ms FROM runs r JOIN runs p ON p."projectId" = r."projectId" AND p.mode = r.mode
      WHERE r.id = $1 AND p.id <> r.id AND p."startedAt" < r."startedAt" AND p."finishedAt" IS NOT NULL
        AND p."setupOk" IS NOT FALSE AND p."setupDurationMs" IS NOT NULL
      ORDER BY p."startedAt" DESC LIMIT $2`,
    [runId, REGRESSION_WINDOW],
  );
  const check = checkRegression(setupMs, rows.map((r) => r.ms).reverse(), { window: REGRESSION_WINDOW });
  return check.status === "not enough history" ? null : check.flagged;
}

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
  const regression = r.finishedAt ? await setupRegression(client, runId, setupDurationMs, verdict.setupOk) : null;
  await client.query(
    `UPDATE runs SET status = $2::"RunStatus", "setupOk" = $3, "setupDurationMs" = $4, "durationMs" = $5, "setupRegression" = $6,
            "updatedAt" = now()
      WHERE id = $1`,
    [runId, verdict.status, verdict.setupOk, setupDurationMs, durationMs, regression],
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
