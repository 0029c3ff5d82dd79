// The retention part of the worker process: a graphile-worker cron task that
// enforces every project's retention once a day (and once at start), so old
// result rows and job logs leave by whole partitions or small per-project
// deletes (lib/retention/enforce-retention.ts). Cron items run once per tick
// across all worker processes (graphile-worker's known_crontabs).
import { type Runner, run } from "graphile-worker";
import { pool } from "@/lib/db";
import { enforceRetention } from "@/lib/retention/enforce-retention";
import { quietLogger } from "@/lib/runner/queue";

export const RETENTION_TASK = "runboard_retention";

export async function startRetentionWorker(): Promise<Runner> {
  const runner = await run({
    pgPool: pool(),
    concurrency: 1,
    noHandleSignals: true,
    pollInterval: 60_000,
    logger: quietLogger(),
    crontab: `30 3 * * * ${RETENTION_TASK}\n`,
    taskList: { [RETENTION_TASK]: async () => void (await enforceRetention()) },
  });
  // the coming month's partitions exist before anything is written to them, even on the first day
  void enforceRetention().catch(() => {});
  return runner;
}
