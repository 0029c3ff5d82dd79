// Durations of the runs a run is compared with: the last N finished runs of
// the same project and mode that started before it, whose setup did not fail
// (a setup failure ends a run early and would drag the median down).
// Plain SQL on the (projectId, mode, startedAt) index: read on every run page.
import { pool } from "@/lib/db";
import { utcTimestamp } from "@/lib/queries/run-key";

export const BASELINE_RUNS = 20;

export async function findModeBaseline(run: { id: string; projectId: string; mode: string; startedAt: Date }, n = BASELINE_RUNS): Promise<number[]> {
  const { rows } = await pool().query<{ durationMs: number }>(
    `SELECT "durationMs" FROM runs
      WHERE "projectId" = $1 AND mode = $2 AND "startedAt" <= $3::timestamp AND id <> $4
        AND "finishedAt" IS NOT NULL AND "durationMs" IS NOT NULL AND status NOT IN ('running', 'cancelled')
        AND "setupOk" IS DISTINCT FROM false
        -- a run a lead kept out of the statistics is no one's baseline either
        AND NOT "statsExcluded"
      ORDER BY "startedAt" DESC, id DESC
      LIMIT $5`,
    [run.projectId, run.mode, utcTimestamp(run.startedAt), run.id, n],
  );
  return rows.map((r) => r.durationMs);
}
