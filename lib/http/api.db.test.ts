// The /api/v1 ingest API on a real PostgreSQL, through the real route
// handlers. Every rejected request is checked to have stored nothing.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// limits small enough to test cheaply (read lazily by lib/env on first use)
process.env.RUNBOARD_MAX_UPLOAD_BYTES = String(256 * 1024);
process.env.RUNBOARD_MAX_CASES = "500";

import * as finishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as junitRoute from "@/app/api/v1/runs/[id]/junit/route";
import * as phasesRoute from "@/app/api/v1/runs/[id]/phases/route";
import * as resultsRoute from "@/app/api/v1/runs/[id]/results/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { db, disconnectDb } from "@/lib/db";
import { createApiToken } from "@/lib/services/create-api-token";
import { revokeApiToken } from "@/lib/services/revoke-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { GOOD, junit } from "@/lib/testing/api-reports";
import { callRoute } from "@/lib/testing/call-route";

let token: string;
let otherToken: string;
let projectId: string;
const slug = "api-test";


async function newRun(externalId?: string, startedAt?: string) {
  const r = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: { project: slug, mode: "parallel", externalId, startedAt } });
  expect(r.status).toBe(201);
  return r.data.id as string;
}

async function stored(runId: string) {
  return {
    reports: await db().report.count({ where: { runId } }),
    results: await db().testResult.count({ where: { runId } }),
    phases: await db().phase.count({ where: { runId } }),
    run: await db().run.findUnique({ where: { id: runId } }),
  };
}

const postJunit = (runId: string, body: BodyInit, headers: Record<string, string> = { "content-type": "application/xml" }, t = token) =>
  callRoute(junitRoute.POST, `/api/v1/runs/${runId}/junit`, { token: t, body, headers, params: { id: runId } });

beforeAll(async () => {
  projectId = (await ensureProject(slug)).project.id;
  token = (await createApiToken(projectId, "ci")).token;
  otherToken = (await createApiToken((await ensureProject("other-project")).project.id, "ci")).token;
});
afterAll(() => disconnectDb());

describe("authentication", () => {
  it("answers 401 without a token, with a bad one, and with a revoked one", async () => {
    for (const t of [undefined, "rb_not-a-real-token", "garbage"]) {
      const r = await callRoute(runsRoute.POST, "/api/v1/runs", { token: t, json: { project: slug, mode: "parallel" } });
      expect(r.status).toBe(401);
      expect(r.data.error.code).toBe("unauthorized");
    }
    const { id, token: revoked } = await createApiToken(projectId, "old");
    await revokeApiToken(id);
    const r = await callRoute(runsRoute.POST, "/api/v1/runs", { token: revoked, json: { project: slug, mode: "x", externalId: "revoked" } });
    expect(r.status).toBe(401);
    expect(r.data.error.message).toMatch(/revoked/);
    expect(await db().run.count({ where: { externalId: "revoked" } })).toBe(0);
  });

  it("answers 403 when a token names another project or touches its runs", async () => {
    const r = await callRoute(runsRoute.POST, "/api/v1/runs", { token: otherToken, json: { project: slug, mode: "parallel", externalId: "x-proj" } });
    expect(r.status).toBe(403);
    expect(await db().run.count({ where: { externalId: "x-proj" } })).toBe(0);
    const runId = await newRun();
    const j = await postJunit(runId, GOOD, undefined, otherToken);
    expect(j.status).toBe(403);
    expect((await stored(runId)).results).toBe(0);
  });

  it("records the token's last use", async () => {
    const row = await db().apiToken.findFirstOrThrow({ where: { projectId, name: "ci" } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.tokenHash).not.toContain("rb_");
  });
});

describe("POST /api/v1/runs", () => {
  it("creates a run (201) and returns the same one for a repeated externalId (200)", async () => {
    const a = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: { project: slug, mode: "Parallel", externalId: "build-1", branch: "main", commit: "ABC1234" } });
    const b = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: { project: slug, mode: "parallel", externalId: "build-1" } });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.data.id).toBe(a.data.id);
    expect(a.data).toMatchObject({ mode: "parallel", commit: "abc1234", status: "running" });
  });

  it("answers 422 with a path for each schema violation, 400 for broken JSON, 415 for other types", async () => {
    const bad = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: { project: slug, mode: "two words", commit: "xyz; rm -rf /", ciUrl: "javascript:alert(1)" } });
    expect(bad.status).toBe(422);
    expect(bad.data.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["ciUrl", "commit", "mode"]);
    const broken = await callRoute(runsRoute.POST, "/api/v1/runs", { token, body: "{not json", headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    const form = await callRoute(runsRoute.POST, "/api/v1/runs", { token, body: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    expect(await db().run.count({ where: { projectId, mode: "two words" } })).toBe(0);
  });
});

