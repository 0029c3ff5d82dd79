// npm run bench:load [-- --clients 50 --seconds 60 | --quick] - issue #8.
// Simulated CI jobs against a production build on loopback: each client loops
// create run (unique externalId) -> POST a 1k-case JUnit report (content made
// unique per run, so nothing is deduplicated) -> POST phases -> finish, with a
// few bearer tokens over a few projects, while signed-in viewers read /runs,
// /runs/[id] of recent runs, /projects/<p>/timing and /triage. Every request's
// latency and status is recorded; any non-2xx is an error. Afterwards the
// database is checked against what the clients were told (no lost or
// duplicated runs, 1000 results each, every run finished); a discrepancy or a
// request error exits non-zero.
//
// Bounded: clients stop starting runs after --seconds (or --max-runs), and
// every request has a timeout. The load generator runs on the same machine as
// the server and PostgreSQL, so it competes with them for the CPU.
//
// Options: --clients N (50), --seconds N (60), --readers N (5), --projects N (3),
// --tokens-per-project N (2), --max-runs N (clients x seconds), --quick
// (10 clients x 10 s, 2 readers), --no-build (use the existing production build
// even if sources are newer; it is copied either way, see snapshot-build.ts), --server <postgres URL> (instead of a fresh
// embedded PostgreSQL; a scratch database is created and dropped).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { generateJunit } from "@/lib/bench/generate-junit";
import { type SentProject, verifyLoad } from "@/lib/bench/load-verify";
import { RequestLog, timedFetch } from "@/lib/bench/load-stats";
import { groupRssBytes } from "@/lib/bench/process-memory";
import { snapshotBuild } from "@/lib/bench/snapshot-build";
import { buildIfStale } from "@/lib/ops/build";
import { freePort, startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { createTestDatabase } from "@/lib/testing/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CASES = 1000;
const REQUEST_TIMEOUT_MS = 60_000;
const PASSWORD = "load-bench-password-0123";
const args = process.argv.slice(2);
const QUICK = args.includes("--quick");

function flag(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} needs a positive integer`);
  return v;
}

const CLIENTS = flag("clients", QUICK ? 10 : 50);
const SECONDS = flag("seconds", QUICK ? 10 : 60);
const READERS = flag("readers", QUICK ? 2 : 5);
const PROJECTS = flag("projects", 3);
const TOKENS_PER_PROJECT = flag("tokens-per-project", 2);
const MAX_RUNS = flag("max-runs", CLIENTS * SECONDS);
const NO_BUILD = args.includes("--no-build");
const SERVER_URL = args.includes("--server") ? args[args.indexOf("--server") + 1] : undefined;
const KINDS = ["create run", "junit (1k cases)", "phases", "finish", "/runs", "/runs/[id]", "/projects/<p>/timing", "/triage"];

interface Token { slug: string; token: string }

/** Phase timings shaped like a Kind-cluster E2E job: setup, two parallel deploys under it, tests. */
function phasesBody(startMs: number, i: number) {
  const at = (s: number) => new Date(startMs + s * 1000).toISOString();
  const setup = 40 + (i % 7);
  return {
    phases: [
      { name: "Phase 1: Kind cluster + CRDs + namespace", startedAt: at(0), durationMs: setup * 1000, status: "passed", attributes: { peakMemoryMb: 900 + (i % 50) } },
      { name: "deploy gateway", parent: "Phase 1: Kind cluster + CRDs + namespace", group: "deploy", startedAt: at(10), durationMs: 20_000, status: "passed" },
      { name: "deploy backends", parent: "Phase 1: Kind cluster + CRDs + namespace", group: "deploy", startedAt: at(10), durationMs: 25_000 + (i % 5) * 1000, status: "passed" },
      { name: "Phase 2: tests", startedAt: at(setup), durationMs: 120_000 + (i % 11) * 1000, status: "passed" },
    ],
  };
}

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

async function main(): Promise<number> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-bench-load-"));
  fs.chmodSync(work, 0o755); // as root, PostgreSQL runs as user "postgres" and must reach its data directory
  const epg = SERVER_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), database: "postgres", persistent: false });
  const testDb = await createTestDatabase(SERVER_URL ?? epg!.adminUrl, "bench_load");
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server?.pid) try { process.kill(-server.pid, "SIGTERM"); } catch { /* gone */ }
    await testDb.drop().catch(() => {});
    await epg?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    // projects, tokens and viewers, written directly (the server is not up yet)
    process.env.DATABASE_URL = testDb.url;
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
    for (let r = 0; r < READERS; r++) await createUser({ email: `viewer${r}@load.test`, name: `Viewer ${r}`, role: "viewer", password: PASSWORD });
    await disconnectDb();

    if (!NO_BUILD) buildIfStale();
    const appDir = await snapshotBuild(ROOT, path.join(work, "app"));
    const port = await freePort();
    fs.mkdirSync(path.join(work, "data"));
    server = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: appDir,
      detached: true,
      stdio: ["ignore", fs.openSync(path.join(work, "server.log"), "a"), fs.openSync(path.join(work, "server.log"), "a")],
      env: {
        ...process.env,
        DATABASE_URL: testDb.url,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        RUNBOARD_DATA_DIR: path.join(work, "data"),
        RUNBOARD_SIGNIN_LIMIT: "1000/60",
        // capacity is measured here, not the per-token limiter (its default would answer 429)
        RUNBOARD_TOKEN_RATE_LIMIT: "1000000/60",
        LOG_LEVEL: "warn",
      },
    });
    const base = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 300 && !(up = await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 200));
    if (!up) {
      const tail = fs.existsSync(path.join(work, "server.log")) ? fs.readFileSync(path.join(work, "server.log"), "utf8").slice(-2000) : "";
      throw new Error(`the server did not answer /api/health within 60 s; its output ends:\n${tail}`);
    }

    // sign the viewers in: status 200 required, redirects not followed
    const cookies: string[] = [];
    for (let r = 0; r < READERS; r++) {
      const res = await fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST", redirect: "manual", headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ email: `viewer${r}@load.test`, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in of viewer${r} answered ${res.status}: ${await res.text()}`);
      cookies.push(res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "));
    }

    // reports: a few seeds per project (the same specs every run, as in CI), stamped per run
    const variants = new Map(sent.map((p, pi) => [p.slug, Array.from({ length: 8 }, (_, s) => generateJunit(CASES, { seed: 1000 * pi + s + 1, suitePrefix: `com.example.${p.slug}` }))]));
    const stamp = (xml: string, externalId: string) => xml.replace("?>\n", `?>\n<!-- ${externalId} -->\n`);

    const log = new RequestLog(3);
    const recent: string[] = []; // finished runs, newest last, for the readers
    let runsStarted = 0, runsFinished = 0, junitOk = 0; // counted in the measured window only
    const notCreated: string[] = []; // creations that answered 200: an externalId already known
    const runTag = Date.now().toString(36);

    /** One simulated CI job: create, junit, phases, finish. Stops at the first failed step. */
    const ciJob = async (client: number, iter: number) => {
      const { slug, token } = tokens[client % tokens.length];
      const auth = { authorization: `Bearer ${token}` };
      const externalId = `load-${runTag}-${client}-${iter}`;
      const started = Date.now();
      const created = await timedFetch(log, "create run", `${base}/api/v1/runs`, {
        method: "POST", headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ project: slug, mode: iter % 2 ? "parallel" : "sequential", externalId, branch: "main", commit: (0x1000000 + client * 1000 + iter).toString(16), runnerHost: `runner-${client % 4}` }),
      }, REQUEST_TIMEOUT_MS);
      if (!created || created.status >= 300) return;
      const id = JSON.parse(created.body).id as string;
      const project = sent.find((p) => p.slug === slug)!;
      if (created.status === 201) project.created.set(id, externalId);
      else notCreated.push(`${externalId} answered ${created.status}`);
      const variant = variants.get(slug)![(client + iter) % 8];
      const junit = await timedFetch(log, "junit (1k cases)", `${base}/api/v1/runs/${id}/junit`, {
        method: "POST", headers: { ...auth, "content-type": "application/xml" }, body: stamp(variant, externalId),
      }, REQUEST_TIMEOUT_MS);
      if (!junit || junit.status >= 300) return;
      project.junitOk.add(id);
      if (log.recording) junitOk++;
      const phases = await timedFetch(log, "phases", `${base}/api/v1/runs/${id}/phases`, {
        method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(phasesBody(started, iter)),
      }, REQUEST_TIMEOUT_MS);
      if (!phases || phases.status >= 300) return;
      const finish = await timedFetch(log, "finish", `${base}/api/v1/runs/${id}/finish`, {
        method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ status: "passed" }),
      }, REQUEST_TIMEOUT_MS);
      if (!finish || finish.status >= 300) return;
      project.finishOk.add(id);
      if (log.recording) runsFinished++;
      recent.push(id);
      if (recent.length > 200) recent.shift();
    };

    const pages = (i: number): [string, string][] => [
      ["/runs", "/runs"],
      ["/runs/[id]", `/runs/${recent[recent.length - 1 - (i % Math.min(20, recent.length))]}`],
      ["/projects/<p>/timing", `/projects/${sent[i % sent.length].slug}/timing`],
      ["/triage", "/triage"],
    ];
    const readPages = async (reader: number, i: number) => {
      for (const [kind, url] of pages(i)) if (!url.endsWith("/undefined")) await timedFetch(log, kind, base + url, { headers: { cookie: cookies[reader] }, redirect: "manual" }, REQUEST_TIMEOUT_MS);
    };

    // warm-up (compilation caches, pools, JIT, each project's specs created once): not in the table, but verified
    log.recording = false;
    for (let p = 0; p < PROJECTS; p++) await ciJob(p, 0);
    for (let r = 0; r < READERS; r++) await readPages(r, r);
    log.recording = true;

    console.log(`load: ${CLIENTS} CI clients for ${SECONDS} s (at most ${MAX_RUNS} runs), ${READERS} readers, ${PROJECTS} projects x ${TOKENS_PER_PROJECT} tokens, ${CASES} cases per report`);
    const rssSamples: number[] = [];
    const rssTimer = setInterval(() => rssSamples.push(groupRssBytes(server!.pid!)), 1000);
    const t0 = performance.now();
    const deadline = t0 + SECONDS * 1000;
    let writersDone = false;
    const writers = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let iter = 1; performance.now() < deadline && runsStarted < MAX_RUNS; iter++) {
        runsStarted++;
        await ciJob(c, iter);
      }
    });
    const readers = Array.from({ length: READERS }, async (_, r) => {
      for (let i = 0; !writersDone; i++) await readPages(r, i);
    });
    await Promise.all(writers);
    const elapsed = (performance.now() - t0) / 1000;
    writersDone = true;
    await Promise.all(readers);
    clearInterval(rssTimer);
    const rssEnd = groupRssBytes(server.pid!);

    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    const { lost, incomplete } = await verifyLoad(client, sent, CASES).finally(() => client.end());
    if (notCreated.length) lost.push(`${notCreated.length} unique externalIds were not created as new runs: ${notCreated.slice(0, 5).join(", ")}`);

    const { loadavg } = os;
    console.log(`\nRunboard load benchmark: production build on loopback, ${SERVER_URL ? "PostgreSQL at --server" : "embedded PostgreSQL"}, ${os.cpus().length} cores shared with the load generator (load average now ${loadavg().map((x) => x.toFixed(1)).join(" ")})`);
    console.log(`${CLIENTS} CI clients x ${SECONDS} s, ${READERS} readers; window ${elapsed.toFixed(1)} s (the last runs finish after the deadline)\n`);
    console.table(log.rows(KINDS));
    const mb = (b: number) => (b / 1e6).toFixed(0);
    console.log(`throughput: ${(runsFinished / elapsed).toFixed(2)} runs/s finished (${runsFinished} runs), ${Math.round((junitOk * CASES) / elapsed)} result rows/s stored`);
    if (rssSamples.length) console.log(`server RSS (next start and its workers): peak ${mb(Math.max(...rssSamples))} MB, at end ${mb(rssEnd)} MB (sampled every 1 s)`);
    const errors = log.totalErrors();
    if (log.firstErrors.length) {
      console.log(`\n${errors} request errors; the first of each kind:`);
      for (const e of log.firstErrors) console.log(`  ${e.kind} ${e.status || "no response"} ${e.url.replace(base, "")}: ${e.body}`);
      const logged = serverErrors(path.join(work, "server.log"));
      if (logged.length) console.log(`the server's logged causes:\n${logged.map((l) => `  ${l}`).join("\n")}`);
    }
    const runs = sent.reduce((n, p) => n + p.created.size, 0);
    if (lost.length) {
      console.log(`\nLOST OR DUPLICATED: the database disagrees with what the server acknowledged (${runs} runs created):`);
      for (const p of lost) console.log(`  ${p}`);
    } else if (incomplete.length) {
      console.log(`\nno lost or duplicated runs among what the server acknowledged (${runs} runs created), but runs are incomplete because requests failed:`);
    } else {
      console.log(`\nno lost or duplicated runs (${runs} runs incl. ${PROJECTS} warm-up, ${runs * CASES} result rows, all finished, in ${PROJECTS} projects)`);
    }
    for (const p of incomplete) console.log(`  ${p}`);
    return lost.length || incomplete.length || errors ? 1 : 0;
  } finally {
    await stop();
  }
}

// explicit exit: embedded-postgres's exit hook would otherwise end the process with 0
main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(1);
});
