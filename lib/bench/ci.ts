// npm run bench:ci [-- --jobs 5]
// "A CI job with only Node and curl posts a run with phases and results in
// under 5 s, including downloading the uploader" (issue 16). Starts the
// production build on loopback against a fresh database (TEST_PG_SERVER_URL,
// else an embedded PostgreSQL), then, per job, in an empty directory:
//   curl -fsS $URL/runboard.mjs -o runboard.mjs
//   node runboard.mjs exec --junit 'out/*.xml' -- sh scripts/sample-provisioning.sh --step 0
// and checks the run is stored finished with its phases and 3 results. Prints
// the wall time per job (p50, max; the first job on a fresh server apart), the
// same command without Runboard, the
// difference (what reporting costs), and the uploader's size, against the goal.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { buildIfStale } from "@/lib/ops/build";
import { uploaderFile } from "@/lib/ops/uploader-file";
import { SAMPLE_SCRIPT } from "@/lib/testing/sample-provisioning";
import { type NextServer, startNextServer } from "@/lib/testing/next-server";
import { createTestDatabase } from "@/lib/testing/test-database";

const GOAL_MS = 5000;
const ROOT = path.resolve(import.meta.dirname, "../..");
const i = process.argv.indexOf("--jobs");
const JOBS = i >= 0 ? Number(process.argv[i + 1]) : 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

let slowest = { ms: 0, stderr: "" };

function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const ms = performance.now() - t;
  if (ms > slowest.ms) slowest = { ms, stderr: r.stderr };
  return ms;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-bench-ci-"));
  fs.chmodSync(work, 0o755); // as root, PostgreSQL runs as user "postgres" and must reach its data directory
  const epg = process.env.TEST_PG_SERVER_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), database: "postgres", persistent: false });
  const testDb = await createTestDatabase(process.env.TEST_PG_SERVER_URL ?? epg!.adminUrl, "bench_ci");
  let server: NextServer | undefined;
  try {
    process.env.DATABASE_URL = testDb.url;
    const { ensureProject } = await import("@/lib/services/get-project");
    const { createApiToken } = await import("@/lib/services/create-api-token");
    const { disconnectDb } = await import("@/lib/db");
    const { token } = await createApiToken((await ensureProject("bench-ci")).project.id, "bench");
    await disconnectDb();
    buildIfStale();
    const port = await freePort();
    server = await startNextServer({ port, env: { DATABASE_URL: testDb.url }, logFile: path.join(work, "next.log"), timeoutMs: 60_000 });

    const bare = { PATH: process.env.PATH, HOME: work } as unknown as NodeJS.ProcessEnv;
    const totals: number[] = [];
    const alone: number[] = [];
    let first = 0;
    // job 0 is the first on a fresh server (route modules load on first use); it is reported apart
    for (let job = 0; job <= JOBS; job++) {
      const dir = fs.mkdtempSync(path.join(work, "job-"));
      const env = { ...bare, RUNBOARD_URL: server.base, RUNBOARD_TOKEN: token, RUNBOARD_PROJECT: "bench-ci", RUNBOARD_MODE: "parallel", RUNBOARD_EXTERNAL_ID: `bench-${job}` };
      const script = `curl -fsS "$RUNBOARD_URL/runboard.mjs" -o runboard.mjs && node runboard.mjs exec --junit 'out/*.xml' -- sh ${SAMPLE_SCRIPT} --out out --step 0`;
      const ms = timed("sh", ["-c", script], dir, env);
      if (job === 0) first = ms;
      else {
        totals.push(ms);
        alone.push(timed("sh", [SAMPLE_SCRIPT, "--out", "out-alone", "--step", "0"], dir, bare));
      }
      const runs = await (await fetch(`${server.base}/api/v1/runs?limit=50`, { headers: { authorization: `Bearer ${token}` } })).json();
      const run = runs.runs.find((r: { externalId: string }) => r.externalId === `bench-${job}`);
      if (!run?.finishedAt || run.totals.tests !== 3) throw new Error(`job ${job}: the run is not stored finished with 3 results: ${JSON.stringify(run)}`);
      const detail = await (await fetch(`${server.base}/api/v1/runs/${run.id}`, { headers: { authorization: `Bearer ${token}` } })).json();
      if (detail.phases.length !== 7) throw new Error(`job ${job}: ${detail.phases.length} phases, expected 7`);
    }
    const p50 = median(totals);
    const overhead = median(totals.map((t, k) => t - alone[k]));
    const size = fs.statSync(uploaderFile(ROOT)).size;
    console.log(`CI job with only Node and curl: download the uploader, exec the sample setup (7 phases, 3 results), ${JOBS} jobs`);
    console.log(`  load average        ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs`);
    console.log(`  first job on a fresh server ${(first / 1000).toFixed(2)} s (route modules load on first use)`);
    console.log(`  wall time per job   p50 ${(p50 / 1000).toFixed(2)} s, max ${(Math.max(...totals) / 1000).toFixed(2)} s (goal < ${GOAL_MS / 1000} s: ${Math.max(...totals) < GOAL_MS ? "met" : "MISSED"})`);
    console.log(`  the script alone    p50 ${(median(alone) / 1000).toFixed(2)} s`);
    console.log(`  reporting costs     p50 ${(overhead / 1000).toFixed(2)} s (download, run creation, live posts, final upload)`);
    if (process.argv.includes("--verbose")) console.log(`the slowest job's stderr:\n${slowest.stderr}`);
    console.log(`  uploader size       ${size} bytes (${(size / 1024).toFixed(1)} KB, goal < 200 KB)`);
  } finally {
    await server?.kill("SIGTERM");
    await testDb.drop().catch(() => {});
    await epg?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
