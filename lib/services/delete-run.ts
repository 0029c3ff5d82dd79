// Delete a run with everything that belongs to it. test_results has no FKs
// (see the schema), so its rows are deleted here rather than by cascade.
import type pg from "pg";
import { withTransaction } from "@/lib/services/sql";

export async function deleteRun(runId: string, outer?: pg.PoolClient): Promise<boolean> {
  return withTransaction(async (client) => {
    await client.query(`DELETE FROM test_results WHERE "runId" = $1`, [runId]);
    const { rowCount } = await client.query(`DELETE FROM runs WHERE id = $1`, [runId]);
    return (rowCount ?? 0) > 0;
  }, outer);
}
