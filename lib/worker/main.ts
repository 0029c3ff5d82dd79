// The worker process (npm run worker; also started by npm start). It will run
// provisioning jobs from the Postgres queue (issue #7); for now it proves the
// database is reachable, reports liveness and stops cleanly on SIGTERM/SIGINT.
import { parseEnv } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";

const env = parseEnv();
let stopping = false;

async function main() {
  await db().$queryRaw`SELECT 1`;
  console.log(JSON.stringify({ level: "info", msg: "worker started", pid: process.pid, logLevel: env.LOG_LEVEL }));
  while (!stopping) await new Promise((r) => setTimeout(r, 500));
  await disconnectDb();
  console.log(JSON.stringify({ level: "info", msg: "worker stopped" }));
}

for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => (stopping = true));
main().catch((e) => {
  console.error(JSON.stringify({ level: "error", msg: "worker failed", error: String(e?.message ?? e) }));
  process.exit(1);
});
