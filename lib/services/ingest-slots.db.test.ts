// Admission control of uploads (lib/services/ingest-slots.ts, decision 26):
// with RUNBOARD_INGEST_CONCURRENCY=1, concurrent JUnit uploads are stored one
// at a time, the others wait their turn (visible in /api/metrics), and every
// one of them is stored whole; a one-shot upload (the CLI's) waits before its
// report is parsed, not only before it is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as metricsRoute from "@/app/api/metrics/route";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import * as junitRoute from "@/app/api/v1/runs/[id]/junit/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { generateJunit } from "@/lib/bench/generate-junit";
import { disconnectDb, pool } from "@/lib/db";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

const slug = "ingest-slots";
let token: string;

beforeAll(async () => {
  process.env.RUNBOARD_INGEST_CONCURRENCY = "1";
  delete (globalThis as { __runboardIngestSlots?: unknown }).__runboardIngestSlots;
  token = (await createApiToken((await ensureProject(slug)).project.id, "ci")).token;
});
afterAll(async () => {
  delete process.env.RUNBOARD_INGEST_CONCURRENCY;
  delete (globalThis as { __runboardIngestSlots?: unknown }).__runboardIngestSlots;
  await disconnectDb();
});

async function gauge(): Promise<{ active: number; waiting: number }> {
  const text = (await callRoute(metricsRoute.GET, "/api/metrics", {})).text;
  const read = (state: string) => Number(new RegExp(`runboard_ingest_uploads\\{state="${state}"\\} (\\d+)`).exec(text)?.[1] ?? NaN);
  return { active: read("active"), waiting: read("waiting") };
}

describe("uploads past RUNBOARD_INGEST_CONCURRENCY", () => {
  it("wait their turn: one stored at a time, the others shown waiting, all stored whole", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: { project: slug, mode: "parallel", externalId: `slots-${i}` } });
      ids.push(r.data.id);
    }
    const body = generateJunit(20_000, { seed: 7 });
    let done = false;
    const uploads = Promise.all(ids.map((id) => callRoute(junitRoute.POST, `/api/v1/runs/${id}/junit`, { token, body, headers: { "content-type": "application/xml" }, params: { id } })))
      .finally(() => { done = true; });
    const seen: { active: number; waiting: number }[] = [];
    while (!done) {
      seen.push(await gauge());
      await new Promise((r) => setTimeout(r, 5));
    }
    const answers = await uploads;
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(Math.max(...seen.map((s) => s.active))).toBe(1);
    expect(Math.max(...seen.map((s) => s.waiting))).toBeGreaterThanOrEqual(1);
    const { rows } = await pool().query(`SELECT "runId", count(*)::int AS n FROM test_results WHERE "runId" = ANY($1::uuid[]) GROUP BY 1`, [ids]);
    expect(rows.map((r) => r.n)).toEqual([20_000, 20_000, 20_000]);
    expect(await gauge()).toEqual({ active: 0, waiting: 0 });
  });
});

describe("a one-shot upload (POST /api/v1/ingest) past the limit", () => {
  it("is parsed only when its turn comes: a broken report behind a big upload is refused once the big one is stored, not at once", async () => {
    const form = (externalId: string, report: string) => {
      const f = new FormData();
      f.set("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId }));
      f.append("junit", new Blob([report], { type: "application/xml" }), "junit.xml");
      return f;
    };
    const stored = async (externalId: string) =>
      (await pool().query(`SELECT 1 FROM runs r JOIN projects p ON p.id = r."projectId" WHERE p.slug = $1 AND r."externalId" = $2`, [slug, externalId])).rowCount;
    const big = callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form("one-shot-big", generateJunit(20_000, { seed: 8 })) });
    while ((await gauge()).active < 1) await new Promise((r) => setTimeout(r, 2));
    let answered = false;
    // when the broken upload is answered, has the big one (ahead of it in the queue) committed?
    const broken = callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form("one-shot-broken", "<testsuite><testcase name=") })
      .then(async (r) => ({ r, bigStoredFirst: await stored("one-shot-big") }))
      .finally(() => { answered = true; });
    let waited = false;
    while (!answered) {
      waited ||= (await gauge()).waiting >= 1;
      await new Promise((r) => setTimeout(r, 2));
    }
    const { r, bigStoredFirst } = await broken;
    expect(r.status).toBe(400);
    expect(r.data.error.code).toBe("malformed_xml");
    expect(waited).toBe(true);
    expect(bigStoredFirst).toBe(1);
    expect((await big).status).toBe(201);
    expect(await stored("one-shot-broken")).toBe(0);
  });
});
