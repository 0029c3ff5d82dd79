// A spec's last N results, newest first: one range scan of the
// (testCaseId, runStartedAt desc) index, joined to their runs and signatures.
// Timestamps are stored without zone (Prisma's mapping) and are UTC, hence AT TIME ZONE.
import { pool } from "@/lib/db";
import type { ResultStatus } from "@/lib/schemas/status";

export const HISTORY_RUNS = 50;

export interface SpecHistoryRow {
  resultId: string;
  runId: string;
  runStartedAt: Date;
  mode: string;
  branch: string | null;
  commitSha: string | null;
  status: ResultStatus;
  durationMs: number | null;
  /** up to 8,000 characters of the failure message (or details when there is no message) */
  message: string | null;
  retries: number;
  flaky: boolean;
  signature: string | null;
}

/** `spec`: the spec with its project (the results are read within it), or its id alone. */
export async function findSpecHistory(spec: { id: string; projectId: string } | string, n = HISTORY_RUNS): Promise<SpecHistoryRow[]> {
  const [testCaseId, projectId] = typeof spec === "string" ? [spec, null] : [spec.id, spec.projectId];
  const { rows } = await pool().query<SpecHistoryRow>(
    `SELECT r.id::text AS "resultId", r."runId" AS "runId", r."runStartedAt" AT TIME ZONE 'UTC' AS "runStartedAt", run.mode, run.branch,
            run."commitSha" AS "commitSha", r.status::text AS status, r."durationMs" AS "durationMs",
            CASE WHEN r.status IN ('failed', 'errored') THEN left(coalesce(r.message, r.details), 8000) END AS message,
            r.retries, r.flaky, fs.text AS signature
       FROM test_results r
       JOIN runs run ON run.id = r."runId" AND run."projectId" = r."projectId"
       LEFT JOIN failure_signatures fs ON fs.id = r."signatureId"
      WHERE r."testCaseId" = $1 AND ($3::uuid IS NULL OR r."projectId" = $3)
      ORDER BY r."runStartedAt" DESC, r.id DESC
      LIMIT $2`,
    [testCaseId, n, projectId],
  );
  return rows;
}
