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
import * as ingestRoute from "@/app/api/v1/ingest/route";
import { db, disconnectDb } from "@/lib/db";
import { createApiToken } from "@/lib/services/create-api-token";
import { revokeApiToken } from "@/lib/services/revoke-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

let token: string;
let otherToken: string;
let projectId: string;
const slug = "api-test";

const junit = (cases: string) =>
  `<?xml version="1.0"?><testsuites><testsuite name="Gateway E2E Suite">${cases}</testsuite></testsuites>`;
const GOOD = junit(
  `<testcase name="[It] ok (BR-GATEWAY-090)" classname="Gateway E2E Suite" time="1.5"/>` +
    `<testcase name="[It] rate limit (BR-GATEWAY-018)" classname="Gateway E2E Suite" time="2"><failure message="Expected 429 to equal 201">stack</failure></testcase>` +
    `<testcase name="[It] tls" classname="Gateway E2E Suite"><skipped/></testcase>`,
);

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

describe("POST /api/v1/ingest", () => {
  const form = (meta: unknown, phases?: unknown, files: [string, string][] = [["junit.xml", GOOD]]) => {
    const f = new FormData();
    f.append("metadata", JSON.stringify(meta));
    if (phases) f.append("phases", JSON.stringify(phases));
    for (const [name, body] of files) f.append("junit", new Blob([body]), name);
    return f;
  };
  const phases = { phases: [{ name: "setup", startedAt: "2026-01-12T10:00:00Z", durationMs: 60_000, status: "passed" }] };

  it("creates, fills and finishes a run in one request, idempotently", async () => {
    const meta = { project: slug, mode: "parallel", externalId: "oneshot-1", status: "passed" };
    const a = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form(meta, phases) });
    expect(a.status).toBe(201);
    expect(a.data).toMatchObject({ status: "failed", setupOk: true, totals: { tests: 3, failed: 1 } });
    const b = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form(meta, phases) });
    expect(b.status).toBe(200);
    expect(b.data.id).toBe(a.data.id);
    const runs = await db().run.findMany({ where: { externalId: "oneshot-1" } });
    expect(runs).toHaveLength(1);
    expect(await db().testResult.count({ where: { runId: runs[0].id } })).toBe(3);
  });

  it("works the run out once from all its parts: the same run as the four requests, answered as GET shows it", async () => {
    // the one-shot leaves the run's summary to the end (issue 17); what it stores and answers must not change
    const started = "2026-01-12T10:00:00Z";
    const parts = { phases: [
      { name: "cluster", startedAt: started, finishedAt: "2026-01-12T10:01:30Z", status: "passed" },
      { name: "images", startedAt: "2026-01-12T10:01:30Z", durationMs: 200_000, status: "passed", group: "parallel" },
      { name: "deploy", startedAt: "2026-01-12T10:05:00Z", finishedAt: "2026-01-12T10:06:00Z", status: "failed" },
    ] };
    const finishedAt = "2026-01-12T10:09:00Z";
    // the two runs differ only in their ids and when they were written
    const omit = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
    const comparable = (run: Record<string, unknown>) => ({
      ...omit(run, ["id", "externalId", "createdAt", "updatedAt"]),
      reports: (run.reports as unknown[]).length,
      phases: (run.phases as Record<string, unknown>[]).map((p) => omit(p, ["id", "parentId"])),
    });
    const one = await callRoute(ingestRoute.POST, "/api/v1/ingest", {
      token, body: form({ project: slug, mode: "parallel", externalId: "oneshot-summary", startedAt: started, finishedAt, status: "passed" }, parts),
    });
    expect(one.status, one.text).toBe(201);
    const got = await callRoute(runRoute.GET, `/api/v1/runs/${one.data.id}`, { token, params: { id: one.data.id } });
    // the answer is the run as GET shows it (its reports also say whether each was a duplicate)
    expect(omit(one.data, ["reports"])).toEqual(omit(got.data, ["reports"]));
    expect(one.data.reports.map((r: { id: string }) => r.id)).toEqual(got.data.reports.map((r: { id: string }) => r.id));
    expect(one.data).toMatchObject({ status: "errored", setupOk: false, durationMs: 9 * 60_000, totals: { tests: 3, failed: 1 } });

    const created = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: { project: slug, mode: "parallel", externalId: "fourcalls-summary", startedAt: started } });
    const id = created.data.id;
    expect((await callRoute(phasesRoute.POST, `/api/v1/runs/${id}/phases`, { token, json: parts, params: { id } })).status).toBe(200);
    expect((await postJunit(id, GOOD)).status).toBe(200);
    const fin = await callRoute(finishRoute.POST, `/api/v1/runs/${id}/finish`, { token, json: { finishedAt, status: "passed" }, params: { id } });
    expect(fin.status, fin.text).toBe(200);
    const four = await callRoute(runRoute.GET, `/api/v1/runs/${id}`, { token, params: { id } });
    expect(comparable(got.data)).toEqual(comparable(four.data));
  });

  it("leaves the run open with finish: false, answers it as GET shows it, and a later finish closes it", async () => {
    const one = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form({ project: slug, mode: "parallel", externalId: "oneshot-open", finish: false }, phases) });
    expect(one.status, one.text).toBe(201);
    expect(one.data).toMatchObject({ status: "running", finishedAt: null, totals: { tests: 3, failed: 1 } });
    const got = await callRoute(runRoute.GET, `/api/v1/runs/${one.data.id}`, { token, params: { id: one.data.id } });
    expect(one.data.status).toBe(got.data.status);
    expect(one.data.phases).toEqual(got.data.phases);
    const fin = await callRoute(finishRoute.POST, `/api/v1/runs/${one.data.id}/finish`, { token, json: { status: "passed" }, params: { id: one.data.id } });
    expect(fin.data).toMatchObject({ status: "failed", totals: { tests: 3, failed: 1 } });
  });

  it("stores no run at all when any part is bad", async () => {
    const cases = [
      form({ project: slug, mode: "parallel", externalId: "bad-1" }, { phases: [{ name: "x", startedAt: "2026-01-12T10:00:00Z", finishedAt: "2026-01-12T09:00:00Z", status: "passed" }] }),
      form({ project: slug, mode: "parallel", externalId: "bad-2" }, phases, [["ok.xml", GOOD], ["bad.xml", "<testsuites>"]]),
      form({ project: slug, mode: 42, externalId: "bad-3" }),
    ];
    const statuses = [];
    for (const body of cases) statuses.push((await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body })).status);
    expect(statuses).toEqual([422, 400, 422]);
    expect(await db().run.count({ where: { externalId: { in: ["bad-1", "bad-2", "bad-3"] } } })).toBe(0);
  });
});
