// Fault tests (issue #8) against real processes: a production server
// (`next start`) on its own embedded PostgreSQL, which these tests stop and
// start again, and a web process killed with SIGKILL mid-upload. Every fault
// must end in a clear answer (503 / 413, never 500, never a hang) and a
// database that holds a report wholly or not at all.
// FAULTS_NO_BUILD=1 skips the rebuild of a stale build; FAULTS_KEEP=1 keeps the
// temp dir (server log, PostgreSQL data) for a post-mortem.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateJunit } from "@/lib/bench/generate-junit";
import { groupRssBytes, sampleGroupPeak } from "@/lib/bench/process-memory";
import { buildIfStale } from "@/lib/ops/build";
import { type EmbeddedPg, freePort, startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { deployMigrations } from "@/lib/ops/migrate";
import { type NextServer, startNextServer } from "@/lib/testing/next-server";
import { queryOnce, waitForStatement } from "@/lib/testing/pg-probe";
import { postLargeBody } from "@/lib/testing/post-large-body";
import { runCliProcess } from "@/lib/testing/run-cli";

const SLUG = "faults";
const CASES = 50_000;
const MB = 1024 * 1024;
const LIMIT = 50 * MB; // RUNBOARD_MAX_UPLOAD_BYTES default

let work: string;
let pgPort: number;
let epg: EmbeddedPg | undefined;
let webPort: number;
let web: NextServer | undefined;
let token: string;
const timings: Record<string, number> = {};

/**
 * A generated report with only its first `keep` failures (the others pass).
 * Why: on PostgreSQL 18 without table statistics, the triage update of a first
 * upload with thousands of failures takes ~55 s (reported separately); these
 * tests are about faults, so they keep the report large but the failures few.
 */
function bigReport(seed: number, suitePrefix: string, keep = 50): string {
  let n = 0;
  return generateJunit(CASES, { seed, suitePrefix }).replace(/<failure[^>]*>[^<]*<\/failure>/g, (m) => (n++ < keep ? m : ""));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startPg() {
  epg = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), database: "runboard", port: pgPort, persistent: true });
}

/** One query on a fresh connection: the suite's own pools would hold connections the restarts kill. */
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => queryOnce<T>(epg!.url, text, params);

async function stored(runId: string) {
  const [r] = await sql<{ reports: number; results: number; total: number; passed: number; failed: number; skipped: number }>(
    `SELECT (SELECT count(*)::int FROM reports WHERE "runId" = $1) AS reports,
            (SELECT count(*)::int FROM test_results WHERE "runId" = $1) AS results,
            "testsTotal" AS total, "testsPassed" AS passed, "testsFailed" AS failed, "testsSkipped" AS skipped
       FROM runs WHERE id = $1`,
    [runId],
  );
  return r;
}

/** Resolves once a statement matching `pattern` is active on the app database (or after timeoutMs). */
const statementActive = (pattern: string, timeoutMs: number, stopEarly: () => boolean) => waitForStatement(epg!.adminUrl, "runboard", pattern, timeoutMs, stopEarly);

/** error lines of the web process's log (pino level >= 50 and Next's own ⨯ lines) */
function serverErrors(): string {
  return fs.readFileSync(path.join(work, "next.log"), "utf8").split("\n")
    .filter((l) => /"level":(50|60)|⨯|Error/.test(l)).map((l) => l.slice(0, 600)).join("\n");
}

async function activity() {
  return sql(`SELECT pid, state, wait_event_type, wait_event, now() - xact_start AS xact_age, left(query, 80) AS query
                FROM pg_stat_activity WHERE datname = 'runboard' AND pid <> pg_backend_pid()`);
}

async function startWeb() {
  const t = performance.now();
  web = await startNextServer({
    port: webPort,
    logFile: path.join(work, "next.log"),
    env: { DATABASE_URL: epg!.url, RUNBOARD_DATA_DIR: path.join(work, "data"), LOG_LEVEL: "warn" },
  });
  timings[`next start #${Object.keys(timings).filter((k) => k.startsWith("next start")).length + 1} ms`] = Math.round(performance.now() - t);
}

const auth = () => ({ authorization: `Bearer ${token}` });

