// The triage sweep of the worker process: a graphile-worker cron task, every
// minute (once per tick across all worker processes), that triages reports
// whose results committed but whose triage did not (the web process died
// between the two transactions, or triage failed; lib/triage/triage-report.ts).
// Reports younger than a minute are left to the request that stored them.
import { type Runner, run } from "graphile-worker";
import { pool } from "@/lib/db";
import { log } from "@/lib/log";
import { quietLogger } from "@/lib/runner/queue";
import { triageUntriagedReports } from "@/lib/triage/triage-report";

export const TRIAGE_SWEEP_TASK = "runboard_triage_sweep";
export const SWEEP_GRACE_SECONDS = 60;

/** One pass of the sweep; returns how many reports it triaged. */
export async function sweepUntriagedReports(olderThanSeconds = SWEEP_GRACE_SECONDS): Promise<number> {
  const n = await triageUntriagedReports({ olderThanSeconds });
  if (n) log().warn({ reports: n }, "triage sweep: triaged reports left untriaged after their results were stored");
  return n;
}

export async function startTriageSweepWorker(): Promise<Runner> {
  return run({
    pgPool: pool(),
    concurrency: 1,
    noHandleSignals: true,
    pollInterval: 60_000,
    logger: quietLogger(),
    crontab: `* * * * * ${TRIAGE_SWEEP_TASK}\n`,
    taskList: { [TRIAGE_SWEEP_TASK]: async () => void (await sweepUntriagedReports()) },
  });
}
