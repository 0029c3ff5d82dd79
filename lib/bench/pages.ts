// npm run bench:pages [-- --runs 100000 --results 10000000 --requests 50 --wait-quiet 1.2]
// Fills a fresh embedded PostgreSQL with a long run history
// (lib/bench/generate-history.ts), starts the production build against it on
// loopback, and requests the browse pages: /runs (first page, a deep keyset
// page, filtered and sorted views), /runs/[id] and /specs/[id] for random
// ids. Prints p50/p95 of the time to first byte and of the complete response
// per page, against the goals; then times the removal of the oldest month of
// results by retention (lib/retention/enforce-retention.ts). Bounded: a fixed number of requests, each with
// a timeout. Because the pages stream (loading.tsx), the first byte comes
// before the data; the goals are therefore checked on the complete response.
// --wait-quiet L: after generating, wait (up to 45 min) until the machine's
// 1-minute load average is below L before measuring, so that a long generation
// can share the machine while only the measurement needs it alone.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { DEFAULT_SHAPE, type HistoryShape, generateHistory, largeEvery } from "@/lib/bench/generate-history";
import { freePort, startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { buildIfStale } from "@/lib/ops/build";
import { webNodeOptions } from "@/lib/ops/node-options";
import { encodeCursor } from "@/lib/queries/run-keyset";
import { enforceRetention } from "@/lib/retention/enforce-retention";
import { listMonthPartitions } from "@/lib/retention/partitions";
import { createTestDatabase } from "@/lib/testing/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} needs a positive integer`);
  return v;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

let cookie = "";

// pages need a signed-in reader; redirects are not followed, so a sign-in page is never measured by mistake
async function timed(url: string): Promise<{ ttfb: number; total: number; status: number }> {
  const t = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000), headers: { cookie }, redirect: "manual" });
  const ttfb = performance.now() - t;
  await res.arrayBuffer();
  return { ttfb, total: performance.now() - t, status: res.status };
}