async function newRun(): Promise<string> {
  const res = await fetch(`${web!.base}/api/v1/runs`, {
    method: "POST",
    headers: { ...auth(), "content-type": "application/json" },
    body: JSON.stringify({ project: SLUG, mode: "parallel" }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

type Answer = { status: number; retryAfter: string | null; body: string } | { error: string };

function postJunit(runId: string, xml: string, timeoutMs = 30_000): Promise<Answer> {
  return fetch(`${web!.base}/api/v1/runs/${runId}/junit`, {
    method: "POST",
    headers: { ...auth(), "content-type": "application/xml" },
    body: xml,
    signal: AbortSignal.timeout(timeoutMs),
  }).then(
    async (r) => ({ status: r.status, retryAfter: r.headers.get("retry-after"), body: await r.text() }),
    (e: Error) => ({ error: `${e.name}: ${e.message}` }),
  );
}

const readyStatus = () => fetch(`${web!.base}/api/ready`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => 0);

const runCli = (args: string[]) =>
  runCliProcess(["upload", ...args], { cwd: work, env: { ...process.env, RUNBOARD_RETRY_BASE_MS: "200", DATABASE_URL: "" } }).then((r) => ({ code: r.code, out: r.stdout + r.stderr }));

beforeAll(async () => {
  let t = performance.now();
  // FAULTS_NO_BUILD=1 uses the existing production build even if sources are newer (like bench:ingest --no-build)
  if (!process.env.FAULTS_NO_BUILD) buildIfStale();
  timings["buildIfStale ms"] = Math.round(performance.now() - t);
  t = performance.now();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-faults-"));
  fs.chmodSync(work, 0o755); // as root, PostgreSQL runs as user "postgres" and must reach its data directory
  pgPort = await freePort();
  webPort = await freePort();
  await startPg();
  await deployMigrations(epg!.url);
  // the app's services write through lib/db, which reads DATABASE_URL on first use
  process.env.DATABASE_URL = epg!.url;
  const { ensureProject } = await import("@/lib/services/get-project");
  const { createApiToken } = await import("@/lib/services/create-api-token");
  const { disconnectDb } = await import("@/lib/db");
  token = (await createApiToken((await ensureProject(SLUG)).project.id, "faults")).token;
  await disconnectDb();
  timings["postgres + migrations ms"] = Math.round(performance.now() - t);
  await startWeb();
}, 300_000);

afterAll(async () => {
  await web?.kill("SIGKILL");
  // not asserted (issue #8 asks for answers and stored state), but worth seeing: errors the web process did not handle
  const log = work ? fs.readFileSync(path.join(work, "next.log"), "utf8") : "";
  const uncaught = log.split("\n").filter((l) => l.includes("uncaughtException"));
  if (uncaught.length) console.warn(`[faults] the web process logged ${uncaught.length} uncaught exception(s):\n${uncaught.join("\n")}`);
  await epg?.stop().catch(() => {});
  // FAULTS_KEEP=1 keeps the server log and data directory for a post-mortem
  if (work && !process.env.FAULTS_KEEP) fs.rmSync(work, { recursive: true, force: true });
  else if (work) console.log(`[faults] kept ${work}`);
  console.log("[faults] timings", timings);
});

describe("PostgreSQL restarted during an upload", () => {
  it("answers 503 or 200 (never 500, never a hang), keeps all or nothing, /api/ready follows, and a retry stores one copy", async () => {
    const xml = bigReport(8, "com.example.restart");
    const runId = await newRun();
    let settled = false;
    const t0 = performance.now();
    const upload = postJunit(runId, xml).finally(() => (settled = true));
    // stop PostgreSQL while the result rows are being written
    const midIngest = await statementActive("COPY%", 20_000, () => settled);
    timings["restart: request start -> COPY seen ms"] = Math.round(performance.now() - t0);
    await epg!.stop(); // SIGINT: fast shutdown, open transactions are terminated
    let answer: Answer;
    let newUpload: Answer;
    let readyDown: number;
    try {
      answer = await upload;
      timings["restart: request round trip ms"] = Math.round(performance.now() - t0);
      // while PostgreSQL is down: a new upload (token lookup through Prisma) and the readiness probe of the same web process
      newUpload = await postJunit(runId, "<testsuites/>", 15_000);
      readyDown = await readyStatus();
    } finally {
      await startPg();
    }
    const t1 = performance.now();
    console.log("[faults] during the restart:", {
      midIngest,
      upload: "error" in answer ? answer : { ...answer, body: answer.body.slice(0, 200) },
      newUpload: "error" in newUpload ? newUpload : { ...newUpload, body: newUpload.body.slice(0, 200) },
      readyDown,
    });
    if ([answer, newUpload].some((x) => "status" in x && x.status === 500)) console.log("[faults] server errors:\n" + serverErrors());

    // soft: a wrong status must not hide what the database holds afterwards
    expect(midIngest, "PostgreSQL was stopped while rows were being copied").toBe(true);
    for (const [what, x] of [["upload cut by the restart", answer], ["upload sent while PostgreSQL was down", newUpload]] as const) {
      expect.soft(x, what).not.toHaveProperty("error"); // an answer, not a timeout or a dropped connection
      if ("error" in x) continue;
      expect.soft([200, 201, 503], `${what}: ${x.status} ${x.body}`).toContain(x.status);
      if (x.status === 503) {
        expect.soft(JSON.parse(x.body), what).toMatchObject({ error: { code: "unavailable", message: expect.any(String) } });
        expect.soft(Number(x.retryAfter), what).toBeGreaterThan(0);
      }
    }
    expect.soft(readyDown, "GET /api/ready while PostgreSQL is down").toBe(503);

    let ready = 0;
    let attempts = 0;
    while (ready !== 200 && attempts < 20) {
      attempts++;
      ready = await readyStatus();
      if (ready !== 200) await sleep(250);
    }
    timings["restart: postgres start -> ready 200 ms"] = Math.round(performance.now() - t1);
    expect(ready, "GET /api/ready after PostgreSQL came back").toBe(200);
    expect(attempts, "ready on the first call after the restart").toBe(1);

    // all or nothing: a success stored everything, anything else stored nothing (or, committed just before the cut, everything)
    const after = await stored(runId);
    const nothing = { reports: 0, results: 0, total: 0, passed: 0, failed: 0, skipped: 0 };
    const whole = after.reports === 1 && after.results === CASES && after.total === CASES;
    if ("status" in answer && answer.status < 300) expect(whole, JSON.stringify(after)).toBe(true);
    else if (!whole) expect(after).toEqual(nothing);

    // the client's retry of the same upload
    const retry = await postJunit(runId, xml);
    if ("error" in retry) console.log("[faults] activity during the retry", await activity());
    expect(retry).toMatchObject({ status: 200 });
    const final = await stored(runId);
    expect(final).toMatchObject({ reports: 1, results: CASES, total: CASES });
    expect(final.passed + final.failed + final.skipped).toBe(CASES);
  }, 90_000);
});

describe("web process killed during an upload", () => {
  it("a CLI upload re-run after SIGKILL and a restart leaves exactly one run with the report's results once", async () => {
    const file = path.join(work, "big-report.xml");
    fs.writeFileSync(file, bigReport(9, "com.example.kill"));
    const externalId = `kill-${Date.now()}`;
    const args = ["--url", web!.base, "--token", token, "--project", SLUG, "--mode", "parallel", "--junit", file, "--external-id", externalId];
    let done = false;
    const t0 = performance.now();
    const first = runCli([...args, "--retries", "0"]).finally(() => (done = true));
    const midIngest = await statementActive("COPY%", 30_000, () => done);
    timings["kill: CLI start -> COPY seen ms"] = Math.round(performance.now() - t0);
    await web!.kill("SIGKILL");
    const r1 = await first;
    console.log("[faults] CLI upload killed mid-ingest:", { midIngest, code: r1.code, out: r1.out.trim().slice(0, 300) });
    expect(midIngest, "the web process was killed while rows were being copied").toBe(true);
    expect(r1.code, "the killed upload fails").toBe(1);

    await startWeb();
    const t1 = performance.now();
    const r2 = await runCli([...args, "--retries", "3"]);
    timings["kill: re-run of the CLI ms"] = Math.round(performance.now() - t1);
    console.log("[faults] CLI re-run:", { code: r2.code, out: r2.out.trim().slice(0, 600) });
    timings["kill: whole test ms"] = Math.round(performance.now() - t0);
    expect(r2.code, r2.out).toBe(0);

    const runs = await sql<{ id: string }>(`SELECT id FROM runs WHERE "externalId" = $1`, [externalId]);
    expect(runs).toHaveLength(1);
    const s = await stored(runs[0].id);
    expect(s).toMatchObject({ reports: 1, results: CASES, total: CASES });
    const [{ distinct }] = await sql<{ distinct: number }>(`SELECT count(DISTINCT "testCaseId")::int AS distinct FROM test_results WHERE "runId" = $1`, [runs[0].id]);
    expect(distinct).toBe(CASES);
  }, 90_000);
});

describe("a 200 MB upload", () => {
  const send = (runId: string, o: { declare?: number; total: number }) =>
    postLargeBody(`${web!.base}/api/v1/runs/${runId}/junit`, { headers: { ...auth(), "content-type": "application/xml" }, ...o });

  it("is refused with 413 before the body is read when Content-Length says 200 MB, and after at most the limit when chunked", async () => {
    const runId = await newRun();
    const declared = await send(runId, { declare: 200 * MB, total: 0 });
    timings["413 declared: ms"] = Math.round(declared.ms);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ error: { code: "payload_too_large" } });
    expect(declared.sentAtAnswer).toBeLessThan(64 * 1024); // headers only

    const baseline = groupRssBytes(web!.pid);
    const peak = sampleGroupPeak(web!.pid);
    const chunked = await send(runId, { total: 200 * MB });
    const growth = peak.stop() - baseline;
    timings["413 chunked: ms"] = Math.round(chunked.ms);
    console.log("[faults] chunked 200 MB:", { status: chunked.status, sentMB: (chunked.sentAtAnswer / MB).toFixed(1), rssGrowthMB: (growth / MB).toFixed(0) });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ error: { code: "payload_too_large" } });
    // the limit plus what the loopback socket buffers hold
    expect(chunked.sentAtAnswer).toBeLessThan(LIMIT + 16 * MB);
    expect(growth).toBeLessThan(150 * MB);

    expect(await stored(runId)).toEqual({ reports: 0, results: 0, total: 0, passed: 0, failed: 0, skipped: 0 });
    // the server still answers afterwards
    expect(await readyStatus()).toBe(200);
  }, 60_000);
});
