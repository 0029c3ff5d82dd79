// Jobs whose worker is gone: a job starting or running whose lease ran out
// (the worker was killed, lost its database connection, or its machine died)
// is taken over by whichever worker sweeps first (FOR UPDATE SKIP LOCKED, so
// two sweepers never take the same job). The remote process group is stopped
// if it can be, and the job fails with a message; the log so far is kept.
import { pool } from "@/lib/db";
import { finalizeJob } from "@/lib/runner/finalize-job";
import { JobLog } from "@/lib/runner/job-log";
import { loadJob } from "@/lib/runner/load-job";
import { log as appLog } from "@/lib/log";
import { stopRemoteGroup } from "@/lib/runner/remote-stop";
import { withTransaction } from "@/lib/services/sql";

export async function recoverExpiredJobs(workerId: string, leaseSec: number): Promise<number> {
  const taken = await withTransaction(async (client) => {
    const { rows } = await client.query(
      `SELECT id, "leaseOwner", "leaseExpiresAt" FROM provisioning_jobs
        WHERE status IN ('starting', 'running') AND "leaseExpiresAt" < now()
        ORDER BY "leaseExpiresAt" LIMIT 10 FOR UPDATE SKIP LOCKED`,
    );
    for (const r of rows) {
      await client.query(
        `UPDATE provisioning_jobs SET "leaseOwner" = $2, "leaseExpiresAt" = now() + make_interval(secs => $3) WHERE id = $1`,
        [r.id, workerId, leaseSec],
      );
    }
    return rows as { id: string; leaseOwner: string | null; leaseExpiresAt: Date }[];
  });
  for (const t of taken) {
    const job = await loadJob(t.id);
    const what = job ? await stopRemoteGroup(job, job.remotePgid) : "the job's host is gone";
    const message = `The worker running this job (${t.leaseOwner ?? "unknown"}) stopped responding; its lease expired at ${t.leaseExpiresAt.toISOString()} and ${what}. The log up to that point is kept.`;
    const log = await JobLog.open(t.id);
    log.system(message);
    await log.flush();
    await finalizeJob(t.id, { status: "failed", message }, { owner: workerId });
    appLog().warn({ jobId: t.id, previousWorker: t.leaseOwner }, "recovered a provisioning job whose worker stopped");
  }
  return taken.length;
}

/** Runner hosts' job counts, for the worker's start-up line. */
export async function countActiveJobs(): Promise<number> {
  const { rows } = await pool().query(`SELECT count(*)::int AS n FROM provisioning_jobs WHERE status IN ('starting', 'running')`);
  return rows[0].n;
}
