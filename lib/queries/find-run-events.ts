// A run's history (lead exclusions from the statistics and their reversals), oldest first.
// Plain SQL: read on every run page, where Prisma's per-query compilation cost more than the query.
import { pool } from "@/lib/db";

export interface RunEventRow {
  id: string;
  kind: string;
  reason: string;
  createdAt: Date;
  actorName: string;
}

export async function findRunEvents(runId: string): Promise<RunEventRow[]> {
  const { rows } = await pool().query<RunEventRow>(
    `SELECT e.id, e.kind, e.reason, e."createdAt" AT TIME ZONE 'UTC' AS "createdAt", coalesce(u.name, 'a removed user') AS "actorName"
       FROM run_events e LEFT JOIN users u ON u.id = e."actorId"
      WHERE e."runId" = $1
      ORDER BY e."createdAt", e.id
      LIMIT 200`,
    [runId],
  );
  return rows;
}
