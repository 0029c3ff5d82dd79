// A run's total duration comes from the evidence it was sent (issue 12):
// through the real API routes on a real PostgreSQL, the way curl and CI call them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import * as finishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as junitRoute from "@/app/api/v1/runs/[id]/junit/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { db, disconnectDb } from "@/lib/db";
import { getProjectTiming } from "@/lib/queries/get-project-timing";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

const slug = "run-window";
let token: string;

// go-junit-report style: an RFC 3339 timestamp with an offset (10:03:30 UTC), 90 s of tests
const JUNIT_AT = (timestamp: string) => `<?xml version="1.0"?>
<testsuites><testsuite name="gateway" tests="2" failures="0" time="90.000" timestamp="${timestamp}">
  <testcase name="routes" classname="gateway" time="40"/><testcase name="limits" classname="gateway" time="50"/>
</testsuite></testsuites>`;
const NO_TIMESTAMPS = `<testsuites><testsuite name="gateway" tests="1" time="5.5"><testcase name="routes" classname="gateway" time="5.5"/></testsuite></testsuites>`;
const PHASES = {
  phases: [
    { name: "Phase 1: Kind cluster", startedAt: "2026-01-12T10:00:00Z", finishedAt: "2026-01-12T10:01:12Z", status: "passed" },
    { name: "Phase 2: Deploy", startedAt: "2026-01-12T10:01:12Z", finishedAt: "2026-01-12T10:03:00Z", status: "passed" },
  ],
};

function form(meta: Record<string, unknown>, phases: unknown, junit: string) {
  const f = new FormData();
  f.append("metadata", JSON.stringify({ project: slug, mode: "parallel", ...meta }));
  if (phases) f.append("phases", JSON.stringify(phases));
  f.append("junit", new Blob([junit], { type: "application/xml" }), "junit.xml");
  return f;
}

async function ingest(meta: Record<string, unknown>, phases: unknown, junit: string) {
  const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form(meta, phases, junit) });
  expect(r.status).toBe(201);
  return db().run.findUniqueOrThrow({ where: { id: r.data.id } });
}

beforeAll(async () => {
  token = (await createApiToken((await ensureProject(slug)).project.id, "ci")).token;
});
afterAll(() => disconnectDb());

describe("POST /api/v1/ingest without startedAt (curl)", () => {
  it("derives the total from phases and report timestamps: at least the setup, equal to the evidence window", async () => {
    const run = await ingest({ externalId: "curl-1", status: "passed" }, PHASES, JUNIT_AT("2026-01-12T11:03:30+01:00"));
    expect(run.setupDurationMs).toBe(180_000);
    expect(run.durationMs).toBe(300_000); // 10:00:00 (first phase) -> 10:05:00 (10:03:30 UTC + 90 s)
    expect(run).toMatchObject({ windowStartSource: "phases", windowEndSource: "reports", startedAtSource: "request_time", finishedAtSource: "request_time" });
  });

  it("with reports only, the testsuite timestamps give the window", async () => {
    const run = await ingest({ externalId: "curl-2" }, null, JUNIT_AT("2026-01-12T10:03:30"));
    expect(run).toMatchObject({ durationMs: 90_000, windowStartSource: "reports", windowEndSource: "reports" });
    expect(run.windowStart).toEqual(new Date("2026-01-12T10:03:30Z")); // no zone: read as UTC
  });

  it("a claimed start after the first phase is overruled by the evidence; the claim is kept", async () => {
    const run = await ingest({ externalId: "curl-3", startedAt: "2026-01-12T10:02:00Z" }, PHASES, JUNIT_AT("2026-01-12T10:03:30Z"));
    expect(run).toMatchObject({ durationMs: 300_000, startedAtSource: "claimed", windowStartSource: "phases" });
    expect(run.startedAt).toEqual(new Date("2026-01-12T10:02:00Z"));
  });

  it("no timestamps anywhere: the run is marked without timing, never given the request's milliseconds", async () => {
    const run = await ingest({ externalId: "curl-4" }, null, NO_TIMESTAMPS);
    expect(run.finishedAt).not.toBeNull();
    expect(run).toMatchObject({ durationMs: null, windowStartSource: "request_time", testDurationMs: 5500 });
  });
});

describe("separate calls: create, report, finish", () => {
  it("a finish call after the reports ends the run; the start comes from the report", async () => {
    const created = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: { project: slug, mode: "sequential", externalId: "calls-1" } });
    const id = created.data.id as string;
    const start = new Date(Date.now() - 120_000);
    const ts = start.toISOString().replace(/\.\d+Z$/, "Z");
    await callRoute(junitRoute.POST, `/api/v1/runs/${id}/junit`, { token, body: JUNIT_AT(ts), headers: { "content-type": "application/xml" }, params: { id } });
    const before = Date.now();
    const f = await callRoute(finishRoute.POST, `/api/v1/runs/${id}/finish`, { token, json: {}, params: { id } });
    expect(f.status).toBe(200);
    const run = await db().run.findUniqueOrThrow({ where: { id } });
    expect(run).toMatchObject({ windowStartSource: "reports", windowEndSource: "finish_call", finishedAtSource: "finish_call" });
    expect(run.windowStart).toEqual(new Date(ts));
    expect(run.durationMs!).toBeGreaterThanOrEqual(before - Date.parse(ts));
  });
});

describe("timing data", () => {
  it("leaves runs without timing out of the duration figures, with their count", async () => {
    const t = await getProjectTiming(slug, {});
    const parallel = t.report.modes.find((m) => m.mode === "parallel")!;
    expect(t.report.excludedWithoutTiming).toBe(1);
    expect(parallel).toMatchObject({ runs: 3, excludedWithoutTiming: 1, excludedSetupFailures: 0 });
    expect(parallel.total.min).toBe(90_000); // not the unknown run's request time
  });
});
