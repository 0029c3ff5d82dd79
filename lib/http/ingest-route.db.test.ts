// POST /api/v1/ingest, the one-request upload: it creates (or finds) the run,
// records phases, stores reports and finishes, in one transaction, and works the
// run's summary out once at the end. Checked against the four separate requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import * as finishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as junitRoute from "@/app/api/v1/runs/[id]/junit/route";
import * as phasesRoute from "@/app/api/v1/runs/[id]/phases/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { db, disconnectDb } from "@/lib/db";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { GOOD } from "@/lib/testing/api-reports";
import { callRoute } from "@/lib/testing/call-route";

let token: string;
const slug = "ingest-route-test";

const postJunit = (runId: string, body: BodyInit) =>
  callRoute(junitRoute.POST, `/api/v1/runs/${runId}/junit`, { token, body, headers: { "content-type": "application/xml" }, params: { id: runId } });

beforeAll(async () => {
  token = (await createApiToken((await ensureProject(slug)).project.id, "ci")).token;
});
afterAll(() => disconnectDb());

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
