// The end of every provisioning job, whatever ended it: the job row gets its
// final status and message, phases still open are closed, and the run is
// closed with finish-run (its status computed from the evidence), in one
// transaction. Afterwards the host's next queued job is dispatched.
import { pool } from "@/lib/db";
import { enqueueNotification } from "@/lib/notifications/enqueue";
import { dispatchHost } from "@/lib/runner/queue";
import { finishRun } from "@/lib/services/finish-run";
import { refreshRunSummary } from "@/lib/services/refresh-run-summary";
import { withTransaction } from "@/lib/services/sql";
import type { ClaimableStatus } from "@/lib/schemas/status";

export type FinalJobStatus = "succeeded" | "failed" | "cancelled" | "timed_out";

export interface JobOutcome {
  status: FinalJobStatus;
  message: string | null;
  exitCode?: number | null;
}

const RUN_CLAIM: Record<FinalJobStatus, ClaimableStatus> = {
  succeeded: "passed",
  failed: "errored",
  cancelled: "cancelled",
  timed_out: "errored",
};

/** Only while this worker holds the lease ({ owner }), or only while the job is still queued ({ queued: true }). */
export async function finalizeJob(jobId: string, outcome: JobOutcome, guard: { owner: string } | { queued: true }): Promise<boolean> {
  const done = await withTransaction(async (client) => {
    const { rows } = await client.query(
      `SELECT id, "runId", "runnerHostId", status, "leaseOwner" FROM provisioning_jobs WHERE id = $1 FOR UPDATE`,
      [jobId],
    );
    const job = rows[0];
    if (!job || ["succeeded", "failed", "cancelled", "timed_out"].includes(job.status)) return null;
    if ("owner" in guard ? job.leaseOwner !== guard.owner : job.status !== "queued") return null;
    await client.query(
      `UPDATE provisioning_jobs SET status = $2::"JobStatus", "errorMessage" = $3, "exitCode" = $4, "finishedAt" = now(),
              "leaseOwner" = NULL, "leaseExpiresAt" = NULL
        WHERE id = $1`,
      [jobId, outcome.status, outcome.message?.slice(0, 4000) ?? null, outcome.exitCode ?? null],
    );
    if (outcome.status === "failed" || outcome.status === "timed_out") await enqueueNotification({ kind: "runner.job_failed", jobId }, client);
    if (job.runId) {
      const phaseStatus = outcome.status === "cancelled" ? "cancelled" : "failed";
      const closed = await client.query(
        `UPDATE phases SET status = $2::"PhaseStatus", "finishedAt" = now(),
                -- unknown past the column's range (a phase open for 25 days or more), none below zero (clock skew)
                "durationMs" = (SELECT CASE WHEN ms > 2147483647 THEN NULL ELSE greatest(ms, 0)::int END
                                  FROM (SELECT extract(epoch FROM now() - "startedAt") * 1000 AS ms) d)
          WHERE "runId" = $1 AND status IN ('running', 'pending')`,
        [job.runId, phaseStatus],
      );
      const { rows: run } = await client.query(`SELECT "finishedAt" FROM runs WHERE id = $1`, [job.runId]);
      if (run[0] && run[0].finishedAt === null) {
        await finishRun(job.runId, { status: outcome.exitCode && outcome.status === "failed" ? "failed" : RUN_CLAIM[outcome.status] }, undefined, client);
      } else if (run[0] && closed.rowCount) {
        // a run finished before its job: the phases closed here change its status, and every change
        // of a run's phases updates its row (the timing page's phase cache reads by the row's version)
        await refreshRunSummary(client, job.runId);
      }
    }
    return job.runnerHostId as string;
  });
  if (!done) return false;
  await dispatchHost(pool(), done).catch(() => {}); // the sweeper retries dispatch anyway
  return true;
}
