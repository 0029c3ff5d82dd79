// Who runs a provisioning job, decided in PostgreSQL: the host row is locked
// (FOR UPDATE) while a worker checks the host's free slots (maxConcurrent
// minus jobs starting or running) and that the job is among the oldest queued
// ones, so at most maxConcurrent jobs run per host, in order, whichever worker
// asks. A claim is a lease that the running worker renews; a lease that runs
// out means the worker is gone (lib/runner/recover.ts).
import { pool } from "@/lib/db";
import { withTransaction } from "@/lib/services/sql";

export type ClaimResult = "claimed" | "wait" | "gone";

export async function claimJob(jobId: string, workerId: string, leaseSec: number): Promise<ClaimResult> {
  return withTransaction(async (client) => {
    const { rows: job } = await client.query(`SELECT "runnerHostId", status FROM provisioning_jobs WHERE id = $1`, [jobId]);
    if (!job[0] || job[0].status !== "queued") return "gone";
    const hostId = job[0].runnerHostId;
    const { rows: host } = await client.query(`SELECT "maxConcurrent" FROM runner_hosts WHERE id = $1 FOR UPDATE`, [hostId]);
    if (!host[0]) return "gone";
    const { rows: active } = await client.query(
      `SELECT count(*)::int AS n FROM provisioning_jobs WHERE "runnerHostId" = $1 AND status IN ('starting', 'running')`,
      [hostId],
    );
    const free = host[0].maxConcurrent - active[0].n;
    if (free <= 0) return "wait";
    const { rows: next } = await client.query(
      `SELECT id FROM provisioning_jobs WHERE "runnerHostId" = $1 AND status = 'queued' ORDER BY "createdAt", id LIMIT $2`,
      [hostId, free],
    );
    if (!next.some((r) => r.id === jobId)) return "wait";
    const { rowCount } = await client.query(
      `UPDATE provisioning_jobs SET status = 'starting', "leaseOwner" = $2, "leaseExpiresAt" = now() + make_interval(secs => $3),
              attempt = attempt + 1, "startedAt" = now()
        WHERE id = $1 AND status = 'queued'`,
      [jobId, workerId, leaseSec],
    );
    return rowCount === 1 ? "claimed" : "gone";
  });
}

/** Renew the lease; null when this worker no longer holds it, else whether a cancel was requested. */
export async function renewLease(jobId: string, workerId: string, leaseSec: number): Promise<{ cancelRequested: boolean } | null> {
  const { rows } = await pool().query(
    `UPDATE provisioning_jobs SET "leaseExpiresAt" = now() + make_interval(secs => $3)
      WHERE id = $1 AND "leaseOwner" = $2 AND status IN ('starting', 'running')
      RETURNING "cancelRequestedAt"`,
    [jobId, workerId, leaseSec],
  );
  return rows[0] ? { cancelRequested: rows[0].cancelRequestedAt !== null } : null;
}
