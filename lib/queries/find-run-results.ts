// A run's spec results for its page: failures first, then by report order,
// at most `limit` rows ("show more" raises the limit in steps of 500).
// Messages are cut at 2,000 characters here; the failure groups show them whole.
import { pool } from "@/lib/db";
import type { ResultStatus } from "@/lib/schemas/status";

export const RESULTS_STEP = 500;
export const RESULTS_MAX = 20_000;

export interface RunResultRow {
  id: string;
  testCaseId: string;
  name: string;
  status: ResultStatus;
  durationMs: number | null;
  message: string | null;
  retries: number;
  flaky: boolean;
}

export async function findRunResults(runId: string, limit = RESULTS_STEP): Promise<RunResultRow[]> {
  const { rows } = await pool().query<RunResultRow>(
    `SELECT r.id::text AS id, r."testCaseId" AS "testCaseId", tc.name, r.status::text AS status,
            r."durationMs" AS "durationMs", left(r.message, 2000) AS message, r.retries, r.flaky
       FROM test_results r JOIN test_cases tc ON tc.id = r."testCaseId"
      WHERE r."runId" = $1
      ORDER BY array_position(ARRAY['failed','errored','passed','skipped','pending'], r.status::text), r.id
      LIMIT $2`,
    [runId, Math.min(Math.max(limit, 1), RESULTS_MAX)],
  );
  return rows;
}
