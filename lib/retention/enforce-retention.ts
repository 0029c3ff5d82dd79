// Enforces each project's retention (projects."resultRetentionDays"; null keeps
// everything) on the two partitioned tables (decision 20):
// - a month partition is dropped whole once every project's retention has
//   passed its end (only when no project keeps results forever): milliseconds,
//   whatever its size;
// - otherwise a project's expired rows are deleted inside the partitions, run
//   by run (index lookups in batches), never a table-wide DELETE.
// Runs, their counters and summaries, triage items and their history stay.
// Called by the worker's daily job (lib/retention/worker.ts) and the page benchmark.
import type pg from "pg";
import { pool } from "@/lib/db";
import { log } from "@/lib/log";
import { utcTimestamp } from "@/lib/queries/run-key";
import { type PartitionedTable, ensureMonthPartition, forgetPartitions, listMonthPartitions } from "@/lib/retention/partitions";

const DAY_MS = 86_400_000;
/** runs (or jobs) whose rows are deleted in one statement */
const BATCH = 200;

export interface RetentionOutcome {
  /** partitions dropped whole */
  dropped: string[];
  /** rows deleted inside partitions that stay */
  deleted: number;
  ms: number;
}

interface Policy {
  projectId: string;
  days: number | null;
}

export async function enforceRetention(now = new Date(), db: pg.Pool = pool()): Promise<RetentionOutcome> {
  const t = performance.now();
  const out: RetentionOutcome = { dropped: [], deleted: 0, ms: 0 };
  const client = await db.connect();
  try {
    // one enforcement at a time across all workers
    const { rows: [lock] } = await client.query(`SELECT pg_try_advisory_lock(hashtext('runboard:retention')) AS ok`);
    if (!lock.ok) return out;
    try {
      for (const table of ["test_results", "job_log_chunks"] as const) {
        // the coming month exists before anything is written to it
        for (const at of [now, new Date(now.getTime() + 31 * DAY_MS)]) await ensureMonthPartition(table, at, client);
      }
      const { rows } = await client.query<Policy>(`SELECT id AS "projectId", "resultRetentionDays" AS days FROM projects`);
      const limited = rows.filter((p): p is Policy & { days: number } => p.days !== null);
      if (!limited.length) return out;
      const keepAll = limited.length < rows.length;
      const maxDays = Math.max(...limited.map((p) => p.days));
      for (const table of ["test_results", "job_log_chunks"] as const) {
        if (!keepAll) out.dropped.push(...(await dropExpiredMonths(client, table, new Date(now.getTime() - maxDays * DAY_MS))));
      }
      const since = await earliestResult(client);
      for (const p of limited) out.deleted += await deleteExpired(client, p.projectId, new Date(now.getTime() - p.days * DAY_MS), since);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('runboard:retention'))`);
    }
  } finally {
    client.release();
  }
  out.ms = performance.now() - t;
  if (out.dropped.length || out.deleted) log().info({ dropped: out.dropped, deleted: out.deleted, ms: Math.round(out.ms) }, "retention enforced");
  return out;
}

/** Drop the partitions that end before the cutoff. A short lock timeout: a busy table is tried again next time. */
async function dropExpiredMonths(client: pg.PoolClient, table: PartitionedTable, cutoff: Date): Promise<string[]> {
  const dropped: string[] = [];
  for (const p of await listMonthPartitions(client, table)) {
    if (p.to.getTime() > cutoff.getTime()) break;
    await client.query(`SET lock_timeout = '5s'`);
    try {
      await client.query(`DROP TABLE "${p.name}"`);
      dropped.push(p.name);
    } finally {
      await client.query(`RESET lock_timeout`);
    }
  }
  if (dropped.length) forgetPartitions();
  return dropped;
}

/**
 * The start of the oldest month partition of test_results: no run that
 * started before it has results left. Null (no bound) when the table has a
 * DEFAULT partition, which could hold rows of any time.
 */
async function earliestResult(client: pg.PoolClient): Promise<Date | null> {
  const { rows: [t] } = await client.query<{ hasDefault: boolean }>(
    `SELECT partdefid <> 0 AS "hasDefault" FROM pg_partitioned_table WHERE partrelid = 'test_results'::regclass`);
  if (!t || t.hasDefault) return null;
  return (await listMonthPartitions(client, "test_results"))[0]?.from ?? null;
}

/** Delete one project's result rows and job logs older than its cutoff, a batch of runs (jobs) per statement. */
async function deleteExpired(client: pg.PoolClient, projectId: string, cutoff: Date, since: Date | null): Promise<number> {
  let deleted = 0;
  // runs that still have results (each probe stays in the run's own month partition), only those from the
  // oldest month kept on: after a month is dropped, probing each of its runs cost ~0.1 ms per run for nothing
  // (~0.6 s of a month's removal at 300k runs)
  const { rows: runs } = await client.query<{ id: string; startedAt: Date }>(
    `SELECT r.id, r."startedAt" FROM runs r
      WHERE r."projectId" = $1 AND r."startedAt" < $2 AND ($3::timestamp IS NULL OR r."startedAt" >= $3::timestamp)
        AND EXISTS (SELECT 1 FROM test_results t WHERE t."runId" = r.id AND t."runStartedAt" = r."startedAt")`,
    [projectId, cutoff, since === null ? null : utcTimestamp(since)],
  );
  for (let i = 0; i < runs.length; i += BATCH) {
    const batch = runs.slice(i, i + BATCH);
    const r = await client.query(
      `DELETE FROM test_results WHERE "projectId" = $1 AND "runId" = ANY($2::uuid[]) AND "runStartedAt" < $3`,
      [projectId, batch.map((x) => x.id), cutoff],
    );
    deleted += r.rowCount ?? 0;
  }
  const { rows: jobs } = await client.query<{ id: string }>(
    `SELECT id FROM provisioning_jobs j WHERE "projectId" = $1 AND "createdAt" < $2
        AND EXISTS (SELECT 1 FROM job_log_chunks c WHERE c."jobId" = j.id AND c."createdAt" < $2)`,
    [projectId, cutoff],
  );
  for (let i = 0; i < jobs.length; i += BATCH) {
    const r = await client.query(`DELETE FROM job_log_chunks WHERE "jobId" = ANY($1::uuid[]) AND "createdAt" < $2`, [jobs.slice(i, i + BATCH).map((j) => j.id), cutoff]);
    deleted += r.rowCount ?? 0;
  }
  return deleted;
}
