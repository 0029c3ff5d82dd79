// Several web processes on one database are one system (issue #17): two real
// production servers (`next start`) share the test database. The CI token
// limit holds in total, concurrent uploads spread over both are neither lost
// nor duplicated, triage keeps one item per spec, and an upload cut by a killed
// process and retried against the other is stored once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateJunit } from "@/lib/bench/generate-junit";
import { buildIfStale } from "@/lib/ops/build";
import { freePort } from "@/lib/ops/embedded-postgres";
import { type NextServer, startNextServer } from "@/lib/testing/next-server";

const LIMIT = 12; // requests per token per window, set on both processes
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let work: string;
let webs: NextServer[] = [];
let database: pg.Pool;
const tokens: Record<string, string> = {};

async function startWeb(): Promise<NextServer> {
  return startNextServer({
    port: await freePort(),
    logFile: path.join(work, `next-${webs.length}.log`),
    env: { DATABASE_URL: process.env.DATABASE_URL!, RUNBOARD_DATA_DIR: path.join(work, "data"), LOG_LEVEL: "warn", RUNBOARD_TOKEN_RATE_LIMIT: `${LIMIT}/600` },
    timeoutMs: 60_000,
  });
}

function ingest(web: NextServer, token: string, externalId: string, xml: string, signal?: AbortSignal) {
  const form = new FormData();
  form.append("metadata", JSON.stringify({ project: "multi-process", mode: "parallel", externalId }));
  form.append("junit", new Blob([xml], { type: "application/xml" }), "junit.xml");
  return fetch(`${web.base}/api/v1/ingest`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form, signal });
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return Number((await database.query(sql, params)).rows[0].n);
}

beforeAll(async () => {
  buildIfStale();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-multi-"));
  const { ensureProject } = await import("@/lib/services/get-project");
  const { createApiToken } = await import("@/lib/services/create-api-token");
  const project = (await ensureProject("multi-process")).project;
  for (const name of ["limit", "uploads", "killed"]) tokens[name] = (await createApiToken(project.id, name)).token;
  database = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  webs = [await startWeb(), await startWeb()];
}, 300_000);

afterAll(async () => {
  for (const w of webs) await w.kill("SIGKILL");
  await database?.end();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("two web processes on one database", () => {
  it("hold the CI token limit in total, not per process", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      for (const w of webs) {
        const r = await fetch(`${w.base}/api/v1/runs?project=multi-process`, { headers: { authorization: `Bearer ${tokens.limit}` } });
        statuses.push(r.status);
        if (r.status === 429) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    }
    // 16 requests, 8 to each process: the first 12 pass, the rest are refused wherever they land
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(16 - LIMIT);
  });

  it("store concurrent uploads spread over both once each, with one triage item per failing spec, retries included", async () => {
    // the same 40 specs in every run (5 % fail): every upload touches the same triage items
    const xml = generateJunit(40, { seed: 7, suitePrefix: "com.example.multi" });
    const ids = Array.from({ length: 6 }, (_, i) => `multi-${i}`); // 12 requests: within the limit
    const first = await Promise.all(ids.map((id, i) => ingest(webs[i % 2], tokens.uploads, id, xml)));
    expect(first.map((r) => r.status)).toEqual(ids.map(() => 201));
    // a CI retry of each upload lands on the other process: same run, report stored once
    const again = await Promise.all(ids.map((id, i) => ingest(webs[(i + 1) % 2], tokens.uploads, id, xml)));
    expect(again.map((r) => r.status)).toEqual(ids.map(() => 200));

    expect(await count(`SELECT count(*) AS n FROM runs r JOIN projects p ON p.id = r."projectId" WHERE p.slug = 'multi-process' AND r."externalId" LIKE 'multi-%'`)).toBe(6);
    const results = await count(
      `SELECT count(*) AS n FROM test_results t JOIN runs r ON r.id = t."runId" WHERE r."externalId" LIKE 'multi-%'`,
    );
    expect(results).toBe(6 * 40);
    const failing = await count(
      `SELECT count(DISTINCT t."testCaseId") AS n FROM test_results t JOIN runs r ON r.id = t."runId"
        WHERE r."externalId" LIKE 'multi-%' AND t.status IN ('failed', 'errored')`,
    );
    expect(failing).toBeGreaterThan(0);
    const items = await count(`SELECT count(*) AS n FROM triage_items i JOIN projects p ON p.id = i."projectId" WHERE p.slug = 'multi-process'`);
    expect(items).toBe(failing);
    // each item counted each run's failure once
    const counts = await database.query(`SELECT DISTINCT "failureCount" FROM triage_items i JOIN projects p ON p.id = i."projectId" WHERE p.slug = 'multi-process'`);
    expect(counts.rows.map((r) => r.failureCount)).toEqual([6]);
  });

  it("store an upload cut by a killed process and retried against the other once", async () => {
    const xml = generateJunit(30_000, { seed: 11, suitePrefix: "com.example.killed" }).replace(/<failure[^>]*>[^<]*<\/failure>/g, "");
    const [victim, survivor] = webs;
    const cut = ingest(victim, tokens.killed, "killed-1", xml).then((r) => r.status, () => "connection lost");
    // kill the process while it writes the rows
    for (let i = 0; i < 400; i++) {
      const active = await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query ILIKE 'COPY%'`);
      if (active) break;
      await sleep(25);
    }
    await victim.kill("SIGKILL");
    expect(await cut).toBe("connection lost");
    const retry = await ingest(survivor, tokens.killed, "killed-1", xml);
    expect([200, 201]).toContain(retry.status);
    expect(await count(`SELECT count(*) AS n FROM runs WHERE "externalId" = 'killed-1'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM test_results t JOIN runs r ON r.id = t."runId" WHERE r."externalId" = 'killed-1'`)).toBe(30_000);
  }, 120_000);
});
