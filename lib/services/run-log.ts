// The live output tail of a CI run (`runboard exec`): chunks appended in
// order, numbered here, and trimmed to the newest MAX_RUN_LOG_CHARS so that a
// chatty command costs a bounded amount of storage. A finished run takes no more.
import { AppError } from "@/lib/errors";
import type { RunLogPayload } from "@/lib/schemas/run-log";
import { withTransaction } from "@/lib/services/sql";

export const MAX_RUN_LOG_CHARS = 512 * 1024;

export async function appendRunLog(runId: string, chunks: RunLogPayload["chunks"]): Promise<{ seq: number }> {
  return withTransaction(async (client) => {
    // the run row serialises concurrent appends of one run (seq stays gapless)
    const { rows } = await client.query(`SELECT "finishedAt" FROM runs WHERE id = $1 FOR UPDATE`, [runId]);
    if (!rows[0]) throw new AppError("not_found", `Run ${runId} does not exist`);
    if (rows[0].finishedAt) throw new AppError("conflict", "The run is finished; its live log takes no more output");
    const { rows: top } = await client.query(`SELECT coalesce(max(seq), 0)::int AS seq FROM run_log_chunks WHERE "runId" = $1`, [runId]);
    let seq: number = top[0].seq;
    const values: unknown[] = [];
    const tuples = chunks.map((c, i) => {
      values.push(runId, ++seq, c.stream, c.text.replace(/\0/g, ""));
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
    });
    await client.query(`INSERT INTO run_log_chunks ("runId", seq, stream, text) VALUES ${tuples.join(", ")}`, values);
    // keep the newest chunks that fit the limit
    await client.query(
      `DELETE FROM run_log_chunks WHERE "runId" = $1 AND seq < (
         SELECT coalesce(min(seq), 0) FROM (
           SELECT seq, sum(length(text)) OVER (ORDER BY seq DESC) AS acc FROM run_log_chunks WHERE "runId" = $1
         ) t WHERE acc <= $2)`,
      [runId, MAX_RUN_LOG_CHARS],
    );
    return { seq };
  });
}
