// Cancel and retry. Cancelling a queued job ends it at once; a running one is
// marked, and its worker (which renews its lease every second) stops the
// remote process group. Retry starts the same template on the same host with
// the same parameters as a new run, so the failed attempt stays in history.
import { AppError } from "@/lib/errors";
import { finalizeJob } from "@/lib/runner/finalize-job";
import { triggerRun } from "@/lib/runner/trigger-run";
import { pool } from "@/lib/db";

const FINAL = ["succeeded", "failed", "cancelled", "timed_out"];

export async function cancelJob(jobId: string): Promise<{ status: string }> {
  const { rows } = await pool().query(`SELECT status FROM provisioning_jobs WHERE id = $1`, [jobId]);
  if (!rows[0]) throw new AppError("not_found", "Unknown provisioning job");
  if (FINAL.includes(rows[0].status)) throw new AppError("conflict", `The job has already ended (${rows[0].status.replace("_", " ")})`);
  if (rows[0].status === "queued") {
    // only while still queued (checked under the row lock): a worker that claimed it meanwhile gets the cancel flag below
    if (await finalizeJob(jobId, { status: "cancelled", message: "Cancelled before it started" }, { queued: true })) return { status: "cancelled" };
  }
  await pool().query(`UPDATE provisioning_jobs SET "cancelRequestedAt" = coalesce("cancelRequestedAt", now()) WHERE id = $1`, [jobId]);
  return { status: "cancelling" };
}

export async function retryJob(jobId: string, requestedById: string | null) {
  const { rows } = await pool().query(
    `SELECT "templateId", "runnerHostId", params, status FROM provisioning_jobs WHERE id = $1`,
    [jobId],
  );
  const j = rows[0];
  if (!j) throw new AppError("not_found", "Unknown provisioning job");
  if (!FINAL.includes(j.status) || j.status === "succeeded") throw new AppError("conflict", "Only a job that failed, timed out or was cancelled can be retried");
  const { mode, branch, ...params } = j.params as Record<string, string>;
  return triggerRun({ templateId: j.templateId, runnerHostId: j.runnerHostId, mode, branch, params }, requestedById);
}
