// The requirement grid's per-run summary (run_requirement_outcomes,
// docs/decisions/0022-requirement-outcomes-grid.md): for each spec that names a
// requirement, its worst result in the run (f failed/errored > s skipped/pending
// > p passed), one character per spec, aligned with the spec ids. Written
// in the ingest transaction from ALL of the run's results, not only the new
// report's, so a run with several reports (a spec passing in one and failing in
// another) reads "f". /requirements/grid then reads ~100 small rows instead of
// aggregating test_results (lib/queries/get-requirement-grid.ts).
import type pg from "pg";
import { type RunKey, runKeyParams, runResultsWhere } from "@/lib/queries/run-key";

const WORST = `min(CASE t.status WHEN 'failed' THEN 0 WHEN 'errored' THEN 0 WHEN 'skipped' THEN 1 WHEN 'pending' THEN 1 ELSE 2 END)`;
// array_agg and string_agg of one aggregate step see the rows in the same order, so the
// characters line up with the ids without sorting 2 x n rows (the ids' order means nothing)
const SUMMARY = `array_agg(w."testCaseId"), string_agg(substr('fsp', w.worst + 1, 1), '')`;

/**
 * Set-based fill for every run that has results (the migration's backfill does the same;
 * lib/bench/generate-history.ts uses this after writing results without the ingest).
 * Results of a run that no longer exists are skipped (test_results has no FK).
 */
export const FILL_ALL_REQUIREMENT_OUTCOMES = `
  INSERT INTO run_requirement_outcomes ("runId", "projectId", "testCaseIds", outcomes)
  SELECT r.id, r."projectId", ${SUMMARY}
    FROM (SELECT t."runId", t."testCaseId", ${WORST} AS worst
            FROM test_results t
            JOIN test_cases tc ON tc.id = t."testCaseId" AND tc."projectId" = t."projectId" AND tc."requirementIds" <> '{}'
           GROUP BY 1, 2) w
    JOIN runs r ON r.id = w."runId"
   GROUP BY r.id
  ON CONFLICT ("runId") DO UPDATE SET "testCaseIds" = EXCLUDED."testCaseIds", outcomes = EXCLUDED.outcomes`;

/** From this many results on, the run's specs are matched by one hash join with the project's specs. */
export const LARGE_RUN = 5_000;

/**
 * Recompute one run's summary from all of its results, inside the caller's transaction (the
 * ingest's, with the run locked). A run none of whose results belongs to a spec that names a
 * requirement has no row (the grid shows "not run"). The run's results are grouped first (one
 * index range per month partition), then matched with the specs that name a requirement.
 * Rows written in this transaction have no statistics, so the planner takes a large run for a
 * few hundred rows: a nested loop with one primary-key probe per spec (100k probes: ~0.8 s on a
 * loaded machine) and a grouping spilled to disk. For a large run (counters already updated)
 * the transaction's settings ask for a hash join and room to group in memory, then are put back.
 */
export async function refreshRequirementOutcomes(client: pg.PoolClient, run: RunKey): Promise<void> {
  await client.query(`DELETE FROM run_requirement_outcomes WHERE "runId" = $1`, [run.id]);
  const { rows: [r] } = await client.query<{ total: number; nestloop: string; workMem: string }>(
    `SELECT "testsTotal" AS total, current_setting('enable_nestloop') AS nestloop, current_setting('work_mem') AS "workMem" FROM runs WHERE id = $1`,
    [run.id],
  );
  const large = (r?.total ?? 0) >= LARGE_RUN;
  if (large) await client.query(`SELECT set_config('enable_nestloop', 'off', true), set_config('work_mem', '64MB', true)`);
  await client.query(
    `WITH w AS (SELECT t."testCaseId", ${WORST} AS worst FROM test_results t WHERE ${runResultsWhere("t", 1)} GROUP BY 1)
     INSERT INTO run_requirement_outcomes ("runId", "projectId", "testCaseIds", outcomes)
     SELECT $1, $2, ${SUMMARY}
       FROM w JOIN test_cases tc ON tc.id = w."testCaseId" AND tc."projectId" = $2 AND tc."requirementIds" <> '{}'
     HAVING count(*) > 0`,
    runKeyParams(run),
  );
  if (large) await client.query(`SELECT set_config('enable_nestloop', $1, true), set_config('work_mem', $2, true)`, [r.nestloop, r.workMem]);
}
