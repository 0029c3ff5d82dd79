// Live provisioning runs against a real sshd (lib/testing/sshd.ts) and a real
// PostgreSQL: the worker claims from the queue, runs scripts/sample-provisioning.sh
// over SSH, streams its log and phases, fetches the JUnit report over SFTP,
// ingests it with the API's code and closes the run; and every way it can go
// wrong ends with a clear status and message, never a run left "running".
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cancelJob, retryJob } from "@/lib/runner/control-job";
import { triggerRun } from "@/lib/runner/trigger-run";
import { groupAlive, job, logText, setUpRunnerFixture, waitFinal, waitFor } from "@/lib/testing/runner-rig";
import { samplePhases } from "@/lib/testing/sample-provisioning";
import { freeClosedPort } from "@/lib/testing/sshd";

const LEASE = 3;
const slug = `runner-${Date.now().toString(36)}`;
const { fixture: rig, template, host } = setUpRunnerFixture(slug, LEASE);

describe("live provisioning runs over SSH", () => {
  it("runs the sample setup: phases appear while it runs, the log is kept, the JUnit report is ingested and the run closed", async () => {
    const { templateId } = await template();
    const { jobId, runId } = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "parallel", branch: "feature/gw-42" }, null);
    // live: a phase is recorded as running while the command still runs
    await waitFor("a running phase", async () => {
      const j = await job(jobId);
      return j.status === "running" && j.run!.phases.some((p) => p.status === "running");
    });
    const j = await waitFinal(jobId);
    expect(j.status, j.errorMessage ?? "").toBe("succeeded");
    expect(j.exitCode).toBe(0);
    expect(j.remotePgid).toBeGreaterThan(1);
    const run = j.run!;
    expect(run.id).toBe(runId);
    expect(run).toMatchObject({ status: "passed", source: "runner", mode: "parallel", branch: "feature/gw-42", runnerHost: j.run!.runnerHost, setupOk: true, testsTotal: 3, testsPassed: 3 });
    expect(run.finishedAt).not.toBeNull();
    expect(run.phases.map((p) => [p.name, p.status])).toEqual(samplePhases(expect.any(String)));
    const build = run.phases.find((p) => p.name === "Build images")!;
    const gw = run.phases.find((p) => p.name === "Gateway image")!;
    expect(gw).toMatchObject({ parentId: build.id, group: "images", attributes: { peakMemoryMb: 2150 } });
    expect(gw.durationMs).toBeGreaterThanOrEqual(300);
    expect(await db().report.count({ where: { runId } })).toBe(1);
    const log = await logText(jobId);
    expect(log).toContain("✅ Gateway build completed");
    expect(log).toContain("waiting for datastorage pods"); // stderr too
    expect(log).toContain("--branch 'feature/gw-42'");
    expect(log).not.toContain("##runboard pgid");
    expect(groupAlive(j.remotePgid!)).toBe(false);
    const h = await db().runnerHost.findUniqueOrThrow({ where: { id: rig.hostId } });
    expect(h.reachable).toBe(true);
    expect(h.lastSeenAt).not.toBeNull();
  });

  it("passes plain parameter values through, refuses hostile ones before anything runs, and refuses unsafe branch names", async () => {
    const { templateId, dir } = await template({ command: "printf '%s\\n' {note} > note.txt; cat note.txt", junit: [] });
    const plain = "build-42/x:y@z+1=2,3";
    const { jobId } = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "m", params: { note: plain } }, null);
    const j = await waitFinal(jobId);
    expect(j.status, j.errorMessage ?? "").toBe("succeeded");
    expect(fs.readFileSync(path.join(dir, "note.txt"), "utf8")).toBe(`${plain}\n`);
    const hostile = `x'; touch pwned; echo '$(touch pwned2) \`touch pwned3\` $HOME *`;
    await expect(triggerRun({ templateId, runnerHostId: rig.hostId, mode: "m", params: { note: hostile } }, null)).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "params.note" }] });
    expect(fs.readdirSync(dir).sort()).toEqual(["note.txt"]);
    for (const branch of ["main; rm -rf /", "-x", "a..b", "$(id)", "feat\nx"]) {
      await expect(triggerRun({ templateId, runnerHostId: rig.hostId, mode: "m", branch, params: { note: "n" } }, null)).rejects.toMatchObject({ code: "validation_failed" });
    }
    await expect(triggerRun({ templateId, runnerHostId: rig.hostId, mode: "m" }, null)).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "params.note" }] });
  });

  it("cancel stops the remote process group and closes the run as cancelled", async () => {
    const { templateId } = await template({ args: "--step 1" });
    const { jobId } = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "parallel", branch: "main" }, null);
    const running = await waitFor("the first phase", async () => {
      const j = await job(jobId);
      return j.remotePgid && j.run!.phases.length > 0 ? j : null;
    });
    expect(groupAlive(running.remotePgid!)).toBe(true);
    expect(await cancelJob(jobId)).toEqual({ status: "cancelling" });
    const j = await waitFinal(jobId);
    expect(j.status).toBe("cancelled");
    expect(j.errorMessage).toMatch(/^Cancelled on request after [\d.]+ s; the remote command was stopped$/);
    expect(j.run!.status).toBe("cancelled");
    // the phase running at that moment ends cancelled; none is left running
    expect(j.run!.phases.filter((p) => p.status === "cancelled")).toHaveLength(1);
    expect(j.run!.phases.filter((p) => p.status === "running")).toHaveLength(0);
    expect(groupAlive(running.remotePgid!)).toBe(false);
    await expect(cancelJob(jobId)).rejects.toMatchObject({ code: "conflict" });
  });

  it("a command over its time limit is stopped and the job ends timed out", async () => {
    const { templateId } = await template({ args: "--step 1", timeoutSec: 1 });
    const { jobId } = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "parallel", branch: "main" }, null);
    const j = await waitFinal(jobId);
    expect(j.status).toBe("timed_out");
    expect(j.errorMessage).toBe("Timed out after 1 s (the template's limit); the remote command was stopped");
    expect(j.run!.status).toBe("errored");
    expect(j.run!.finishedAt).not.toBeNull();
    expect(groupAlive(j.remotePgid!)).toBe(false);
  });

  it("a changed host key fails the job before anything is sent", async () => {
    const bad = await host({ hostKeyFingerprint: `SHA256:${"A".repeat(43)}` });
    const { templateId } = await template();
    const { jobId } = await triggerRun({ templateId, runnerHostId: bad, mode: "parallel", branch: "main" }, null);
    const j = await waitFinal(jobId);
    expect(j.status).toBe("failed");
    expect(j.errorMessage).toContain(`Host key mismatch for 127.0.0.1:${rig.sshd.port}: expected SHA256:${"A".repeat(43)}, the host presented ${rig.sshd.fingerprint}`);
    expect(j.run!.status).toBe("errored");
    expect(await logText(jobId)).not.toContain("$ sh");
    expect(await db().runnerHost.findUniqueOrThrow({ where: { id: bad } })).toMatchObject({ reachable: false, lastError: j.errorMessage });
  });

  it("a key the host refuses fails with an authentication message", async () => {
    const bad = await host({ privateKey: rig.sshd.otherPrivateKey });
    const { templateId } = await template();
    const { jobId } = await triggerRun({ templateId, runnerHostId: bad, mode: "parallel", branch: "main" }, null);
    const j = await waitFinal(jobId);
    expect(j.status).toBe("failed");
    expect(j.errorMessage).toBe(`Authentication failed: 127.0.0.1:${rig.sshd.port} refused the SSH key for user "${rig.sshd.username}"`);
    expect(j.run!.status).toBe("errored");
  });

  it("an unreachable host fails with a connection message, and retry starts a new run", async () => {
    const bad = await host({ port: await freeClosedPort() });
    const { templateId } = await template();
    const { jobId, runId } = await triggerRun({ templateId, runnerHostId: bad, mode: "parallel", branch: "main" }, null);
    const j = await waitFinal(jobId);
    expect(j.status).toBe("failed");
    expect(j.errorMessage).toMatch(/^Cannot reach 127\.0\.0\.1:\d+: connection refused/);
    expect(j.run!.status).toBe("errored");
    const again = await retryJob(jobId, null);
    expect(again.runId).not.toBe(runId);
    const j2 = await waitFinal(again.jobId);
    expect(j2.params).toEqual(j.params);
    expect(j2.status).toBe("failed");
  });

  it("a failing setup step ends the job failed with its exit code and the run errored at that phase", async () => {
    const { templateId } = await template({ args: "--step 0.1 --fail-at datastorage" });
    const { jobId } = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "parallel", branch: "main" }, null);
    const j = await waitFinal(jobId);
    expect(j.status).toBe("failed");
    expect(j.exitCode).toBe(2);
    expect(j.errorMessage).toMatch(/^The command exited with code 2 after [\d.]+ s; No JUnit report found at .*\/out\/\*\.xml$/);
    expect(j.run!.status).toBe("errored");
    expect(j.run!.phases.find((p) => p.name === "Deploy DataStorage")!.status).toBe("failed");
    expect(j.run!.phases.some((p) => p.name === "Deploy Gateway")).toBe(false);
  });

  it("failing specs: the report is still ingested and the run is failed", async () => {
    const { templateId } = await template({ args: "--step 0.05 --fail-at specs" });
    const { jobId } = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "sequential", branch: "main" }, null);
    const j = await waitFinal(jobId);
    expect(j.status).toBe("failed");
    expect(j.exitCode).toBe(1);
    expect(j.run).toMatchObject({ status: "failed", setupOk: true, testsTotal: 3, testsFailed: 1 });
  });

  it("no report at the end fails the job and says where it looked", async () => {
    const { templateId, dir } = await template({ args: "--step 0.05 --no-report" });
    const { jobId } = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "parallel", branch: "main" }, null);
    const j = await waitFinal(jobId);
    expect(j.status).toBe("failed");
    expect(j.errorMessage).toBe(`No JUnit report found at ${dir}/out/*.xml`);
    expect(j.run!.status).toBe("errored");
    expect(j.run!.setupOk).toBe(true);
  });

  it("a command that does not exist fails with 'Command not found'", async () => {
    const { templateId } = await template({ command: "no-such-provisioner-xyz --mode {mode}" });
    const { jobId } = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "parallel" }, null);
    const j = await waitFinal(jobId);
    expect(j.status).toBe("failed");
    expect(j.exitCode).toBe(127);
    expect(j.errorMessage).toMatch(/^Command not found \(exit 127\): .*no-such-provisioner-xyz/);
  });

  it("a connection dropped mid-run fails the job and stops the remote command", async () => {
    const { templateId } = await template({ args: "--step 1" });
    const { jobId } = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "parallel", branch: "main" }, null);
    const running = await waitFor("the first phase", async () => {
      const j = await job(jobId);
      return j.remotePgid && j.run!.phases.length > 0 ? j : null;
    });
    expect(rig.sshd.dropSessions()).toBeGreaterThan(0);
    const j = await waitFinal(jobId);
    expect(j.status).toBe("failed");
    expect(j.errorMessage).toMatch(/^The SSH connection to 127\.0\.0\.1:\d+ dropped mid-run \(after [\d.]+ s\); the remote command was stopped$/);
    expect(j.run!.status).toBe("errored");
    await waitFor("the remote process group to end", async () => !groupAlive(running.remotePgid!), 5000);
    expect(await logText(jobId)).toContain("PHASE 1");
  });

  it("one run per host at a time: the second waits in order and starts when the first ends", async () => {
    const { templateId } = await template({ args: "--step 0.1" });
    const a = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "parallel", branch: "main" }, null);
    const b = await triggerRun({ templateId, runnerHostId: rig.hostId, mode: "parallel", branch: "main" }, null);
    await waitFor("the first to run", async () => (await job(a.jobId)).status === "running");
    expect((await job(b.jobId)).status).toBe("queued");
    const ja = await waitFinal(a.jobId);
    const jb = await waitFinal(b.jobId);
    expect([ja.status, jb.status]).toEqual(["succeeded", "succeeded"]);
    expect(jb.startedAt!.getTime()).toBeGreaterThanOrEqual(ja.finishedAt!.getTime());
  });
});