async function main() {
  const shape: HistoryShape = { ...DEFAULT_SHAPE, runs: flag("runs", DEFAULT_SHAPE.runs), results: flag("results", DEFAULT_SHAPE.results) };
  const requests = flag("requests", 50);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-bench-pages-"));
  fs.chmodSync(work, 0o755); // as root, PostgreSQL runs as user "postgres" and must reach its data directory
  const epg = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), database: "postgres", persistent: false });
  const testDb = await createTestDatabase(epg.adminUrl, "bench_pages");
  const client = new pg.Client({ connectionString: testDb.url });
  await client.connect();
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server?.pid) try { process.kill(-server.pid, "SIGTERM"); } catch { /* gone */ }
    await client.end().catch(() => {});
    await testDb.drop().catch(() => {});
    await epg.stop();
    fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    console.log(`generating ${shape.runs} runs, ~${shape.results} results (${shape.smallSuite}-spec suites, every ${largeEvery(shape)}th run a ${shape.largeSuite}-spec suite)`);
    const t = performance.now();
    await generateHistory(client, shape, (m) => console.log(`  ${m}`));
    const genSeconds = (performance.now() - t) / 1000;
    const { rows: [counts] } = await client.query(`SELECT (SELECT count(*) FROM runs)::int AS runs, (SELECT count(*) FROM test_results)::int AS results`);
    console.log(`generated ${counts.runs} runs and ${counts.results} results in ${genSeconds.toFixed(0)} s`);

    // targets: a deep keyset page (found with OFFSET here, once, by the benchmark, never by the app)
    const { rows: [deep] } = await client.query(
      `SELECT id, "startedAt" AT TIME ZONE 'UTC' AS "startedAt" FROM runs ORDER BY "startedAt" DESC, id DESC OFFSET $1 LIMIT 1`,
      [Math.floor(counts.runs / 2)],
    );
    const deepCursor = encodeCursor({ sort: "started", dir: "desc", value: new Date(deep.startedAt).toISOString(), id: deep.id });
    const { rows: runIds } = await client.query(`SELECT id FROM runs WHERE "testsTotal" > 0 ORDER BY random() LIMIT $1`, [requests]);
    const { rows: bigRuns } = await client.query(`SELECT id FROM runs WHERE "testsTotal" >= 500 ORDER BY random() LIMIT $1`, [Math.ceil(requests / 5)]);
    const { rows: specIds } = await client.query(`SELECT id FROM test_cases ORDER BY random() LIMIT $1`, [requests]);
    // the timing page of the project with the most runs (up to 2,000 runs and their phases, and the duration changes)
    const { rows: [busiest] } = await client.query(
      `SELECT p.slug, to_char(max(r."startedAt"), 'YYYY-MM-DD') AS newest FROM projects p JOIN runs r ON r."projectId" = p.id GROUP BY p.slug ORDER BY count(*) DESC LIMIT 1`);
    // a new filter for each view that selects other runs: "to" one more day back each time (the warm-up's views from 31 days back)
    const newTo = (i: number) => new Date(Date.parse(busiest.newest) - (i >= 1000 ? 31 + i - 1000 : 1 + i) * 86_400_000).toISOString().slice(0, 10);
    const { rows: [mid] } = await client.query(`SELECT to_char(m, 'YYYY-MM-DD') AS "from", to_char(m + interval '30 days', 'YYYY-MM-DD') AS "to"
         FROM (SELECT min("startedAt") + (max("startedAt") - min("startedAt")) / 2 AS m FROM runs) x`);

    // a viewer to read the pages as (pages need sign-in)
    process.env.DATABASE_URL = testDb.url;
    const { createUser } = await import("@/lib/auth/users");
    const { disconnectDb } = await import("@/lib/db");
    const { seedCompareRuns, seedGridRuns } = await import("@/lib/bench/compare-runs");
    const compare = await seedCompareRuns(5000);
    const gridProject = await seedGridRuns(100, 1000);
    // a viewer of every project (roles are per project, decision 18): a viewer of none would read empty pages
    const { db } = await import("@/lib/db");
    const projects = (await db().project.findMany({ select: { slug: true } })).map((p) => p.slug);
    await createUser({ email: "bench@bench.test", name: "Bench", role: "viewer", password: "bench-password-0123", projects });
    await disconnectDb();

    buildIfStale();
    const port = await freePort();
    server = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      detached: true,
      stdio: "ignore",
      // the web process's Node.js options as `npm start` sets them (decision 29)
      env: { ...process.env, DATABASE_URL: testDb.url, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: webNodeOptions(process.env.NODE_OPTIONS) },
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 200 && !(await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 200));
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST", headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: "bench@bench.test", password: "bench-password-0123" }),
    });
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

    const pick = <T,>(xs: T[], i: number) => xs[i % xs.length];
    const cases: { page: string; goal: number; url: (i: number) => string }[] = [
      { page: "/runs (first page)", goal: 150, url: () => "/runs" },
      { page: "/runs (deep keyset page)", goal: 150, url: () => `/runs?after=${deepCursor}` },
      { page: "/runs?project&mode, sort=duration", goal: 150, url: () => `/runs?project=bench-${shape.smallProjects}&mode=parallel&sort=duration` },
      { page: "/runs?status=failed, sort=setup asc", goal: 150, url: (i) => `/runs?project=bench-${i % shape.smallProjects}&status=failed&sort=setup&dir=asc` },
      { page: "/runs?q&from&to (text search)", goal: 150, url: () => `/runs?q=change-17&from=${mid.from}&to=${mid.to}` },
      { page: "/runs/[id] (random runs)", goal: 150, url: (i) => `/runs/${pick(runIds, i).id}` },
      { page: "/runs/[id] (1000-spec runs)", goal: 150, url: (i) => `/runs/${pick(bigRuns, i).id}` },
      { page: "/specs/[id] (random specs)", goal: 100, url: (i) => `/specs/${pick(specIds, i).id}` },
      { page: "/runs/compare (5,000 specs each)", goal: 300, url: () => `/runs/compare?a=${compare.a}&b=${compare.b}` },
      { page: "/requirements/grid (1,000 x 100)", goal: 300, url: () => `/requirements/grid?project=${gridProject}&runs=100` },
      // the page's figures are kept a minute per project and filter (decision 27): repeat views read them, and a
      // filter nobody asked for yet (a "to" date a day earlier each time: 2,000 runs, not all the same) computes them afresh
      { page: "/projects/[p]/timing (busiest project)", goal: 150, url: () => `/projects/${busiest.slug}/timing` },
      { page: "/projects/[p]/timing (busiest, new filter)", goal: 150, url: (i) => `/projects/${busiest.slug}/timing?to=${newTo(i)}` },
    ];
    await waitQuiet();
    // warm-up: compilation caches, pools, JIT
    for (const c of cases) for (let i = 0; i < 5; i++) await timed(base + c.url(i + 1000));

    const rows = [];
    for (const c of cases) {
      const ttfb: number[] = [], total: number[] = [];
      for (let i = 0; i < requests; i++) {
        const r = await timed(base + c.url(i));
        if (r.status !== 200) throw new Error(`${c.url(i)} answered ${r.status}`);
        ttfb.push(r.ttfb);
        total.push(r.total);
      }
      const p95 = percentile(total, 95);
      rows.push({
        page: c.page, requests,
        "TTFB p50 ms": percentile(ttfb, 50).toFixed(1), "TTFB p95 ms": percentile(ttfb, 95).toFixed(1),
        "complete p50 ms": percentile(total, 50).toFixed(1), "complete p95 ms": p95.toFixed(1),
        goal: `< ${c.goal} ms`, met: p95 < c.goal ? "yes" : "NO",
      });
    }
    console.log(`\nRunboard page benchmark: ${counts.runs} runs, ${counts.results} results (generated in ${genSeconds.toFixed(0)} s), production build on loopback, load average after measuring ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}\n`);
    console.table(rows);
    const missed = rows.filter((r) => r.met !== "yes");
    console.log(missed.length ? `goals missed: ${missed.map((r) => r.page).join(", ")}` : "all goals met (p95 of the complete response)");
    await removeOldestMonth(testDb.url);
  } finally {
    await stop();
  }
}

