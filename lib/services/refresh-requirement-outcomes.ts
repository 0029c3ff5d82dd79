// The requirement grid's per-run summary (run_requirement_outcomes,
// docs/decisions/0022-requirement-outcomes-grid.md): for each spec that names a
// requirement, its worst result in the run (f failed/errored > s skipped/pending
// > p passed), one character per spec aligned with the sorted spec ids. Written
// in the ingest transaction from ALL of the run's results, not only the new
// report's, so a run with several reports (a spec passing in one and failing in
// another) reads "f". /requirements/grid then reads ~100 small rows instead of
// aggregating test_results (lib/queries/get-requirement-grid.ts).
import type pg from "pg";

/** Worst result of each (run, spec that names a requirement); `where` narrows the results read. */
const worstPerSpec = (where: string) => `
  SELECT t."runId", t."testCaseId",
         min(CASE t.status WHEN 'failed' THEN 0 WHEN 'errored' THEN 0 WHEN 'skipped' THEN 1 WHEN 'pending' THEN 1 ELSE 2 END) AS worst
    FROM test_results t JOIN test_cases tc ON tc.id = t."testCaseId" AND tc."requirementIds" <> '{}'
   WHERE ${where}
   GROUP BY 1, 2`;

/** One summary row per run from the worst-per-spec rows w (joined to runs: results of a deleted run are skipped). */
const summaryRows = (where: string) => `
  SELECT r.id, r."projectId", array_agg(w."testCaseId" ORDER BY w."testCaseId"),
         string_agg(substr('fsp', w.worst + 1, 1), '' ORDER BY w."testCaseId")
    FROM (${worstPerSpec(where)}) w JOIN runs r ON r.id = w."runId"
   GROUP BY r.id`;

/**
 * Set-based fill for every run that has results (the migration's backfill does the same;
 * lib/bench/generate-history.ts uses this after writing results without the ingest).
 */
export const FILL_ALL_REQUIREMENT_OUTCOMES = `
  INSERT INTO run_requirement_outcomes ("runId", "projectId", "testCaseIds", outcomes)
  ${summaryRows("true")}
  ON CONFLICT ("runId") DO UPDATE SET "testCaseIds" = EXCLUDED."testCaseIds", outcomes = EXCLUDED.outcomes`;

/**
 * Recompute the summary of the given runs from their results, inside the caller's transaction.
 * A run none of whose results belongs to a spec with a requirement has no row (the grid shows "not run").
 */
export async function refreshRequirementOutcomes(client: pg.PoolClient | pg.Pool, runIds: readonly string[]): Promise<void> {
  if (!runIds.length) return;
  await client.query(`DELETE FROM run_requirement_outcomes WHERE "runId" = ANY($1::uuid[])`, [runIds]);
  await client.query(
    `INSERT INTO run_requirement_outcomes ("runId", "projectId", "testCaseIds", outcomes)
     ${summaryRows(`t."runId" = ANY($1::uuid[])`)}`,
    [runIds],
  );
}
