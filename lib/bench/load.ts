// npm run bench:load [-- --clients 50 --seconds 60 | --quick] - issues #8 and #17.
// Simulated CI jobs against a production build on loopback: each client loops over
// runs as the README's CI sends them (--flow cli, the default: one multipart POST
// /api/v1/ingest with metadata, phases and a 1k-case JUnit report, as `runboard upload`
// and curl do; --flow api: create run -> POST the report -> POST phases -> finish),
// content unique per run (nothing deduplicated), with a few bearer tokens over a few
// projects, while signed-in viewers read /runs, /runs/[id] of recent runs,
// /projects/<p>/timing and /triage. Every request's latency and status is recorded;
// any non-2xx is an error. Afterwards the database is checked against what the clients
// were told (no lost or duplicated runs, 1000 results each, every run finished); a
// discrepancy or a request error exits non-zero. Bounded: clients stop starting runs
// after --seconds (or --max-runs); every request has a timeout. The load generator
// shares the machine's CPU with the server and PostgreSQL.
//
// After a warm-up (10 jobs per web process), one client runs alone for --single-seconds
// (its report uploads give the one-client 1k-case rate), then all clients, started
// apart over the first second (decision 28); the ratio of the two rates is printed.
//
// Options: --clients N (50), --seconds N (60), --readers N (5), --projects N (3),
// --tokens-per-project N (2), --max-runs N (clients x seconds), --quick (10 clients x 10 s,
// 2 readers), --no-build (the existing production build even if sources are newer; it is
// copied either way, see snapshot-build.ts), --server <postgres URL> (instead of a fresh
// embedded PostgreSQL; a scratch database is created and dropped), --single-seconds N (10),
// --profile (CPU profile of the web process and pg_stat_statements, lib/bench/load-profile.ts),
// --web N (N web processes and N workers on one database, clients spread over them, and the
// checks of lib/bench/load-web.ts: killed upload retried elsewhere, token limit in total, triage),
// --app-root <dir> (serve the production build of another checkout, for before/after runs),
// --reader-pause MS (1000, the mean of a pause drawn from 0.5-1.5x; 0 = as fast as the
// server answers, a stress test of the pages: decision 26), --flow cli|api (above).
// CPU-seconds per run of the web process(es), the embedded PostgreSQL and the
// load generator are printed for both phases (lib/bench/process-cpu.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { generateJunit } from "@/lib/bench/generate-junit";
import { CLI_KIND, LoadClients, type Token } from "@/lib/bench/load-jobs";
import { PROFILE_PG_SETTINGS, printCpuProfiles, printDatabaseProfile, startDatabaseProfile } from "@/lib/bench/load-profile";
import { type SentProject, verifyLoad } from "@/lib/bench/load-verify";
import { type WebOptions, checkKilledUpload, checkTokenLimit, checkTriage, startWebs, startWorkers } from "@/lib/bench/load-web";
import { RequestLog } from "@/lib/bench/load-stats";
import { groupRssBytes } from "@/lib/bench/process-memory";
import { type CpuSample, CpuPerRequest, cpuPerRun, formatCpu, postmasterPid, sampleCpu } from "@/lib/bench/process-cpu";
import { snapshotBuild } from "@/lib/bench/snapshot-build";
import { buildIfStale } from "@/lib/ops/build";
import { startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { createTestDatabase } from "@/lib/testing/test-database";
import type { NextServer } from "@/lib/testing/next-server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CASES = 1000;
const PASSWORD = "load-bench-password-0123";
const args = process.argv.slice(2);
const QUICK = args.includes("--quick");

function flag(name: string, fallback: number, min = 1): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} needs an integer >= ${min}`);
  return v;
}

const CLIENTS = flag("clients", QUICK ? 10 : 50);
const SECONDS = flag("seconds", QUICK ? 10 : 60);
const SINGLE_SECONDS = flag("single-seconds", QUICK ? 5 : 10);
const CPU_JOBS = flag("cpu-jobs", QUICK ? 5 : 20, 0);
const READERS = flag("readers", QUICK ? 2 : 5, 0);
const READER_PAUSE_MS = flag("reader-pause", 1000, 0);
const PROJECTS = flag("projects", 3);
const TOKENS_PER_PROJECT = flag("tokens-per-project", 2);
const MAX_RUNS = flag("max-runs", CLIENTS * SECONDS);
const WEBS = flag("web", 1);
const PROFILE = args.includes("--profile");
const NO_BUILD = args.includes("--no-build");
const SERVER_URL = args.includes("--server") ? args[args.indexOf("--server") + 1] : undefined;
const APP_ROOT = args.includes("--app-root") ? path.resolve(args[args.indexOf("--app-root") + 1]) : ROOT;
const FLOW = (args.includes("--flow") ? args[args.indexOf("--flow") + 1] : "cli") as "api" | "cli";
if (FLOW !== "api" && FLOW !== "cli") throw new Error("--flow is api or cli");
const KINDS = [...(FLOW === "cli" ? [CLI_KIND] : ["create run", "junit (1k cases)", "phases", "finish"]), "/runs", "/runs/[id]", "/projects/<p>/timing", "/triage"];
const TOKEN_LIMIT = 12;

/**
 * The server's error log (pino JSON) summarised for the cause of 5xx answers:
 * unhandled errors grouped by message with a count and the top of one stack
 * (the 503 mapping logs no cause), then other error lines not in JSON.
 */
function serverErrors(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  const groups = new Map<string, { n: number; stack: string }>();
  const other: string[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    let rec: { level?: string | number; msg?: string; err?: { message?: string; stack?: string } } | null = null;
    try { rec = line.startsWith("{") ? JSON.parse(line) : null; } catch { /* not JSON */ }
    if (rec?.err?.message) {
      const g = groups.get(rec.err.message) ?? { n: 0, stack: (rec.err.stack ?? "").split("\n").slice(1).map((f) => f.trim().replace(/^at /, "")).filter((f) => !/node:internal/.test(f)).slice(0, 4).join(" < ") };
      g.n++;
      groups.set(rec.err.message, g);
    } else if (!rec && /\b(Error|error)\b/.test(line)) other.push(line.slice(0, 300));
  }
  return [...[...groups].map(([m, g]) => `${g.n} x "${m}": ${g.stack}`), ...other.slice(0, 3)];
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");

/** projects with tokens, signed-in viewers, a project for the killed upload; written directly (no server yet) */
async function seed(url: string) {
  process.env.DATABASE_URL = url;
  const { ensureProject } = await import("@/lib/services/get-project");
  const { createApiToken } = await import("@/lib/services/create-api-token");
  const { createUser } = await import("@/lib/auth/users");
  const { disconnectDb } = await import("@/lib/db");
  const tokens: Token[] = [];
  const sent: SentProject[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const slug = `load-${p}`;
    const { project } = await ensureProject(slug);
    sent.push({ slug, created: new Map(), junitOk: new Set(), finishOk: new Set() });
    for (let t = 0; t < TOKENS_PER_PROJECT; t++) tokens.push({ slug, token: (await createApiToken(project.id, `load-${t}`)).token });
  }
  const other = (await ensureProject("load-checks")).project;
  const extra = { killed: (await createApiToken(other.id, "killed")).token, limit: (await createApiToken(other.id, "limit")).token };
  // readers view the load projects (roles are per project, decision 18): a viewer of none would read empty pages
  const projects = sent.map((p) => p.slug);
  for (let r = 0; r < READERS; r++) await createUser({ email: `viewer${r}@load.test`, name: `Viewer ${r}`, role: "viewer", password: PASSWORD, projects });
  await disconnectDb();
  return { tokens, sent, extra };
}

async function signIn(base: string, r: number): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST", redirect: "manual", headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: `viewer${r}@load.test`, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of viewer${r} answered ${res.status}: ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** Request errors with the server's logged causes, and what the database check found. */
function printProblems(log: RequestLog, serverLog: string, sent: SentProject[], lost: string[], incomplete: string[]) {
  if (log.firstErrors.length) {
    console.log(`\n${log.totalErrors()} request errors; the first of each kind:`);
    for (const e of log.firstErrors) console.log(`  ${e.kind} ${e.status || "no response"} ${e.url}: ${e.body}`);
    const logged = serverErrors(serverLog);
    if (logged.length) console.log(`the server's logged causes:\n${logged.map((l) => `  ${l}`).join("\n")}`);
  }
  const runs = sent.reduce((n, p) => n + p.created.size, 0);
  if (lost.length) {
    console.log(`\nLOST OR DUPLICATED: the database disagrees with what the server acknowledged (${runs} runs created):`);
    for (const p of lost) console.log(`  ${p}`);
  } else if (incomplete.length) {
    console.log(`\nno lost or duplicated runs among what the server acknowledged (${runs} runs created), but runs are incomplete because requests failed:`);
  } else {
    console.log(`\nno lost or duplicated runs (${runs} runs incl. warm-up, ${runs * CASES} result rows, all finished, in ${PROJECTS} projects)`);
  }
  for (const p of incomplete) console.log(`  ${p}`);
}

