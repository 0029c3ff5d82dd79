// npm run bench:ingest - posts generated JUnit reports of 1k, 10k and 100k
// cases to a production build on loopback and prints, per size: the server's
// time from the end of the request body to the commit (Server-Timing), the
// client's round trip, the server's peak memory growth, the result-row rate
// against a raw COPY of the same rows (same run), and Allure 2's time on the
// same file when Java is present. Bounded: a fixed number of requests.
//
// Options: --no-allure (skip the Allure comparison), --server <postgres URL>
// (run against that server, e.g. postgresql://postgres@127.0.0.1:5432/postgres,
// instead of a fresh embedded one; a scratch database is created and dropped),
// --no-build (use the existing production build even if sources are newer).
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { from as copyFrom } from "pg-copy-streams";
import { generateJunit } from "@/lib/bench/generate-junit";
import { freePort, startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { buildIfStale } from "@/lib/ops/build";
import { createTestDatabase } from "@/lib/testing/test-database";
import { groupRssBytes, median, sampleGroupPeak } from "@/lib/bench/process-memory";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SIZES = [
  { cases: 1_000, reps: 5 },
  { cases: 10_000, reps: 3 },
  { cases: 100_000, reps: 2 },
];
const args = process.argv.slice(2);
const NO_ALLURE = args.includes("--no-allure");
const NO_BUILD = args.includes("--no-build");
// experiments on the embedded server: --pg name=value (repeatable), --initdb <flag> (repeatable)
const PG_SETTINGS = Object.fromEntries(args.flatMap((a, i) => (a === "--pg" ? [args[i + 1].split(/=(.*)/s).slice(0, 2)] : [])));
const INITDB_FLAGS = args.flatMap((a, i) => (a === "--initdb" ? [args[i + 1]] : []));
const SERVER_URL = args.includes("--server") ? args[args.indexOf("--server") + 1] : undefined;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-bench-"));
fs.chmodSync(work, 0o755);

async function main() {
  const epg = SERVER_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), database: "postgres", persistent: false, settings: PG_SETTINGS, initdbFlags: INITDB_FLAGS });
  const testDb = await createTestDatabase(SERVER_URL ?? epg!.adminUrl, "bench");
  const settings = await serverSettings(testDb.url);
  process.env.DATABASE_URL = testDb.url;
  const { ensureProject } = await import("@/lib/services/get-project");
  const { createApiToken } = await import("@/lib/services/create-api-token");
  const { pool, disconnectDb } = await import("@/lib/db");
  const project = (await ensureProject("bench")).project;
  const { token } = await createApiToken(project.id, "bench");

  if (!NO_BUILD) buildIfStale();
  const port = await freePort();
  const server: ChildProcess = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    detached: true,
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", RUNBOARD_MAX_UPLOAD_BYTES: String(500 * 1024 * 1024), RUNBOARD_MAX_CASES: "100000" },
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try { process.kill(-server.pid!, "SIGTERM"); } catch { /* gone */ }
    await disconnectDb();
    await testDb.drop().catch(() => {});
    await epg?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 200 && !(await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 200));
    const api = async (p: string, init: RequestInit) => {
      const res = await fetch(base + p, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return res;
    };
    const newRun = async () => (await (await api("/api/v1/runs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ project: "bench", mode: "bench" }) })).json()).id as string;
    // warm-up: route compilation, pools, JIT
    for (let i = 0; i < 3; i++) await api(`/api/v1/runs/${await newRun()}/junit`, { method: "POST", headers: { "content-type": "application/xml" }, body: generateJunit(500, { seed: 100 + i }) });

    const rows: Record<string, string | number>[] = [];
    const stageRows: Record<string, string | number>[] = [];
    let lastRunId = "";
    for (const { cases, reps } of SIZES) {
      const xml = generateJunit(cases, { seed: cases, suitePrefix: `com.example.bench${cases}` });
      const file = path.join(work, `junit-${cases}.xml`);
      fs.writeFileSync(file, xml);
      const server: number[] = [], client: number[] = [], mem: number[] = [];
      const stages = new Map<string, number[]>();
      let firstMs = 0;
      // rep 0 is the suite's first upload (creates every spec); the median is over the repeat uploads
      for (let r = 0; r <= reps; r++) {
        lastRunId = await newRun();
        const baseline = groupRssBytes(serverPgid());
        const sampler = sampleGroupPeak(serverPgid());
        const t = performance.now();
        const res = await api(`/api/v1/runs/${lastRunId}/junit`, { method: "POST", headers: { "content-type": "application/xml" }, body: xml });
        client.push(performance.now() - t);
        const timing = Object.fromEntries((res.headers.get("server-timing") ?? "").split(",").map((p) => p.trim().split(";dur=")).map(([k, v]) => [k, Number(v)]));
        const body = await res.json();
        if (body.totals.tests !== cases) throw new Error(`stored ${body.totals.tests} of ${cases}`);
        // end of body -> commit: "ingest" (parsing and storing overlap); older builds timed "parse" then "store"
        const total = timing.ingest ?? timing.parse + timing.store;
        if (r === 0) {
          firstMs = total;
          sampler.stop();
          continue;
        }
        server.push(total);
        for (const [k, v] of Object.entries(timing)) if (k !== "read" && k !== "ingest") stages.set(k, [...(stages.get(k) ?? []), v]);
        mem.push((sampler.stop() - baseline) / 1e6);
      }
      // rows/s over the whole end of body -> commit (parse included: parsing and storing overlap)
      rows.push({ cases, MB: (xml.length / 1e6).toFixed(1), "first upload ms (new specs)": firstMs.toFixed(0), reps, "end of body -> commit ms (median)": median(server).toFixed(0), "client round trip ms": median(client).toFixed(0), "rows/s stored": Math.round(cases / (median(server) / 1000)), "peak server RSS growth MB": Math.max(...mem).toFixed(0), file });
      stageRows.push({ cases, ...Object.fromEntries([...stages].map(([k, v]) => [k, median(v).toFixed(0)])) });
    }

    // raw COPY of the same 100k rows into the same table, in the same run (rolled back)
    const copyRate = await rawCopyRate(pool(), lastRunId);
    const allure = NO_ALLURE ? [] : allureTimes(rows.filter((r) => Number(r.cases) >= 10_000).map((r) => ({ cases: Number(r.cases), file: String(r.file) })));

    console.log(`\nRunboard ingest benchmark (production build on loopback, ${SERVER_URL ? "PostgreSQL at --server" : "embedded PostgreSQL"})`);
    console.log(`server: ${settings}\n`);
    console.table(rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "file"))));
    console.log("stages of the repeat uploads, ms (median; see ingest-report.ts):");
    console.table(stageRows);
    const big = rows.find((r) => r.cases === 100_000)!;
    const ten = rows.find((r) => r.cases === 10_000)!;
    console.log(`raw COPY of 100k result rows into test_results: ${Math.round(copyRate)} rows/s`);
    console.log(`ingest rate (end of body -> commit) / raw COPY rate (100k): ${(Number(big["rows/s stored"]) / copyRate).toFixed(2)}x (goal >= 0.3x)`);
    console.log(`10k cases end of body -> commit: ${ten["end of body -> commit ms (median)"]} ms (goal < 300 ms)`);
    console.log(`100k cases end of body -> commit: ${big["end of body -> commit ms (median)"]} ms (goal < 2500 ms), peak RSS growth ${big["peak server RSS growth MB"]} MB (goal < 300 MB)`);
    for (const a of allure) {
      const ours = Number(rows.find((r) => r.cases === a.cases)!["end of body -> commit ms (median)"]);
      console.log(a.ms === null ? `allure generate ${a.cases}: ${a.note}` : `allure generate ${a.cases} cases: ${a.ms.toFixed(0)} ms; Runboard is ${(a.ms / ours).toFixed(1)}x faster (goal >= 15x)`);
    }
  } finally {
    await stop();
  }

  function serverPgid() {
    return server.pid!;
  }
}