describe("POST /api/v1/runs/:id/junit", () => {
  it("stores a report and answers the run's totals counted from the test cases", async () => {
    const runId = await newRun();
    const r = await postJunit(runId, GOOD);
    expect(r.status).toBe(200);
    expect(r.data.totals).toMatchObject({ tests: 3, passed: 1, failed: 1, skipped: 1 });
    expect(r.data.reports[0]).toMatchObject({ duplicate: false, cases: 3 });
    const again = await postJunit(runId, GOOD);
    expect(again.data.reports[0].duplicate).toBe(true);
    expect((await stored(runId)).results).toBe(3);
    const failed = await callRoute(resultsRoute.GET, `/api/v1/runs/${runId}/results`, { token, params: { id: runId }, query: { status: "failed" } });
    expect(failed.data.results).toHaveLength(1);
    expect(failed.data.results[0].spec.requirementIds).toEqual(["BR-GATEWAY-018"]);
  });

  it("accepts gzip (header or magic bytes) and Ginkgo's JSON report", async () => {
    const runId = await newRun();
    expect((await postJunit(runId, gzipSync(GOOD), { "content-type": "application/xml", "content-encoding": "gzip" })).status).toBe(200);
    const run2 = await newRun();
    expect((await postJunit(run2, gzipSync(GOOD), { "content-type": "application/octet-stream" })).data.totals.tests).toBe(3);
    const ginkgo = JSON.stringify([{ SuiteDescription: "Gateway E2E Suite", SuitePath: "/e2e", SuiteSucceeded: false, SpecReports: [
      { ContainerHierarchyTexts: ["Test 09"], LeafNodeType: "It", LeafNodeText: "rejects (BR-GATEWAY-024)", State: "failed", RunTime: 2e9, Failure: { Message: "Expected 400 to equal 500" } },
    ] }]);
    const run3 = await newRun();
    const g = await postJunit(run3, ginkgo, { "content-type": "application/json" });
    expect(g.status).toBe(200);
    expect(g.data.reports[0]).toMatchObject({ format: "ginkgo-json" });
    expect(g.data.totals).toMatchObject({ tests: 1, failed: 1 });
  });

  it("rejects malformed XML with 400 and its line and column, storing nothing", async () => {
    const runId = await newRun();
    const r = await postJunit(runId, `<?xml version="1.0"?>\n<testsuites>\n  <testsuite name="a">\n    <testcase name="x">\n</testsuites>`);
    expect(r.status).toBe(400);
    expect(r.data.error.code).toBe("malformed_xml");
    expect(r.data.error.details).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(await stored(runId)).toMatchObject({ reports: 0, results: 0 });
  });

  it("rejects XXE and entity expansion without resolving anything", async () => {
    const runId = await newRun();
    const xxe = `<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuites><testsuite><testcase name="&x;"/></testsuite></testsuites>`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><testsuites><testsuite><testcase name="&b;"/></testsuite></testsuites>`;
    for (const body of [xxe, laughs]) {
      const r = await postJunit(runId, body);
      expect(r.status).toBe(400);
      expect(r.text).not.toContain("root:");
    }
    expect((await stored(runId)).results).toBe(0);
  });

  it("answers 413 for bodies over the limit: declared, streamed, and inflated from a small gzip", async () => {
    const runId = await newRun();
    const big = "x".repeat(300 * 1024);
    expect((await postJunit(runId, big, { "content-type": "application/xml", "content-length": String(big.length) })).status).toBe(413);
    const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
    expect((await postJunit(runId, stream)).status).toBe(413);
    const bomb = gzipSync(junit(`<testcase name="${"a".repeat(400 * 1024)}"/>`));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const r = await postJunit(runId, bomb, { "content-type": "application/xml", "content-encoding": "gzip" });
    expect(r.status).toBe(413);
    expect(r.data.error.code).toBe("payload_too_large");
    expect(await stored(runId)).toMatchObject({ reports: 0, results: 0 });
  });

  it("answers 400 for truncated gzip, 422 past the case limit, 404 for unknown runs, 415 for other types", async () => {
    const runId = await newRun();
    const gz = gzipSync(GOOD);
    expect((await postJunit(runId, gz.subarray(0, gz.length - 10), { "content-type": "application/xml", "content-encoding": "gzip" })).status).toBe(400);
    const many = junit(Array.from({ length: 501 }, (_, i) => `<testcase name="t${i}"/>`).join(""));
    const r = await postJunit(runId, many);
    expect(r.status).toBe(422);
    expect(await stored(runId)).toMatchObject({ reports: 0, results: 0 });
    const missing = "0190a000-0000-7000-8000-000000000000";
    expect((await postJunit(missing, GOOD)).status).toBe(404);
    expect((await postJunit("../../etc/passwd", GOOD)).status).toBe(404);
    expect((await postJunit(runId, GOOD, { "content-type": "text/plain" })).status).toBe(415);
  });

  it("takes several files in one multipart request, and none when one of them is bad", async () => {
    const runId = await newRun();
    const form = new FormData();
    form.append("junit", new Blob([GOOD]), "../../shard-1.xml");
    form.append("junit", new Blob([GOOD.replaceAll("Gateway E2E Suite", "Shard 2")]), "shard-2.xml");
    const r = await callRoute(junitRoute.POST, `/api/v1/runs/${runId}/junit`, { token, body: form, params: { id: runId } });
    expect(r.status).toBe(200);
    expect(r.data.totals.tests).toBe(6);
    expect(r.data.reports.map((x: { filename: string }) => x.filename)).toEqual(["shard-1.xml", "shard-2.xml"]);

    const run2 = await newRun();
    const bad = new FormData();
    bad.append("junit", new Blob([GOOD]), "ok.xml");
    bad.append("junit", new Blob(["<testsuites><oops></testsuites>"]), "broken.xml");
    const b = await callRoute(junitRoute.POST, `/api/v1/runs/${run2}/junit`, { token, body: bad, params: { id: run2 } });
    expect(b.status).toBe(400);
    expect(b.data.error.message).toContain("broken.xml");
    expect(await stored(run2)).toMatchObject({ reports: 0, results: 0 });
  });
});

describe("phases and finish", () => {
  const t = (s: number) => new Date(Date.parse("2026-01-12T10:00:00Z") + s * 1000).toISOString();

  it("records nested parallel phases and computes the run's status from evidence", async () => {
    const runId = await newRun(undefined, t(0));
    const phases = [
      { name: "Phase 1: Kind cluster", startedAt: t(0), finishedAt: t(72), status: "passed" },
      { name: "Phase 2: images", startedAt: t(72), finishedAt: t(210), status: "passed" },
      { name: "Gateway image", parent: "Phase 2: images", group: "images", startedAt: t(72), durationMs: 127_000, status: "passed", attributes: { peakMemoryMb: 2150, oomKills: 0 } },
      { name: "DataStorage image", parent: "Phase 2: images", group: "images", startedAt: t(72), durationMs: 104_000, status: "passed" },
    ];
    const p = await callRoute(phasesRoute.POST, `/api/v1/runs/${runId}/phases`, { token, json: { phases }, params: { id: runId } });
    expect(p.status).toBe(200);
    expect(p.data.phases.find((x: { name: string }) => x.name === "Gateway image")).toMatchObject({ parent: "Phase 2: images", group: "images", durationMs: 127_000 });
    // re-sending a phase by name updates it
    await callRoute(phasesRoute.POST, `/api/v1/runs/${runId}/phases`, { token, json: { phases: [{ ...phases[0], finishedAt: t(80) }] }, params: { id: runId } });
    const only = GOOD.replace(/<testcase name="\[It\] ok[^>]*\/>/, "");
    await postJunit(runId, only);
    const f = await callRoute(finishRoute.POST, `/api/v1/runs/${runId}/finish`, { token, json: { status: "passed", finishedAt: t(300) }, params: { id: runId } });
    expect(f.status).toBe(200);
    expect(f.data).toMatchObject({ status: "failed", claimedStatus: "passed", setupOk: true, durationMs: 300_000 });
    const g = await callRoute(runRoute.GET, `/api/v1/runs/${runId}`, { token, params: { id: runId } });
    expect(g.data.phases).toHaveLength(4);
    expect(g.data.phases[0].durationMs).toBe(80_000);
    const early = await callRoute(finishRoute.POST, `/api/v1/runs/${runId}/finish`, { token, json: { finishedAt: t(-5) }, params: { id: runId } });
    expect(early.status).toBe(422);
  });

  it("rejects a phase ending before it starts, an unknown parent, and wrong types, storing nothing", async () => {
    const runId = await newRun();
    const cases = [
      [{ name: "a", startedAt: t(10), finishedAt: t(5), status: "passed" }],
      [{ name: "b", parent: "nope", startedAt: t(0), durationMs: 5, status: "passed" }],
      [{ name: "c", startedAt: t(0), durationMs: -5, status: "passed" }],
      [{ name: "d", startedAt: "yesterday", status: "passed" }],
      [{ name: "e", startedAt: t(0), status: "exploded" }],
    ];
    for (const phases of cases) {
      const r = await callRoute(phasesRoute.POST, `/api/v1/runs/${runId}/phases`, { token, json: { phases }, params: { id: runId } });
      expect(r.status).toBe(422);
      expect(r.data.error.details[0].path).toMatch(/^phases\.0\./);
    }
    expect((await stored(runId)).phases).toBe(0);
  });
});