/** --wait-quiet L: the measurement starts once the 1-minute load average is below L (at most 45 min of waiting). */
async function waitQuiet() {
  const i = process.argv.indexOf("--wait-quiet");
  if (i < 0) return;
  const limit = Number(process.argv[i + 1]);
  if (!(limit > 0)) throw new Error("--wait-quiet needs a load average, e.g. 1.2");
  const t = performance.now();
  while (os.loadavg()[0] >= limit && performance.now() - t < 45 * 60_000) await new Promise((r) => setTimeout(r, 10_000));
  console.log(`waited ${((performance.now() - t) / 1000).toFixed(0)} s for a load average below ${limit}: ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
}

/** Retention (decision 20): every project keeps results as long as the oldest month's end is old, so that month goes. */
async function removeOldestMonth(url: string) {
  const db = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const [oldest] = await listMonthPartitions(db, "test_results");
    const { rows: [{ n }] } = await db.query(`SELECT count(*)::int AS n FROM "${oldest.name}"`);
    // the retention cutoff falls exactly on the month's end (the job run "now" is moved by less than a day for that)
    const days = Math.floor((Date.now() - oldest.to.getTime()) / 86_400_000);
    await db.query(`UPDATE projects SET "resultRetentionDays" = $1`, [days]);
    const out = await enforceRetention(new Date(oldest.to.getTime() + days * 86_400_000), db);
    const left = Number((await db.query(`SELECT count(*) AS n FROM test_results WHERE "runStartedAt" < $1`, [oldest.to])).rows[0].n);
    console.log(`retention: the oldest month (${oldest.name}, ${n} results) removed in ${out.ms.toFixed(0)} ms (goal < 1000 ms: ${out.ms < 1000 && left === 0 ? "met" : "MISSED"}); dropped ${out.dropped.join(", ")}, ${out.deleted} rows deleted, ${left} left before ${oldest.to.toISOString().slice(0, 10)}`);
  } finally {
    await db.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
