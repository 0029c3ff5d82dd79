// The Postgres queue (graphile-worker, docs/decisions/0006-runner-queue.md).
// A queue job only says "try to start provisioning job X"; the
// provisioning_jobs row stays the truth about status, and the claim
// (lib/runner/claim.ts) decides whether the host has a free slot.
import type pg from "pg";
import { Logger, runMigrations } from "graphile-worker";
import { pool } from "@/lib/db";
import { log } from "@/lib/log";

export const PROVISION_TASK = "runboard_provision";

let schemaReady: Promise<void> | undefined;

/** graphile-worker's own schema (idempotent; once per process). */
export function ensureQueueSchema(): Promise<void> {
  schemaReady ??= runMigrations({ pgPool: pool(), logger: quietLogger() }).catch((e) => {
    schemaReady = undefined;
    throw e;
  });
  return schemaReady;
}

/**
 * Queue a start attempt for the oldest queued jobs of a host, as many as it
 * has free slots. Inside the caller's transaction, so a trigger and its queue
 * entry commit together. The job key keeps one entry per provisioning job.
 */
export async function dispatchHost(client: pg.PoolClient | pg.Pool, hostId: string): Promise<number> {
  const { rows } = await client.query(
    `SELECT j.id FROM provisioning_jobs j
       JOIN runner_hosts h ON h.id = j."runnerHostId"
      WHERE j."runnerHostId" = $1 AND j.status = 'queued'
      ORDER BY j."createdAt", j.id
      LIMIT greatest(0, (SELECT h2."maxConcurrent" FROM runner_hosts h2 WHERE h2.id = $1)
                      - (SELECT count(*) FROM provisioning_jobs a WHERE a."runnerHostId" = $1 AND a.status IN ('starting', 'running')))`,
    [hostId],
  );
  for (const r of rows) {
    await client.query(
      `SELECT graphile_worker.add_job($1, json_build_object('jobId', $2::text), job_key := $3, max_attempts := 5)`,
      [PROVISION_TASK, r.id, `provision:${r.id}`],
    );
  }
  return rows.length;
}

/** Hosts with queued jobs and a free slot: queue their next starts (the sweeper's safety net). */
export async function dispatchAll(): Promise<number> {
  const { rows } = await pool().query(
    `SELECT h.id FROM runner_hosts h
      WHERE EXISTS (SELECT 1 FROM provisioning_jobs q WHERE q."runnerHostId" = h.id AND q.status = 'queued')
        AND (SELECT count(*) FROM provisioning_jobs a WHERE a."runnerHostId" = h.id AND a.status IN ('starting', 'running')) < h."maxConcurrent"`,
  );
  let n = 0;
  for (const r of rows) n += await dispatchHost(pool(), r.id);
  return n;
}

/** graphile-worker's logger, reduced to warnings and errors as JSON lines. */
export function quietLogger() {
  return new Logger(() => (lvl, message) => {
    const level = String(lvl);
    if (level === "error" || level === "warning") {
      log()[level === "warning" ? "warn" : "error"](`queue: ${message}`);
    }
  });
}
