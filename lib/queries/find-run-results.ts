// A run's spec results for its page: failures first, then by report order,
// at most `limit` rows ("show more" raises the limit in steps of 200: each row
// is rendered and sent to the browser's table, so the first answer stays small).
// Messages are cut at 2,000 characters here; the failure groups show them whole.
import { pool } from "@/lib/db";
import { type RunKey, resolveRunKey, runKeyParams, runResultsWhere } from "@/lib/queries/run-key";
import type { ResultStatus } from "@/lib/schemas/status";

export const RESULTS_STEP = 200;
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

/** `run`: the run (its project and start prune the month partitions), or its id. */
export async function findRunResults(run: RunKey | string, limit = RESULTS_STEP): Promise<RunResultRow[]> {
  const key = await resolveRunKey(run);
  if (!key) return [];
  const { rows } = await pool().query<RunResultRow>(
    `SELECT r.id::text AS id, r."testCaseId" AS "testCaseId", tc.name, r.status::text AS status,
            r."durationMs" AS "durationMs", left(r.message, 2000) AS message, r.retries, r.flaky
       FROM test_results r JOIN test_cases tc ON tc.id = r."testCaseId"
      WHERE ${runResultsWhere("r", 1)}
      ORDER BY array_position(ARRAY['failed','errored','passed','skipped','pending'], r.status::text), r.id
      LIMIT $4`,
    [...runKeyParams(key), Math.min(Math.max(limit, 1), RESULTS_MAX)],
  );
  return rows;
}