async function serverSettings(url: string): Promise<string> {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const names = ["server_version", "shared_buffers", "wal_buffers", "max_wal_size", "fsync", "synchronous_commit", "wal_compression", "full_page_writes", "default_toast_compression"];
    const { rows } = await c.query(`SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)`, [names]);
    return rows.map((r) => `${r.name}=${r.setting}${r.unit ? ` (${r.unit})` : ""}`).join(", ");
  } finally {
    await c.end();
  }
}

async function rawCopyRate(pg: import("pg").Pool, runId: string): Promise<number> {
  const client = await pg.connect();
  try {
    const { rows: cases } = await client.query(`SELECT "projectId", "testCaseId" AS id, status, "durationMs", message, details FROM test_results WHERE "runId" = $1`, [runId]);
    const esc = (v: unknown) => (v === null ? "\\N" : String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n"));
    const lines = cases.map((c) => [runId, c.projectId, c.id, new Date().toISOString(), c.status, c.durationMs, c.message, c.details].map(esc).join("\t") + "\n");
    await client.query("BEGIN");
    const t = performance.now();
    const stream = client.query(copyFrom(`COPY test_results ("runId", "projectId", "testCaseId", "runStartedAt", status, "durationMs", message, details) FROM STDIN`));
    await new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve).on("error", reject);
      for (let i = 0; i < lines.length; i += 2000) stream.write(lines.slice(i, i + 2000).join(""));
      stream.end();
    });
    const ms = performance.now() - t;
    await client.query("ROLLBACK");
    return cases.length / (ms / 1000);
  } finally {
    client.release();
  }
}

/** Allure 2 from the npm package allure-commandline, installed on demand into .data/tools (needs Java). */
function allureTimes(files: { cases: number; file: string }[]): { cases: number; ms: number | null; note?: string }[] {
  if (spawnSync("java", ["-version"]).status !== 0) return files.map((f) => ({ ...f, ms: null, note: "skipped: no Java on this machine" }));
  const tools = path.join(ROOT, ".data/tools");
  const bin = path.join(tools, "node_modules/allure-commandline/dist/bin/allure");
  if (!fs.existsSync(bin)) {
    console.log("installing allure-commandline into .data/tools for the comparison…");
    fs.mkdirSync(tools, { recursive: true });
    execFileSync("npm", ["install", "--no-save", "--prefix", tools, "allure-commandline@2"], { stdio: "ignore" });
  }
  return files.map(({ cases, file }) => {
    const dir = fs.mkdtempSync(path.join(work, "allure-"));
    fs.copyFileSync(file, path.join(dir, path.basename(file)));
    const t = performance.now();
    const r = spawnSync(bin, ["generate", dir, "-o", path.join(dir, "out"), "--clean"], { stdio: "ignore" });
    const ms = performance.now() - t;
    return r.status === 0 ? { cases, ms } : { cases, ms: null, note: `allure exited with ${r.status}` };
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
