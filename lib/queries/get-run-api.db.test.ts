// The CI API's run (one plain-SQL statement, lib/queries/get-run-api.ts) is the
// run the Prisma read gives: same JSON for a run with nested phases, a report,
// labels and a finish, and the same 404 / 403.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import * as finishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as phasesRoute from "@/app/api/v1/runs/[id]/phases/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { disconnectDb } from "@/lib/db";
import { getRunOrThrow, runToJson } from "@/lib/queries/get-run";
import { getRunForApi } from "@/lib/queries/get-run-api";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

const slug = "get-run-api";
let token: string;
let otherProjectId: string;

beforeAll(async () => {
  token = (await createApiToken((await ensureProject(slug)).project.id, "ci")).token;
  otherProjectId = (await ensureProject(`${slug}-other`)).project.id;
});
afterAll(() => disconnectDb());

describe("getRunForApi", () => {
  it("answers the same run JSON as the Prisma read, phases in order with their parents, reports and a finish", async () => {
    const f = new FormData();
    f.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId: "same-1", branch: "main", labels: { pr: "42" }, status: "passed" }));
    f.append("phases", JSON.stringify({ phases: [
      { name: "Setup", startedAt: "2026-01-12T10:00:00.123Z", finishedAt: "2026-01-12T10:01:00Z", status: "passed" },
      { name: "Cluster", parent: "Setup", startedAt: "2026-01-12T10:00:01Z", finishedAt: "2026-01-12T10:00:30.5Z", status: "passed", attributes: { peakMemoryMb: 512 } },
      { name: "Tests", startedAt: "2026-01-12T10:01:00Z", status: "running" },
    ] }));
    f.append("junit", new Blob(['<testsuite name="s" tests="1" timestamp="2026-01-12T10:01:00"><testcase name="a" classname="s" time="1"/></testsuite>'], { type: "application/xml" }), "junit.xml");
    const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: f });
    expect(r.status).toBe(201);
    const id = r.data.id as string;
    const viaSql = runToJson(await getRunForApi(id));
    expect(viaSql).toEqual(runToJson(await getRunOrThrow(id)));
    expect(viaSql.phases?.map((p) => [p.name, p.parent])).toEqual([["Setup", null], ["Cluster", "Setup"], ["Tests", null]]);
    expect(viaSql.phases?.[0].startedAt).toBe("2026-01-12T10:00:00.123Z");
    expect(viaSql.reports).toHaveLength(1);
    expect({ ...r.data, reports: viaSql.reports }).toEqual(viaSql); // the ingest answer lists its own reports
    // the phases route answers it too
    const p = await callRoute(phasesRoute.POST, `/api/v1/runs/${id}/phases`, { token, params: { id }, json: { phases: [{ name: "Teardown", startedAt: "2026-01-12T10:05:00Z", finishedAt: "2026-01-12T10:05:01Z", status: "passed" }] } });
    expect(p.status).toBe(200);
    expect(p.data).toEqual(runToJson(await getRunOrThrow(id)));
    expect(p.data.phases.map((x: { name: string }) => x.name)).toEqual(["Setup", "Cluster", "Tests", "Teardown"]);
  });

  it("answers the same JSON for a bare run: only project and mode, no external id, branch, times, phases or reports", async () => {
    const r = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: { project: slug, mode: "sequential" } });
    expect(r.status).toBe(201);
    const id = r.data.id as string;
    const viaSql = runToJson(await getRunForApi(id));
    expect(viaSql).toEqual(runToJson(await getRunOrThrow(id)));
    expect(r.data).toEqual(viaSql);
    expect(viaSql).toMatchObject({ externalId: null, branch: null, finishedAt: null, status: "running", phases: [], reports: [] });
  });

  // create, phases and finish answer from the statement that wrote (issue #17): still the run as read afterwards
  it("answers create, a retried create, phases and finish with the run as stored", async () => {
    const meta = { project: slug, mode: "parallel", externalId: "answers-1", branch: "main", commit: "ABCDEF12", runnerHost: "r1", labels: { k: "v" }, startedAt: "2026-01-12T10:00:00.5+02:00" };
    const c = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: meta });
    expect(c.status).toBe(201);
    const id = c.data.id as string;
    expect(c.data).toEqual(runToJson(await getRunOrThrow(id)));
    const again = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: meta });
    expect([again.status, again.data]).toEqual([200, c.data]);
    const at = (s: number) => new Date(Date.parse("2026-01-12T08:00:00Z") + s * 1000).toISOString();
    const post = (phases: unknown[]) => callRoute(phasesRoute.POST, `/api/v1/runs/${id}/phases`, { token, params: { id }, json: { phases } });
    expect((await post([{ name: "Setup", startedAt: at(0), durationMs: 60_000, status: "passed" }])).status).toBe(200);
    // one payload: an update by name, a child of a phase stored before, and a child sent before its new parent
    const p = await post([
      { name: "Setup", startedAt: at(0), durationMs: 70_000, status: "passed" },
      { name: "Cluster", parent: "Setup", startedAt: at(5), durationMs: 30_000, status: "passed", attributes: { peakMemoryMb: 900 } },
      { name: "Suite A", parent: "Tests", group: "suites", startedAt: at(80), durationMs: 10_000, status: "failed" },
      { name: "Tests", startedAt: at(75), durationMs: 20_000, status: "passed" },
    ]);
    expect(p.status).toBe(200);
    expect(p.data).toEqual(runToJson(await getRunOrThrow(id)));
    expect(p.data.phases.map((x: { name: string; parent: string | null }) => [x.name, x.parent])).toEqual([["Setup", null], ["Cluster", "Setup"], ["Tests", null], ["Suite A", "Tests"]]);
    expect(p.data.phases[0].durationMs).toBe(70_000);
    const f = await callRoute(finishRoute.POST, `/api/v1/runs/${id}/finish`, { token, params: { id }, json: { status: "passed" } });
    expect(f.status).toBe(200);
    expect(f.data).toEqual({ ...runToJson(await getRunOrThrow(id)), reason: "a setup phase failed" });
    expect(f.data).toMatchObject({ status: "errored", claimedStatus: "passed" });
  });

  it("404 for an unknown or malformed id, 403 for another project's run", async () => {
    await expect(getRunForApi("0193e5a0-0000-7000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    await expect(getRunForApi("not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    const created = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form("same-2") });
    expect(created.status).toBe(201);
    const mine = created.data.id as string;
    await expect(getRunForApi(mine, otherProjectId)).rejects.toMatchObject({ code: "forbidden" });
  });
});

function form(externalId: string) {
  const f = new FormData();
  f.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId }));
  f.append("junit", new Blob(['<testsuite name="s" tests="1"><testcase name="a" classname="s"/></testsuite>'], { type: "application/xml" }), "junit.xml");
  return f;
}
