// Issue 12 part 4: a lead keeps a run out of the timing statistics with a
// reason that lands in the run's history; others cannot; the timing report
// leaves the run out and counts it. Leads also choose whether templates merge.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as exclude } from "@/app/api/runs/[id]/stats-exclusion/route";
import { PATCH as timingSettings } from "@/app/api/projects/[project]/timing-settings/route";
import { auth } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/users";
import { db, disconnectDb } from "@/lib/db";
import { findRunEvents } from "@/lib/queries/find-run-events";
import { getProjectTiming } from "@/lib/queries/get-project-timing";
import { createRun } from "@/lib/services/create-run";
import { finishRun } from "@/lib/services/finish-run";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

afterAll(() => disconnectDb());

const PASSWORD = "exclusion-test-password-1";
const cookies: Record<string, string> = {};
let runIds: string[] = [];
const leadName = "X lead";

async function finishedRun(projectId: string, mode: string, day: number, seconds: number, labels?: Record<string, string>) {
  const start = Date.parse("2026-11-01T10:00:00Z") + day * 86_400_000;
  const { run } = await createRun(projectId, { project: "excl", mode, startedAt: new Date(start).toISOString(), labels });
  await finishRun(run.id, { finishedAt: new Date(start + seconds * 1000).toISOString(), status: "passed" });
  return run.id;
}

beforeAll(async () => {
  const { project } = await ensureProject("excl");
  for (const role of ["triager", "lead"] as const) {
    await createUser({ email: `${role}@excl.test`, name: `X ${role}`, role, password: PASSWORD, projects: ["excl"] });
    const res = await auth().api.signInEmail({ body: { email: `${role}@excl.test`, password: PASSWORD }, asResponse: true });
    cookies[role] = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  }
  runIds = [];
  for (const [i, s] of [460, 455, 470].entries()) runIds.push(await finishedRun(project.id, "sequential", i, s));
  for (const [i, s] of [315, 318, 312, 900].entries()) runIds.push(await finishedRun(project.id, "parallel", i, s));
  await finishedRun(project.id, "parallel", 5, 300, { template: "nightly" });
});

const same = (cookie: string) => ({ cookie, origin: "http://runboard.test", host: "runboard.test" });
const post = (role: string, id: string, json: unknown) => callRoute(exclude, `/api/runs/${id}/stats-exclusion`, { headers: same(cookies[role]), json, params: { id } });

describe("excluding a run from the statistics", () => {
  it("refuses a triager and a missing reason, storing nothing", async () => {
    const slow = runIds[6];
    expect((await post("triager", slow, { excluded: true, reason: "image pull stalled" })).status).toBe(403);
    const bad = await post("lead", slow, { excluded: true, reason: " " });
    expect(bad.status).toBe(422);
    expect(bad.data.error.details[0].path).toBe("reason");
    expect(await db().run.count({ where: { id: slow, statsExcluded: true } })).toBe(0);
    expect(await findRunEvents(slow)).toEqual([]);
  });

  it("records who, when and why, leaves the run out of the timing figures and counts it", async () => {
    const slow = runIds[6];
    const before = await getProjectTiming("excl", {});
    expect(before.report.modes.find((m) => m.mode === "parallel")?.runs).toBe(4);
    const r = await post("lead", slow, { excluded: true, reason: "image pull stalled on the runner" });
    expect(r.status).toBe(200);
    const events = await findRunEvents(slow);
    expect(events).toMatchObject([{ kind: "stats_excluded", reason: "image pull stalled on the runner", actorName: leadName }]);
    expect(Date.now() - events[0].createdAt.getTime()).toBeLessThan(60_000);
    const after = await getProjectTiming("excl", {});
    expect(after.report.modes.find((m) => m.mode === "parallel")?.runs).toBe(3);
    expect(after.report.comparability.leftOut.excludedByLead).toBe(1);
    // excluding twice is a conflict, not a second event
    expect((await post("lead", slow, { excluded: true, reason: "again" })).status).toBe(409);
    expect(await findRunEvents(slow)).toHaveLength(1);
    // and back in, with its own reason
    expect((await post("lead", slow, { excluded: false, reason: "the stall was the product's" })).status).toBe(200);
    expect((await findRunEvents(slow)).map((e) => e.kind)).toEqual(["stats_excluded", "stats_included"]);
  });

  it("answers 404 for an unknown run", async () => {
    expect((await post("lead", "01900000-0000-7000-8000-000000000000", { excluded: true, reason: "gone" })).status).toBe(404);
  });
});

describe("which runs the timing statistics compare", () => {
  it("keeps a template's runs apart until a lead merges templates", async () => {
    const t = await getProjectTiming("excl", {});
    expect(t.report.comparability.population).toBe("CI");
    expect(t.report.comparability.leftOut.otherPopulations).toEqual([{ name: "nightly", runs: 1 }]);
    const patch = (role: string, json: unknown) => callRoute(timingSettings, "/api/projects/excl/timing-settings", { method: "PATCH", headers: same(cookies[role]), json, params: { project: "excl" } });
    expect((await patch("triager", { compareAcrossTemplates: true, includeTryOutRuns: false })).status).toBe(403);
    expect((await patch("lead", { compareAcrossTemplates: "yes" })).status).toBe(422);
    expect((await patch("lead", { compareAcrossTemplates: true, includeTryOutRuns: false })).status).toBe(200);
    const merged = await getProjectTiming("excl", {});
    expect(merged.report.comparability.population).toBeNull();
    // 315, 318, 312 and the nightly 300 s run; the 900 s run (back in) is 5 runs' outlier, flagged and left out
    expect(merged.report.modes.find((m) => m.mode === "parallel")?.runs).toBe(4);
    expect(merged.report.comparability.outliers.map((o) => o.runId)).toEqual([runIds[6]]);
  });
});
