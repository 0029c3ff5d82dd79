// The runner part of the worker process: graphile-worker takes "start job X"
// entries from the queue (LISTEN/NOTIFY, so a trigger starts within
// milliseconds), the claim decides in the database, and a sweeper every few
// seconds recovers jobs of dead workers and re-dispatches hosts with free
// slots. Several workers, on any machines with the same DATABASE_URL, share
// the work.
import os from "node:os";
import { type Runner, run } from "graphile-worker";
import { z } from "zod";
import { pool } from "@/lib/db";
import { claimJob } from "@/lib/runner/claim";
import { executeJob } from "@/lib/runner/execute-job";
import { log } from "@/lib/log";
import { PROVISION_TASK, dispatchAll, quietLogger } from "@/lib/runner/queue";
import { recoverExpiredJobs } from "@/lib/runner/recover";

const payloadSchema = z.object({ jobId: z.uuid() });

export interface RunnerWorkerOptions {
  leaseSec: number;
  concurrency?: number;
  sweepMs?: number;
  workerId?: string;
}

export interface RunnerWorker {
  workerId: string;
  /** stop taking jobs; running ones are stopped remotely and failed with a message */
  stop(): Promise<void>;
}

export async function startRunnerWorker(opts: RunnerWorkerOptions): Promise<RunnerWorker> {
  const workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const shutdown = new AbortController();
  const runner: Runner = await run({
    pgPool: pool(),
    concurrency: opts.concurrency ?? 8,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: quietLogger(),
    taskList: {
      [PROVISION_TASK]: async (payload) => {
        // stored payloads may come from older code: parse again
        const { jobId } = payloadSchema.parse(payload);
        if (shutdown.signal.aborted) throw new Error("worker is stopping"); // retried by another worker
        const claim = await claimJob(jobId, workerId, opts.leaseSec);
        if (claim !== "claimed") return; // busy host: dispatched again when a slot frees; gone: nothing to do
        log().info({ jobId, workerId }, "provisioning job started");
        await executeJob(jobId, { workerId, leaseSec: opts.leaseSec, shutdown: shutdown.signal });
      },
    },
  });
  const sweepMs = opts.sweepMs ?? Math.min(2000, (opts.leaseSec * 1000) / 2);
  let sweeping = false;
  const sweep = async () => {
    if (sweeping || shutdown.signal.aborted) return;
    sweeping = true;
    try {
      await recoverExpiredJobs(workerId, opts.leaseSec);
      await dispatchAll();
    } catch (e) {
      log().warn({ error: (e as Error).message }, "runner sweep failed");
    } finally {
      sweeping = false;
    }
  };
  const timer = setInterval(() => void sweep(), sweepMs);
  void sweep();
  return {
    workerId,
    async stop() {
      clearInterval(timer);
      shutdown.abort();
      await runner.stop();
    },
  };
}

