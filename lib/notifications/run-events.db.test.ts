// What a finished run says besides new failures: a flagged setup-time
// regression, and a timing target that held before and is missed now (only
// the change is news: a target missed again, or judged for the first time,
// says nothing).
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { collectRunFinished } from "@/lib/notifications/collect";
import { createRun } from "@/lib/services/create-run";
import { finishRun } from "@/lib/services/finish-run";
import { ensureProject } from "@/lib/services/get-project";

afterAll(() => disconnectDb());

let seq = 0;
async function run(slug: string, mode: string, seconds: number) {
  const { project } = await ensureProject(slug);
  const start = Date.now() - 86_400_000 + ++seq * 60_000;
  const { run } = await createRun(project.id, { project: slug, mode, startedAt: new Date(start).toISOString() });
  await finishRun(run.id, { finishedAt: new Date(start + seconds * 1000).toISOString() });
  return run.id;
}

describe("run events", () => {
  it("reports a setup-time regression flagged on the run", async () => {
    const id = await run("events-setup", "parallel", 600);
    await db().run.update({ where: { id }, data: { setupRegression: true, setupDurationMs: 420_000 } });
    const out = await collectRunFinished(id);
    expect(out.map((o) => o.event)).toEqual(["run.setup_regression"]);
    expect(out[0].message.summary).toBe("Setup took 420 s, far above the recent parallel runs.");
    expect(out[0].dedupKey).toBe(`run.setup_regression:${id}`);
  });

  it("reports a timing target that stopped holding, once", async () => {
    const { project } = await ensureProject("events-timing");
    await db().project.update({ where: { id: project.id }, data: { timingTarget: { baseline: "sequential", candidate: "parallel", percent: 27 } } });
    for (const s of [600, 610, 590, 605, 598]) await run("events-timing", "sequential", s);
    for (const s of [570, 575, 580, 565]) await run("events-timing", "parallel", s);
    let last = await run("events-timing", "parallel", 572);
    expect(await collectRunFinished(last)).toEqual([]); // first judgement: missed, but it never held
    expect((await db().project.findUniqueOrThrow({ where: { id: project.id } })).timingTargetHeld).toBe(false);

    await db().project.update({ where: { id: project.id }, data: { timingTargetHeld: true } }); // as if it had held until now
    last = await run("events-timing", "parallel", 574);
    const out = await collectRunFinished(last);
    expect(out.map((o) => o.event)).toEqual(["timing.target_missed"]);
    expect(out[0].message.summary).toMatch(/^On the last 10 runs per mode \(n = 5 sequential, 6 parallel\): improvement \[.+\], expected 27 %: target missed$/);
    expect(out[0].message.url).toMatch(/\/projects\/events-timing\/timing$/);
    expect(await collectRunFinished(await run("events-timing", "parallel", 571))).toEqual([]); // still missed: no news
  });
});
