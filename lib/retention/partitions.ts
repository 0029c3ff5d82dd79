// Monthly partitions of test_results (by the run's start) and job_log_chunks
// (by the chunk's time): PostgreSQL declarative partitioning, decision 20.
// A month's partition is created on first use by runboard_month_partition()
// (SQL, migration 20261206010148_partitioned_results_retention), inside the
// caller's transaction (an ingest's, for its run's month); concurrent callers
// for a missing month wait on that month's advisory lock, and one that finds
// the partition created meanwhile goes on (migration 20261206053000,
// lib/retention/partition-race.db.test.ts).
import type pg from "pg";
import { pool } from "@/lib/db";

export type PartitionedTable = "test_results" | "job_log_chunks";

export interface MonthPartition {
  name: string;
  /** inclusive lower bound, UTC */
  from: Date;
  /** exclusive upper bound, UTC */
  to: Date;
}

/** months known to exist in this process, with when the knowledge expires */
const known = new Map<string, number>();
const KNOWN_MS = 10 * 60_000;
/**
 * Only months that ended less than this long ago are remembered: retention
 * keeps at least 30 days (MIN_RETENTION_DAYS), so no remembered month can be
 * dropped by another process while this one still trusts it.
 */
const REMEMBER_ENDED_MS = 29 * 86_400_000;

/** partition name for a time, e.g. test_results_p2026_12 */
export function partitionName(table: PartitionedTable, at: Date): string {
  return `${table}_p${at.getUTCFullYear()}_${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
}

/**
 * Make sure the month holding `at` has its partition (remembered for a few
 * minutes per process). Inside a transaction, pass onCommit (afterCommit):
 * a partition created there exists only once it commits.
 */
export async function ensureMonthPartition(
  table: PartitionedTable, at: Date, db: pg.Pool | pg.PoolClient = pool(), onCommit?: (hook: () => void) => void,
): Promise<void> {
  const name = partitionName(table, at);
  if ((known.get(name) ?? 0) > Date.now()) return;
  await db.query(`SELECT runboard_month_partition($1, $2::timestamp)`, [table, at.toISOString().slice(0, 23)]);
  const monthEnd = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
  if (monthEnd <= Date.now() - REMEMBER_ENDED_MS) return;
  const remember = () => void known.set(name, Date.now() + KNOWN_MS);
  if (onCommit) onCommit(remember);
  else remember();
}

/** Forget what this process knows (after dropping partitions here). */
export function forgetPartitions(): void {
  known.clear();
}

/** The table's monthly partitions, oldest first. */
export async function listMonthPartitions(db: pg.Pool | pg.PoolClient, table: PartitionedTable): Promise<MonthPartition[]> {
  const { rows } = await db.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = $1::regclass`,
    [table],
  );
  const out: MonthPartition[] = [];
  for (const r of rows) {
    const m = /FROM \('([^']+)'\) TO \('([^']+)'\)/.exec(r.bound);
    if (!m) continue; // a DEFAULT partition, none is created here
    out.push({ name: r.name, from: new Date(`${m[1].replace(" ", "T")}Z`), to: new Date(`${m[2].replace(" ", "T")}Z`) });
  }
  return out.sort((a, b) => a.from.getTime() - b.from.getTime());
}
