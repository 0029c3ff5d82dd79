// Comparing two runs through GET /api/v1/runs/compare on a real database:
// uploaded through the ingest API, compared spec by spec and phase by phase.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as compareRoute from "@/app/api/v1/runs/compare/route";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import { disconnectDb } from "@/lib/db";
import { findPreviousComparableRun } from "@/lib/queries/get-run-comparison";
import { getRunDetail } from "@/lib/queries/get-run-detail";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

const slug = "compare-test";
let token: string;
let otherToken: string;

const testcase = (name: string, time: number, outcome = "") =>
  `<testcase classname="Gateway" name="${name}" time="${time}">${outcome}</testcase>`;
const fail = (msg: string) => `<failure message="${msg}">stack</failure>`;

async function upload(externalId: string, cases: string, phases: { name: string; s: number }[], branch = "main", startedAt = "2026-11-01T10:00:00Z") {
  const form = new FormData();
  let t = Date.parse(startedAt);
  const list = phases.map((p) => {
    const startedAtP = new Date(t).toISOString();
    t += p.s * 1000;
    return { name: p.name, startedAt: startedAtP, finishedAt: new Date(t).toISOString(), status: "passed" };
  });
  const finishedAt = new Date(t + 60_000).toISOString();
  form.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId, branch, startedAt, finishedAt, status: "failed" }));
  form.append("phases", JSON.stringify({ phases: list }));
  form.append("junit", new Blob([`<testsuites><testsuite name="Gateway">${cases}</testsuite></testsuites>`], { type: "application/xml" }), "junit.xml");
  const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form });
  expect(r.status, r.text).toBe(201);
  return r.data.id as string;
}

let runA: string;
let runB: string;

beforeAll(async () => {
  const project = (await ensureProject(slug)).project;
  token = (await createApiToken(project.id, "ci")).token;
  otherToken = (await createApiToken((await ensureProject("compare-other")).project.id, "ci")).token;
  runA = await upload(
    "cmp-a",
    testcase("breaks", 1.0) + testcase("gets fixed", 2.0, fail("Expected 500 to equal 400")) + testcase("keeps failing", 0.5, fail("timeout after 30s")) +
      testcase("gets skipped", 0.2) + testcase("slows down", 1.0) + testcase("goes away", 0.1),
    [{ name: "cluster", s: 60 }, { name: "images", s: 200 }],
  );
  runB = await upload(
    "cmp-b",
    testcase("breaks", 1.1, fail("connection refused to 10.0.0.1:8080")) + testcase("gets fixed", 2.0) + testcase("keeps failing", 0.6, fail("timeout after 31s")) +
      testcase("gets skipped", 0, "<skipped/>") + testcase("slows down", 9.0) + testcase("is new", 0.3),
    [{ name: "cluster", s: 61 }, { name: "images", s: 120 }],
    "main",
    "2026-11-02T10:00:00Z",
  );
});
afterAll(() => disconnectDb());

describe("GET /api/v1/runs/compare", () => {
  it("lists new failures, fixed, still failing, newly skipped, added and removed specs with signatures, and duration changes by size", async () => {
    const r = await callRoute(compareRoute.GET, "/api/v1/runs/compare", { token, query: { a: runA, b: runB } });
    expect(r.status, r.text).toBe(200);
    expect(r.data.counts).toMatchObject({ new_failure: 1, fixed: 1, still_failing: 1, newly_skipped: 1, added: 1, removed: 1 });
    const byName = Object.fromEntries(r.data.changes.map((c: { name: string }) => [c.name, c]));
    expect(byName.breaks).toMatchObject({ change: "new_failure", a: "passed", b: "failed" });
    expect(byName.breaks.signatureB).toContain("connection refused");
    expect(byName["gets fixed"]).toMatchObject({ change: "fixed", signatureB: null });
    expect(byName["gets fixed"].signatureA).toContain("to equal");
    expect(byName["keeps failing"].change).toBe("still_failing");
    // the biggest spec change first: "slows down" went from 1 s to 9 s
    expect(r.data.specDurations[0]).toMatchObject({ name: "slows down", aMs: 1000, bMs: 9000, deltaMs: 8000 });
    expect(r.data.phaseDurations.map((p: { name: string; deltaMs: number }) => [p.name, p.deltaMs])).toEqual([["images", -80_000], ["cluster", 1000]]);
    expect(r.data.a.id).toBe(runA);
    expect(r.data.b.id).toBe(runB);
  });

  it("answers 404 for an unknown run, 403 for another project's token, 422 without ids", async () => {
    const unknown = await callRoute(compareRoute.GET, "/api/v1/runs/compare", { token, query: { a: runA, b: "0190b3a4-0000-7000-8000-000000000000" } });
    expect(unknown.status).toBe(404);
    expect(unknown.data.error.code).toBe("not_found");
    const other = await callRoute(compareRoute.GET, "/api/v1/runs/compare", { token: otherToken, query: { a: runA, b: runB } });
    expect(other.status).toBe(403);
    const missing = await callRoute(compareRoute.GET, "/api/v1/runs/compare", { token, query: { a: runA } });
    expect(missing.status).toBe(422);
    expect(missing.data.error.details[0].path).toContain("b");
  });

  it("finds the previous comparable run: same mode and branch, finished, setup working", async () => {
    await upload("cmp-other-branch", testcase("breaks", 1), [{ name: "cluster", s: 1 }], "feature", "2026-11-01T12:00:00Z");
    const b = (await getRunDetail(runB))!;
    expect(await findPreviousComparableRun(b)).toBe(runA);
    expect(await findPreviousComparableRun((await getRunDetail(runA))!)).toBeNull();
  });
});
