// A spec's "first seen" on its page is stored on the spec (migration
// 20261206035512): it must still be the start of the earliest run with a
// result of the spec when runs arrive out of order, through the real API
// routes: never moved forward by a later run, moved back by an earlier run
// uploaded late, and moved back when a run's phases date it earlier than its
// report did.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import * as junitRoute from "@/app/api/v1/runs/[id]/junit/route";
import * as phasesRoute from "@/app/api/v1/runs/[id]/phases/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { db, disconnectDb } from "@/lib/db";
import { getTestCase } from "@/lib/queries/get-test-case";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

const slug = "first-seen-stored";
let token: string;

const junit = (names: string[], timestamp?: string) =>
  `<testsuite name="S"${timestamp ? ` timestamp="${timestamp}"` : ""} time="9">${names.map((n) => `<testcase classname="S" name="${n}" time="1"/>`).join("")}</testsuite>`;

async function ingest(externalId: string, startedAt: string, names: string[]) {
  const f = new FormData();
  f.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId, startedAt, finishedAt: startedAt.replace("T08", "T09"), status: "passed" }));
  f.append("junit", new Blob([junit(names)], { type: "application/xml" }), "junit.xml");
  const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: f });
  expect(r.status, r.text).toBe(201);
}

/** The spec page's "first seen", as a day. */
async function firstSeen(name: string): Promise<string> {
  const spec = await db().testCase.findFirstOrThrow({ where: { name, project: { slug } }, select: { id: true } });
  return (await getTestCase(spec.id))!.firstSeenAt.toISOString().slice(0, 10);
}

beforeAll(async () => {
  token = (await createApiToken((await ensureProject(slug)).project.id, "ci")).token;
});
afterAll(() => disconnectDb());

describe("a spec's first seen", () => {
  it("is its first run's start, and a later run does not move it", async () => {
    await ingest("r-nov-10", "2026-11-10T08:00:00Z", ["a", "b"]);
    await ingest("r-nov-20", "2026-11-20T08:00:00Z", ["a", "b", "c"]);
    expect([await firstSeen("a"), await firstSeen("b"), await firstSeen("c")]).toEqual(["2026-11-10", "2026-11-10", "2026-11-20"]);
  });

  it("moves back to an earlier run uploaded late, for the specs in that run only", async () => {
    await ingest("r-nov-01", "2026-11-01T08:00:00Z", ["a", "c"]);
    expect([await firstSeen("a"), await firstSeen("b"), await firstSeen("c")]).toEqual(["2026-11-01", "2026-11-10", "2026-11-01"]);
  });

  it("moves back when a run's phases, posted after its report, date it earlier", async () => {
    const created = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: { project: slug, mode: "parallel", externalId: "r-late-phases" } });
    const id = created.data.id as string;
    const up = await callRoute(junitRoute.POST, `/api/v1/runs/${id}/junit`, { token, body: junit(["b", "d"], "2026-10-20T08:30:00"), headers: { "content-type": "application/xml" }, params: { id } });
    expect(up.status, up.text).toBe(200);
    expect([await firstSeen("b"), await firstSeen("d")]).toEqual(["2026-10-20", "2026-10-20"]);
    const phases = await callRoute(phasesRoute.POST, `/api/v1/runs/${id}/phases`, {
      token, params: { id },
      json: { phases: [{ name: "Phase 1: cluster", startedAt: "2026-10-19T23:00:00Z", finishedAt: "2026-10-20T08:29:00Z", status: "passed" }] },
    });
    expect(phases.status, phases.text).toBeLessThan(300);
    expect([await firstSeen("a"), await firstSeen("b"), await firstSeen("d")]).toEqual(["2026-11-01", "2026-10-19", "2026-10-19"]);
  });
});
