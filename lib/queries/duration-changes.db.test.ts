// Biggest duration changes through GET /api/v1/projects/:project/duration-changes:
// 28 days of runs uploaded through the ingest API, one spec and one phase that
// really got slower among noise, and specs with too few runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as changesRoute from "@/app/api/v1/projects/[project]/duration-changes/route";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import { mulberry32 } from "@/lib/analysis/timing/bootstrap";
import { disconnectDb } from "@/lib/db";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";
import { findRecentDurationChanges } from "@/lib/queries/find-duration-changes";

const slug = "duration-changes";
const DAY = 86_400_000;
const until = new Date("2026-11-29T00:00:00Z");
let token: string;

async function upload(i: number, at: number, rnd: () => number) {
  const later = at >= until.getTime() - 14 * DAY;
  const noise = () => 1 + (rnd() - 0.5) * 0.2;
  const slow = (later ? 9 : 6) * noise(); // "login" really got slower: 6 s -> 9 s
  const steady = 4 * noise();
  const cases =
    `<testcase classname="G" name="login" time="${slow.toFixed(3)}"/>` +
    `<testcase classname="G" name="steady" time="${steady.toFixed(3)}"/>` +
    (i % 10 === 0 ? `<testcase classname="G" name="rare" time="1"/>` : "");
  const buildS = (later ? 150 : 100) * noise();
  const phases = [
    { name: "cluster", startedAt: new Date(at).toISOString(), finishedAt: new Date(at + 60_000 * noise()).toISOString(), status: "passed" },
    { name: "images", startedAt: new Date(at + 61_000).toISOString(), finishedAt: new Date(at + 61_000 + buildS * 1000).toISOString(), status: "passed" },
  ];
  const form = new FormData();
  form.append("metadata", JSON.stringify({
    project: slug, mode: "parallel", branch: "main", externalId: `dc-${i}`,
    startedAt: new Date(at).toISOString(), finishedAt: new Date(at + 400_000).toISOString(),
  }));
  form.append("phases", JSON.stringify({ phases }));
  form.append("junit", new Blob([`<testsuite name="G">${cases}</testsuite>`], { type: "application/xml" }), "junit.xml");
  const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form });
  expect(r.status, r.text).toBe(201);
}

beforeAll(async () => {
  token = (await createApiToken((await ensureProject(slug)).project.id, "ci")).token;
  const rnd = mulberry32(42);
  // one parallel run a day for 28 days
  for (let d = 27; d >= 0; d--) await upload(d, until.getTime() - d * DAY - 3_600_000, rnd);
}, 120_000);
afterAll(() => disconnectDb());

