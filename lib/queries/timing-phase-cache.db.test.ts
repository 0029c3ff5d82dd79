// The timing figures' phases are kept per run in each process, by the version
// of the run row (lib/queries/get-project-timing-data.ts). A change of a run's
// phases must reach the next computation whichever process made it: the
// computation here is not the cached page's (no in-process notice is used),
// and the figures must show phases re-sent to a finished run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import * as phasesRoute from "@/app/api/v1/runs/[id]/phases/route";
import { disconnectDb } from "@/lib/db";
import { getProjectTiming } from "@/lib/queries/get-project-timing";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

const slug = "timing-phase-cache";
const T0 = Date.parse("2026-11-03T08:00:00Z");
let token: string;
let projectId: string;
const ids: string[] = [];

const iso = (ms: number) => new Date(ms).toISOString();

async function upload(i: number, deploy: { status: string; durationMs?: number }): Promise<string> {
  const at = T0 + i * 3_600_000;
  const form = new FormData();
  form.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId: `pc-${i}`, startedAt: iso(at), finishedAt: iso(at + 600_000) }));
  form.append("phases", JSON.stringify({ phases: [
    { name: "setup", startedAt: iso(at), durationMs: 100_000, status: "passed" },
    { name: "deploy", startedAt: iso(at + 100_000), ...deploy },
  ] }));
  form.append("junit", new Blob([`<testsuite name="S"><testcase classname="S" name="a" time="1"/></testsuite>`], { type: "application/xml" }), "junit.xml");
  const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form });
  expect(r.status, r.text).toBe(201);
  return r.data.id as string;
}

async function deployFigure() {
  const t = await getProjectTiming(slug, {});
  const medians = t.report.phaseMedians.find((m) => m.mode === "parallel")!;
  return medians.phases.find((p) => p.name === "deploy")!;
}

beforeAll(async () => {
  projectId = (await ensureProject(slug)).project.id;
  token = (await createApiToken(projectId, "ci")).token;
  for (let i = 0; i < 3; i++) ids.push(await upload(i, { status: "passed", durationMs: 200_000 }));
}, 60_000);
afterAll(() => disconnectDb());

describe("the timing figures' phases, kept per run", () => {
  it("show a phase re-sent to a finished run at the next computation", async () => {
    expect(await deployFigure()).toEqual({ name: "deploy", medianMs: 200_000, n: 3 });
    const r = await callRoute(phasesRoute.POST, `/api/v1/runs/${ids[0]}/phases`, {
      token, params: { id: ids[0] },
      json: { phases: [{ name: "deploy", startedAt: iso(T0 + 100_000), durationMs: 500_000, status: "passed" }] },
    });
    expect(r.status, r.text).toBe(200);
    // 500k, 200k, 200k
    expect(await deployFigure()).toEqual({ name: "deploy", medianMs: 200_000, n: 3 });
    await callRoute(phasesRoute.POST, `/api/v1/runs/${ids[1]}/phases`, {
      token, params: { id: ids[1] },
      json: { phases: [{ name: "deploy", startedAt: iso(T0 + 3_700_000), durationMs: 500_000, status: "passed" }] },
    });
    // 500k, 500k, 200k: both re-sent durations are in the figure
    expect(await deployFigure()).toEqual({ name: "deploy", medianMs: 500_000, n: 3 });
  });
});
