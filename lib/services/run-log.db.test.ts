// The live log tail of a CI run (runboard exec) against a real database:
// numbered in order, trimmed to the newest MAX_RUN_LOG_CHARS, closed with the
// run; and the run page's live state for such a run (no provisioning job).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db";
import { getLiveRun, runHasLiveView } from "@/lib/runner/get-live-run";
import { createRun } from "@/lib/services/create-run";
import { finishRun } from "@/lib/services/finish-run";
import { ensureProject } from "@/lib/services/get-project";
import { recordPhases } from "@/lib/services/record-phases";
import { MAX_RUN_LOG_CHARS, appendRunLog } from "@/lib/services/run-log";

let projectId: string;
beforeAll(async () => {
  projectId = (await ensureProject("run-log")).project.id;
});
afterAll(() => disconnectDb());

const newRun = async (externalId: string) => (await createRun(projectId, { project: "run-log", mode: "parallel", externalId, ciUrl: "https://ci.example.com/jobs/1", runnerHost: "gh-runner-3" })).run.id;

describe("a CI run's live log", () => {
  it("numbers chunks in order and shows the run live like a runner job until it is finished", async () => {
    const runId = await newRun("live-1");
    expect(await runHasLiveView(runId)).toBe(false);
    expect(await getLiveRun(runId, null)).toBeNull();
    expect(await appendRunLog(runId, [{ stream: "system", text: "[runboard] $ make e2e\n" }, { stream: "stdout", text: "📦 PHASE 1\n" }])).toEqual({ seq: 2 });
    expect(await appendRunLog(runId, [{ stream: "stderr", text: "warn\n" }])).toEqual({ seq: 3 });
    await recordPhases(runId, [{ name: "Kind cluster", startedAt: new Date().toISOString(), status: "running" }], projectId);
    expect(await runHasLiveView(runId)).toBe(true);

    const live = (await getLiveRun(runId, null))!;
    expect(live.job).toMatchObject({ source: "ci", status: "running", hostName: "gh-runner-3", ciUrl: "https://ci.example.com/jobs/1", cancelRequested: false });
    expect(live.phases).toMatchObject([{ name: "Kind cluster", status: "running" }]);
    expect(live.logs.map((l) => [l.seq, l.stream, l.text])).toEqual([[1, "system", "[runboard] $ make e2e\n"], [2, "stdout", "📦 PHASE 1\n"], [3, "stderr", "warn\n"]]);
    expect((await getLiveRun(runId, 2))!.logs.map((l) => l.seq)).toEqual([3]);

    await finishRun(runId, { status: "failed" }, projectId);
    expect((await getLiveRun(runId, 3))!.job.status).toBe("failed");
    await expect(appendRunLog(runId, [{ stream: "stdout", text: "late\n" }])).rejects.toMatchObject({ code: "conflict" });
  });

  it("keeps only the newest output within the limit", async () => {
    const runId = await newRun("live-2");
    const block = "x".repeat(100 * 1024);
    for (let i = 0; i < 8; i++) await appendRunLog(runId, [{ stream: "stdout", text: `${i}${block}` }]);
    const logs = (await getLiveRun(runId, 0))!.logs;
    const kept = logs.reduce((n, l) => n + l.text.length, 0);
    expect(kept).toBeLessThanOrEqual(MAX_RUN_LOG_CHARS);
    expect(logs.map((l) => l.seq)).toEqual([4, 5, 6, 7, 8]);
    expect(logs[logs.length - 1].text.startsWith("7")).toBe(true);
  });

  it("refuses an unknown run", async () => {
    await expect(appendRunLog("01900000-0000-7000-8000-000000000000", [{ stream: "stdout", text: "x\n" }])).rejects.toMatchObject({ code: "not_found" });
  });
});
