// A worker that dies mid-run (SIGKILL) is noticed when its lease runs out:
// another worker fails the job with a message and stops the remote command.
// Real sshd and PostgreSQL, like runner.db.test.ts.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db";
import { triggerRun } from "@/lib/runner/trigger-run";
import { type RunnerWorker, startRunnerWorker } from "@/lib/runner/worker";
import { ensureProject } from "@/lib/services/get-project";
import { ROOT, groupAlive, job, logText, runnerRig, waitFinal, waitFor } from "@/lib/testing/runner-rig";
import { type TestSshd, startTestSshd } from "@/lib/testing/sshd";

process.env.RUNBOARD_SECRET_KEY ??= randomBytes(32).toString("hex");
const LEASE = 3;
const slug = `runner-lease-${Date.now().toString(36)}`;

let sshd: TestSshd;
let worker: RunnerWorker | null = null;
let hostId: string;
const { template, host } = runnerRig(slug, () => sshd);

beforeAll(async () => {
  sshd = await startTestSshd();
  await ensureProject(slug);
  hostId = await host();
  worker = await startRunnerWorker({ leaseSec: LEASE, sweepMs: 500 });
});

afterAll(async () => {
  await worker?.stop();
  await sshd?.stop();
  await disconnectDb();
});

describe("a worker killed mid-run", () => {
  it("is noticed when its lease runs out: the job fails with a message, the remote command is stopped, the log is kept", async () => {
    await worker!.stop();
    worker = null;
    const { templateId } = await template({ args: "--step 1" });
    const { jobId } = await triggerRun({ templateId, runnerHostId: hostId, mode: "parallel", branch: "main" }, null);
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, RUNBOARD_RUNNER_LEASE_SECONDS: String(LEASE), LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    try {
      const running = await waitFor("the child worker to run the job", async () => {
        const j = await job(jobId);
        return j.remotePgid && (await logText(jobId)).includes("PHASE 1") ? j : null;
      }, 30_000);
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      expect((await job(jobId)).status).toBe("running"); // nobody knows yet
      worker = await startRunnerWorker({ leaseSec: LEASE, sweepMs: 500 });
      const j = await waitFinal(jobId, 15_000);
      expect(j.status).toBe("failed");
      expect(j.errorMessage).toMatch(/^The worker running this job \(.+\) stopped responding; its lease expired at .+ and the remote command was stopped\. The log up to that point is kept\.$/);
      expect(j.run!.status).toBe("errored");
      expect(j.run!.finishedAt).not.toBeNull();
      expect(groupAlive(running.remotePgid!)).toBe(false);
      expect(await logText(jobId)).toContain("PHASE 1: Creating Kind cluster");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});