/** The one-client yardstick, the concurrent rate, their ratio and the reader p95, against the goals. */
function printRates(log: RequestLog, load: LoadClients, m: { single: number; singleRate: number; singleJobRate: number; singleLoad: string; elapsed: number; loadLoad: string }) {
  const rate = (load.junitOk * CASES) / m.elapsed;
  console.log(`one client alone (${m.single.toFixed(1)} s, load average ${m.singleLoad}): ${Math.round(m.singleRate)} result rows/s while uploading 1k-case reports (${Math.round(m.singleJobRate)} rows/s over its whole CI jobs)`);
  console.log(`${CLIENTS} clients (load average ${m.loadLoad}): ${(load.runsFinished / m.elapsed).toFixed(2)} runs/s finished (${load.runsFinished} runs), ${Math.round(rate)} result rows/s stored`);
  console.log(`ratio: ${(rate / m.singleRate).toFixed(2)}x the one-client 1k-case upload rate (goal >= 1.5x: ${rate / m.singleRate >= 1.5 ? "met" : "MISSED"})`);
  const readerP95 = log.rows(KINDS).filter((r) => ["/runs", "/runs/[id]", "/triage"].includes(r.request));
  const slow = readerP95.filter((r) => !(Number(r["p95 ms"]) < 400));
  if (readerP95.length) console.log(`reader p95 under load: ${readerP95.map((r) => `${r.request} ${r["p95 ms"]} ms`).join(", ")} (goal < 400 ms: ${slow.length ? "MISSED" : "met"})`);
  else console.log("no readers (--readers 0): the reader goal is not judged");
  console.log(`report uploads under load, server stages (Server-Timing, mean ms of ${load.junitStages.n}):`, load.junitStages.means());
}

