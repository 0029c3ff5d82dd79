// A finished run whose setup is far above its mode's recent runs is flagged
// on the run row (shown on the runs list and the run page).
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { createRun } from "@/lib/services/create-run";
import { finishRun } from "@/lib/services/finish-run";
import { ensureProject } from "@/lib/services/get-project";
import { recordPhases } from "@/lib/services/record-phases";

afterAll(() => disconnectDb());

async function runWithSetup(projectId: string, day: number, setupS: number) {
  const start = Date.parse("2026-02-01T10:00:00Z") + day * 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const { run } = await createRun(projectId, { project: "regress", mode: "parallel", startedAt: iso(start) });
  await recordPhases(run.id, [{ name: "setup", startedAt: iso(start), durationMs: setupS * 1000, status: "passed" }]);
  await finishRun(run.id, { finishedAt: iso(start + setupS * 1000 + 30_000) });
  return (await db().run.findUniqueOrThrow({ where: { id: run.id } })).setupRegression;
}

describe("setup regression flag", () => {
  it("is unjudged without 5 earlier runs, clear for a normal run and set for a far slower one", async () => {
    const { project } = await ensureProject("regress");
    const flags = [];
    for (const [i, s] of [276, 280, 274, 279, 277].entries()) flags.push(await runWithSetup(project.id, i, s));
    expect(flags).toEqual([null, null, null, null, null]);
    expect(await runWithSetup(project.id, 6, 281)).toBe(false);
    expect(await runWithSetup(project.id, 7, 420)).toBe(true);
  });
});
