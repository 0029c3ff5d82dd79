// The worker process (npm run worker; also started by npm start): runs
// provisioning jobs from the Postgres queue (lib/runner/worker.ts), webhook
// notifications, retention and the triage sweep. Start more
// of them, here or on other machines with the same DATABASE_URL, to run more
// jobs at once. SIGTERM/SIGINT: stop taking jobs, stop running ones remotely
// (they end as failed with a message, never stuck), exit.
import { parseEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { db, disconnectDb } from "@/lib/db";
import { startNotificationWorker } from "@/lib/notifications/worker";
import { startRetentionWorker } from "@/lib/retention/worker";
import { startRunnerWorker } from "@/lib/runner/worker";
import { startTriageSweepWorker } from "@/lib/triage/sweep-worker";

// log lines of this process say service "worker" (lib/log.ts reads it on first use)
process.env.RUNBOARD_SERVICE ??= "worker";
const env = parseEnv();

async function main() {
  await db().$queryRaw`SELECT 1`;
  const worker = await startRunnerWorker({ leaseSec: env.RUNBOARD_RUNNER_LEASE_SECONDS, concurrency: env.RUNBOARD_WORKER_CONCURRENCY });
  const notifications = await startNotificationWorker(); // webhook deliveries (lib/notifications)
  const retention = await startRetentionWorker(); // old results and job logs (lib/retention)
  const sweep = await startTriageSweepWorker(); // reports stored but not triaged (lib/triage/triage-report.ts)
  log().info({ workerId: worker.workerId, logLevel: env.LOG_LEVEL }, "worker started");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await notifications.stop();
    await retention.stop();
    await sweep.stop();
    await disconnectDb();
    log().info("worker stopped");
    process.exit(0);
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void stop());
}

main().catch((e) => {
  log().error({ error: String(e?.message ?? e) }, "worker failed");
  process.exit(1);
});