/**
 * --web N: an upload cut by SIGKILL of its process and retried on another, then
 * the token limit with every process restarted at a small limit. Returns the new processes.
 */
async function multiProcessChecks(db: pg.Client, webs: NextServer[], extra: { killed: string; limit: string }, limited: WebOptions, checks: string[]): Promise<NextServer[]> {
  checks.push(...(await checkKilledUpload(db, webs[0], webs[1], extra.killed, "load-checks")));
  for (const w of webs) await w.kill("SIGTERM");
  const restarted = await startWebs(WEBS, limited);
  checks.push(...(await checkTokenLimit(restarted, extra.limit, "load-checks", TOKEN_LIMIT)));
  console.log(checks.length ? `\n--web ${WEBS} checks FAILED:\n${checks.map((c) => `  ${c}`).join("\n")}`
    : `\n--web ${WEBS}: triage items one per failing spec, each counted once per run; an upload cut by SIGKILL and retried on the other process stored once (30,000 rows); the token limit (${TOKEN_LIMIT}) held in total over ${WEBS} processes`);
  return restarted;
}

async function main(): Promise<number> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-bench-load-"));
  fs.chmodSync(work, 0o755); // as root, PostgreSQL runs as user "postgres" and must reach its data directory
  const epg = SERVER_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), database: "postgres", persistent: false, settings: PROFILE ? PROFILE_PG_SETTINGS : undefined });
  const testDb = await createTestDatabase(SERVER_URL ?? epg!.adminUrl, "bench_load");
  let webs: NextServer[] = [];
  const workers: ReturnType<typeof startWorkers> = [];
  const profDir = path.join(work, "cpu-profiles");
  const stop = async () => {
    for (const w of workers) if (w.pid) try { process.kill(-w.pid, "SIGTERM"); } catch { /* gone */ }
    for (const w of webs) await w.kill("SIGTERM");
    if (PROFILE) printCpuProfiles(profDir);
    await testDb.drop().catch(() => {});
    await epg?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  };
  const db = new pg.Client({ connectionString: testDb.url });
  try {
    const { tokens, sent, extra } = await seed(testDb.url);
    if (!NO_BUILD && APP_ROOT === ROOT) buildIfStale();
    const appDir = await snapshotBuild(APP_ROOT, path.join(work, "app"));
    fs.mkdirSync(path.join(work, "data"));
    const env = {
      DATABASE_URL: testDb.url, RUNBOARD_DATA_DIR: path.join(work, "data"), RUNBOARD_SIGNIN_LIMIT: "1000/60", LOG_LEVEL: "warn",
      // capacity is measured here, not the per-token limiter (its default would answer 429); --web checks it apart
      RUNBOARD_TOKEN_RATE_LIMIT: "1000000/60",
    };
    const webOpts = { appDir, work, env, nodeArgs: PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : undefined };
    webs = await startWebs(WEBS, webOpts);
    if (WEBS > 1) workers.push(...startWorkers(WEBS, webOpts));
    const bases = webs.map((w) => w.base);
    const cookies: string[] = [];
    for (let r = 0; r < READERS; r++) cookies.push(await signIn(bases[r % bases.length], r));
    const variants = new Map(sent.map((p, pi) => [p.slug, Array.from({ length: 8 }, (_, s) => generateJunit(CASES, { seed: 1000 * pi + s + 1, suitePrefix: `com.example.${p.slug}` }))]));
    const log = new RequestLog(3);
    const load = new LoadClients({ bases, tokens, sent, log, variants, cookies, runTag: Date.now().toString(36), flow: FLOW });
    await db.connect();

    // warm-up (compilation caches, pools, JIT, each project's specs created once; 10 jobs per process at least,
    // or the one-client yardstick measures a process still warming up): not in the table, but verified
    log.recording = false;
    for (let p = 0; p < Math.max(PROJECTS, 10) * WEBS; p++) await load.ciJob(p, 0);
    for (let r = 0; r < READERS; r++) await load.readPages(r, r);

    // one client alone: its upload rate is the yardstick
    log.recording = true;
    const pgPid = epg ? postmasterPid(path.join(work, "pg")) : null;
    const roots: Record<string, number> = { ...Object.fromEntries(webs.map((w, i) => [webs.length > 1 ? `web ${i + 1}` : "web", w.pid])), ...(pgPid ? { postgres: pgPid } : {}) };
    const cpu: CpuSample[] = [sampleCpu(roots)];
    const single = await load.drive(1, SINGLE_SECONDS, 0, MAX_RUNS, 1);
    cpu.push(sampleCpu(roots));
    const singleRuns = load.runsFinished;
    const singleRate = (load.junitOk * CASES) / (load.junitMs / 1000);
    const singleJobRate = (load.junitOk * CASES) / single;
    const singleLoad = loadavg();
    load.junitOk = load.runsFinished = load.junitStages.n = 0;
    load.junitStages.ms.clear();
    for (const t of load.otherStages.values()) {
      t.n = 0;
      t.ms.clear();
    }
    log.reset();
    // serial jobs with the CPU of each process tree read around every request (slower: not in any rate)
    const perRequest = new CpuPerRequest(roots);
    load.cpuProbe = perRequest;
    log.recording = false;
    for (let i = 0; i < CPU_JOBS; i++) await load.ciJob(0, 100_000 + i);
    // and each reader page, read alone: what one view costs the server
    if (READERS) for (let i = 0; i < CPU_JOBS; i++) await load.readPages(0, i);
    load.cpuProbe = undefined;
    log.recording = true;

    console.log(`load: ${CLIENTS} CI clients for ${SECONDS} s (at most ${MAX_RUNS} runs), ${READERS} readers (pause ${READER_PAUSE_MS} ms), ${PROJECTS} projects x ${TOKENS_PER_PROJECT} tokens, ${CASES} cases per report, ${WEBS} web process(es)`);
    const dbProfile = PROFILE ? await startDatabaseProfile(db) : null;
    const rssSamples: number[] = [];
    const rssTimer = setInterval(() => rssSamples.push(webs.reduce((n, w) => n + groupRssBytes(w.pid), 0)), 1000);
    cpu.push(sampleCpu(roots));
    const elapsed = await load.drive(CLIENTS, SECONDS, READERS, MAX_RUNS, 1000, READER_PAUSE_MS);
    cpu.push(sampleCpu(roots));
    clearInterval(rssTimer);
    const loadLoad = loadavg();
    if (dbProfile) await printDatabaseProfile(db, dbProfile, load.runsFinished);

    const { lost, incomplete } = await verifyLoad(db, sent, CASES);
    if (load.notCreated.length) lost.push(`${load.notCreated.length} unique externalIds were not created as new runs: ${load.notCreated.slice(0, 5).join(", ")}`);
    const checks = WEBS > 1 ? await checkTriage(db) : [];

    console.log(`\nRunboard load benchmark: production build on loopback, ${WEBS} web process(es)${WEBS > 1 ? ` and ${WEBS} workers` : ""}, ${SERVER_URL ? "PostgreSQL at --server" : "embedded PostgreSQL"}, ${os.cpus().length} cores shared with the load generator`);
    console.log(`${CLIENTS} CI clients x ${SECONDS} s, ${READERS} readers (${READER_PAUSE_MS ? `each pausing ${READER_PAUSE_MS} ms after a page` : "without pause"}); window ${elapsed.toFixed(1)} s (the last runs finish after the deadline)\n`);
    console.table(log.rows(KINDS));
    printRates(log, load, { single, singleRate, singleJobRate, singleLoad, elapsed, loadLoad });
    const cores = os.cpus().length;
    console.log(formatCpu("one client alone", cpuPerRun(cpu[0], cpu[1], singleRuns), singleRuns, cores));
    console.log(formatCpu(`${CLIENTS} clients${READERS ? ` + ${READERS} readers (their pages included)` : ""}`, cpuPerRun(cpu[2], cpu[3], load.runsFinished), load.runsFinished, cores));
    if (CPU_JOBS) {
      console.log(`CPU per request, ${CPU_JOBS} serial CI jobs${READERS ? ` and ${CPU_JOBS} serial rounds of the reader pages` : ""} (10 ms clock ticks, averaged; PostgreSQL: every backend of the embedded server):`);
      console.table(perRequest.rows());
    }
    if (!pgPid) console.log("(PostgreSQL at --server: its CPU is not attributed; see the machine's busy cores)");
    if (FLOW === "api") console.log("server stages of the other CI requests (Server-Timing, mean ms):", Object.fromEntries([...load.otherStages].map(([k, t]) => [k, t.means()])));
    if (rssSamples.length) console.log(`server RSS (web processes): peak ${(Math.max(...rssSamples) / 1e6).toFixed(0)} MB (sampled every 1 s)`);
    const errors = log.totalErrors();
    printProblems(log, path.join(work, "server.log"), sent, lost, incomplete);
    if (WEBS > 1) webs = await multiProcessChecks(db, webs, extra, { ...webOpts, nodeArgs: undefined, env: { ...env, RUNBOARD_TOKEN_RATE_LIMIT: `${TOKEN_LIMIT}/600` } }, checks);
    return lost.length || incomplete.length || errors || checks.length ? 1 : 0;
  } finally {
    await db.end().catch(() => {});
    await stop();
  }
}

// explicit exit: embedded-postgres's exit hook would otherwise end the process with 0
main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(1);
});
