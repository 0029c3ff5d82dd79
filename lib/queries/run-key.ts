// What finds a run's results in test_results cheaply. The table is partitioned
// by month of "runStartedAt" (the run's start, copied onto each result when it
// is stored) and carries the run's project: a query that names the run, its
// project and its start reads one month's index instead of probing every
// month's (partition pruning), and names Citus' distribution column
// (docs/scaling.md). Pages have loaded the run already and pass it; callers
// with an id only pay one primary-key lookup.
import { pool } from "@/lib/db";
import { isUuid } from "@/lib/schemas/uuid";

export interface RunKey {
  id: string;
  projectId: string;
  startedAt: Date;
}

/** Stored without zone, in UTC (Prisma's mapping): the ISO text without "Z" is the stored value. */
export function utcTimestamp(d: Date): string {
  return d.toISOString().replace("Z", "");
}

/** SQL: a stored timestamp column (UTC, without zone) as epoch milliseconds (float8: read as a number, no date parsing), whatever the process' zone. */
export function epochMsSql(col: string): string {
  return `(extract(epoch FROM ${col}) * 1000)::float8`;
}

/** `alias."runId" = $n AND alias."projectId" = $n+1 AND alias."runStartedAt" = $n+2`, with runKeyParams(run) at $n. */
export function runResultsWhere(alias: string, first: number): string {
  return `${alias}."runId" = $${first}::uuid AND ${alias}."projectId" = $${first + 1}::uuid AND ${alias}."runStartedAt" = $${first + 2}::timestamp`;
}

export function runKeyParams(run: RunKey): [string, string, string] {
  return [run.id, run.projectId, utcTimestamp(run.startedAt)];
}

/** The run itself when given; else its key by id (null when there is no such run). */
export async function resolveRunKey(run: RunKey | string): Promise<RunKey | null> {
  if (typeof run !== "string") return run;
  if (!isUuid(run)) return null;
  const { rows } = await pool().query<RunKey>(
    `SELECT id, "projectId", "startedAt" AT TIME ZONE 'UTC' AS "startedAt" FROM runs WHERE id = $1`,
    [run],
  );
  return rows[0] ?? null;
}