describe("GET /api/v1/projects/:project/duration-changes", () => {
  it("finds the spec and the phase that got slower, with n, estimate and an interval excluding zero; noise is no clear change", async () => {
    const r = await callRoute(changesRoute.GET, `/api/v1/projects/${slug}/duration-changes`, {
      token, params: { project: slug }, query: { until: until.toISOString(), mode: "parallel" },
    });
    expect(r.status, r.text).toBe(200);
    expect(r.data.runs).toEqual({ before: 14, after: 14 });
    const [top] = r.data.specs;
    expect(top).toMatchObject({ name: "login", verdict: "slower", nBefore: 14, nAfter: 14 });
    expect(top.estimateMs).toBeGreaterThan(2000);
    expect(top.lo).toBeGreaterThan(0);
    const byName = Object.fromEntries(r.data.specs.map((s: { name: string }) => [s.name, s]));
    expect(byName.steady.verdict).toBe("no clear change");
    expect(byName.rare.verdict).toBe("not enough data");
    expect(r.data.phases[0]).toMatchObject({ name: "images", verdict: "slower" });
    expect(r.data.phases.find((p: { name: string }) => p.name === "cluster").verdict).toBe("no clear change");
  });

  it("a mode with no runs has nothing to say; bad parameters answer 422", async () => {
    const none = await callRoute(changesRoute.GET, `/api/v1/projects/${slug}/duration-changes`, {
      token, params: { project: slug }, query: { until: until.toISOString(), mode: "sequential" },
    });
    expect(none.data).toMatchObject({ runs: { before: 0, after: 0 }, specs: [], phases: [] });
    const bad = await callRoute(changesRoute.GET, `/api/v1/projects/${slug}/duration-changes`, { token, params: { project: slug }, query: { days: "0" } });
    expect(bad.status).toBe(422);
  });

  it("a run uploaded late without a start counts in the window its phases say, not on the upload day", async () => {
    const at = until.getTime() - 20 * DAY; // in the earlier window
    const form = new FormData();
    form.append("metadata", JSON.stringify({ project: slug, mode: "parallel", branch: "main", externalId: "dc-late" })); // no startedAt, no finishedAt
    form.append("phases", JSON.stringify({ phases: [{ name: "cluster", startedAt: new Date(at).toISOString(), finishedAt: new Date(at + 60_000).toISOString(), status: "passed" }] }));
    const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form });
    expect(r.status, r.text).toBe(201);
    const c = await callRoute(changesRoute.GET, `/api/v1/projects/${slug}/duration-changes`, { token, params: { project: slug }, query: { until: until.toISOString(), mode: "parallel" } });
    expect(c.data.runs).toEqual({ before: 15, after: 14 });
  });

  it("compares the newest 40 runs of a window: a spec seen only in older runs of a busy window has nothing to say", async () => {
    const busy = "duration-changes-busy";
    const busyToken = (await createApiToken((await ensureProject(busy)).project.id, "ci")).token;
    for (let i = 0; i < 45; i++) {
      const at = until.getTime() - (i + 1) * 3_600_000; // 45 runs in the last two days, newest first
      const cases = `<testcase classname="G" name="every" time="2"/>` + (i >= 40 ? `<testcase classname="G" name="old-only" time="1"/>` : "");
      const form = new FormData();
      form.append("metadata", JSON.stringify({ project: busy, mode: "parallel", externalId: `busy-${i}`, startedAt: new Date(at).toISOString(), finishedAt: new Date(at + 60_000).toISOString() }));
      form.append("junit", new Blob([`<testsuite name="G">${cases}</testsuite>`], { type: "application/xml" }), "junit.xml");
      const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token: busyToken, body: form });
      expect(r.status, r.text).toBe(201);
    }
    const c = await callRoute(changesRoute.GET, `/api/v1/projects/${busy}/duration-changes`, { token: busyToken, params: { project: busy }, query: { until: until.toISOString() } });
    expect(c.data.runs).toEqual({ before: 0, after: 45 });
    const byName = Object.fromEntries(c.data.specs.map((s: { name: string }) => [s.name, s]));
    expect(byName.every).toMatchObject({ nAfter: 40 });
    expect(byName["old-only"]).toBeUndefined();
  });

  it("the timing page's figures are computed at most once a minute and say when; the API sees a new run at once", async () => {
    const projectId = (await ensureProject(slug)).project.id;
    const first = await findRecentDurationChanges(projectId, { days: 14, mode: "parallel" });
    const at = Date.now() - 3_600_000;
    const form = new FormData();
    form.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId: "dc-now", startedAt: new Date(at).toISOString(), finishedAt: new Date(at + 60_000).toISOString() }));
    form.append("junit", new Blob([`<testsuite name="G"><testcase classname="G" name="login" time="7"/></testsuite>`], { type: "application/xml" }), "junit.xml");
    expect((await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form })).status).toBe(201);
    const fresh = await callRoute(changesRoute.GET, `/api/v1/projects/${slug}/duration-changes`, { token, params: { project: slug }, query: { mode: "parallel" } });
    expect(fresh.data.runs.after).toBe(first.runs.after + 1);
    const again = await findRecentDurationChanges(projectId, { days: 14, mode: "parallel" });
    expect(again.computedAt).toBe(first.computedAt);
    expect(again.runs).toEqual(first.runs);
  });
});
