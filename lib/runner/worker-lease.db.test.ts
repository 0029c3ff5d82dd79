// A worker that dies mid-run (SIGKILL) is noticed when its lease runs out:
// another worker fails the job with a message and stops the remote command.
// Real sshd and PostgreSQL, like runner.db.test.ts.
import { type ChildProcess, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { triggerRun } from "@/lib/runner/trigger-run";
import { startRunnerWorker } from "@/lib/runner/worker";
import { ROOT, groupAlive, job, logText, setUpRunnerFixture, waitFinal, waitFor } from "@/lib/testing/runner-rig";

const LEASE = 3;
const slug = `runner-lease-${Date.now().toString(36)}`;
const { fixture: rig, template } = setUpRunnerFixture(slug, LEASE);

describe("a worker killed mid-run", () => {
  it("is noticed when its lease runs out: the job fails with a message, the remote command is stopped, the log is kept", async () => {
    await rig.worker!.stop();
    rig.worker = null;
    const { templateId } = await template({ args: "--step 1" });
    const { jobId } = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "parallel", branch: "main" }, null);
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
      rig.worker = await startRunnerWorker({ leaseSec: LEASE, sweepMs: 500 });
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


