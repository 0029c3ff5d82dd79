// Hostile input that only shows on a real server process (`next start`): memory
// held by a multipart gzip bomb, an event loop blocked by deeply nested JSON, and
// Prometheus series made from raw paths. Companion of hostile-input.db.test.ts
// (in-process cases). FAULTS_NO_BUILD=1 skips the rebuild of a stale build.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupRssBytes, sampleGroupPeak } from "@/lib/bench/process-memory";
import { disconnectDb } from "@/lib/db";
import { buildIfStale } from "@/lib/ops/build";
import { freePort } from "@/lib/ops/embedded-postgres";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import * as H from "@/lib/testing/hostile-fixtures";
import { type NextServer, startNextServer } from "@/lib/testing/next-server";

const SLUG = "hostile-server";
const MB = 1024 * 1024;
let work = "";
let web: NextServer | undefined;
let token = "";
const auth = () => ({ authorization: `Bearer ${token}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timed(url: string, init: RequestInit = {}) {
  const t0 = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - t0 };
}

/** A POST on its own connection (closed after): the server answers 413 mid-upload, and a kept-alive socket would be reset under the next request. */
function postOnce(url: string, headers: Record<string, string>, body: Uint8Array): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let answered = false;
    const req = http.request(url, { method: "POST", headers: { ...headers, "content-length": String(body.length) }, agent: false }, (res) => {
      answered = true;
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, body: text, ms: performance.now() - t0 }));
    });
    req.on("error", (e) => answered || reject(e));
    req.end(body);
  });
}

async function newRun(): Promise<string> {
  const r = await timed(`${web!.base}/api/v1/runs`, {
    method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: JSON.stringify({ project: SLUG, mode: "parallel" }),
  });
  expect(r.status).toBe(201);
  return JSON.parse(r.body).id;
}

async function reportsOf(runId: string): Promise<number> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return (await c.query(`SELECT count(*)::int AS n FROM reports WHERE "runId" = $1`, [runId])).rows[0].n;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  if (!process.env.FAULTS_NO_BUILD) buildIfStale();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-hostile-server-"));
  token = (await createApiToken((await ensureProject(SLUG)).project.id, "hostile-server")).token;
  await disconnectDb();
  web = await startNextServer({
    port: await freePort(),
    logFile: path.join(work, "next.log"),
    // the review's numbers assume the default limit; other suites in the same worker may have lowered it
    env: { DATABASE_URL: process.env.DATABASE_URL!, RUNBOARD_DATA_DIR: path.join(work, "data"), LOG_LEVEL: "warn", RUNBOARD_MAX_UPLOAD_BYTES: String(50 * MB) },
  });
}, 900_000); // a production build under load takes minutes

afterAll(async () => {
  await web?.kill("SIGKILL");
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("a multipart gzip bomb: 50 parts of 49 MiB of zeros (about 2.5 MB sent)", () => {
  it("answers 413 payload_too_large, stores nothing, and the server's RSS grows by less than 150 MB", async () => {
    const runId = await newRun();
    const { bytes, contentType } = await H.formBytes(H.gzippedZeroParts(50, 49 * MB));
    const baseline = groupRssBytes(web!.pid);
    const peak = sampleGroupPeak(web!.pid);
    const r = await postOnce(`${web!.base}/api/v1/runs/${runId}/junit`, { ...auth(), "content-type": contentType }, bytes);
    const growth = peak.stop() - baseline;
    console.log("[hostile-server] gzip bomb:", { sentMB: (bytes.length / MB).toFixed(1), status: r.status, ms: Math.round(r.ms), rssGrowthMB: Math.round(growth / MB) });
    expect(r.status, r.body.slice(0, 300)).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: "payload_too_large", details: { limitBytes: 50 * MB } } });
    expect(growth).toBeLessThan(150 * MB);
    expect(await reportsOf(runId)).toBe(0);
  }, 120_000);
});

describe("deeply nested JSON is refused before anything walks it", () => {
  for (const depth of [3000, 5000]) {
    it(`labels nested ${depth} deep (about 966 KB): 400 at once, and /api/health keeps answering meanwhile`, async () => {
      const body = H.deepLabelsJson(depth, 966 * 1024);
      let done = false;
      const deep = timed(`${web!.base}/api/v1/runs`, { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body })
        .finally(() => (done = true));
      const health: number[] = [];
      do {
        const h = await timed(`${web!.base}/api/health`);
        expect(h.status).toBe(200);
        health.push(h.ms);
        await sleep(20);
      } while (!done);
      const r = await deep;
      console.log(`[hostile-server] depth ${depth}:`, { status: r.status, ms: Math.round(r.ms), healthMaxMs: Math.round(Math.max(...health)), healthCalls: health.length });
      expect(r.status, r.body.slice(0, 300)).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: "bad_request", details: { maxDepth: 64 } } });
      // before the fix: 5.7 s blocked at depth 3000 (health waited 5.5 s), a 500 at 5000
      expect(r.ms).toBeLessThan(2000);
      expect(Math.max(...health)).toBeLessThan(1000);
    });
  }
});

describe("Prometheus route labels come from route patterns, never from raw paths", () => {
  const series = async () => {
    const r = await timed(`${web!.base}/api/metrics`);
    expect(r.status).toBe(200);
    return r.body.split("\n").filter((l) => l.startsWith("runboard_http_request_duration_seconds_count{"));
  };
  const seriesCount = async () => (await series()).length;
  const rand = () => Math.random().toString(36).slice(2, 12);
  // every shape answers the same status each time: 401 without a token, 404 for an unknown run, 403 cross-site, Next's own 404
  const shapes: ((r: string) => [string, RequestInit])[] = [
    (r) => [`/api/v1/runs/zz${r}/results`, {}],
    (r) => [`/api/v1/runs/zz${r}/results`, { headers: auth() }],
    (r) => [`/api/v1/runs/${r}`, {}],
    (r) => [`/api/v1/runs/${r}/junit`, { method: "POST" }],
    (r) => [`/api/v1/projects/${r}/timing`, {}],
    (r) => [`/api/triage/items/${r}`, { method: "PATCH" }],
    (r) => [`/api/${r}/${r}`, {}],
    (r) => [`/api/v1/runs/${r}/${r}/${r}`, {}],
  ];
  const send = async (i: number) => {
    const [p, init] = shapes[i % shapes.length](rand());
    await timed(`${web!.base}${p}`, init);
  };

  it("1,000 requests to random paths leave the number of histogram series unchanged", async () => {
    for (let i = 0; i < shapes.length; i++) await send(i); // one series per route pattern, method and status
    await timed(`${web!.base}/api/v1/runs`); // a static route: its path is its pattern
    const labels = (await series()).map((l) => /route="([^"]*)"/.exec(l)?.[1]);
    console.log("[hostile-server] route labels:", [...new Set(labels)]);
    expect(labels).toEqual(expect.arrayContaining(["/api/v1/runs", "/api/v1/runs/[id]/results", "/api/v1/runs/[id]/junit", "/api/triage/items/[id]", "/api/v1/projects/[project]/timing"]));
    expect(labels.filter((l) => /zz|[0-9a-z]{10}/.test(l ?? "")), "no raw path segment in a label").toEqual([]);
    const before = await seriesCount();
    for (let i = 0; i < 1000; i += 20) await Promise.all(Array.from({ length: 20 }, (_, j) => send(i + j)));
    const after = await seriesCount();
    console.log("[hostile-server] histogram series:", { before, after });
    expect(after).toBe(before);
  }, 300_000);
});
