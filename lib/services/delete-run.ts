// Delete a run with everything that belongs to it. test_results has no FKs
// (see the schema), so its rows are deleted here rather than by cascade.
import type pg from "pg";
import { type RunKey, runKeyParams, runResultsWhere } from "@/lib/queries/run-key";
import { timingChanged } from "@/lib/queries/recent-project-timing";
import { withTransaction } from "@/lib/services/sql";

export async function deleteRun(runId: string, outer?: pg.PoolClient): Promise<boolean> {
  return withTransaction(async (client) => {
    // the run's key names its results' partition and project (lib/queries/run-key.ts)
    const { rows: [run] } = await client.query<RunKey>(`DELETE FROM runs WHERE id = $1 RETURNING id, "projectId", "startedAt" AT TIME ZONE 'UTC' AS "startedAt"`, [runId]);
    if (!run) return false;
    await client.query(`DELETE FROM test_results r WHERE ${runResultsWhere("r", 1)}`, runKeyParams(run));
    timingChanged(run.projectId);
    return true;
  }, outer);
}
