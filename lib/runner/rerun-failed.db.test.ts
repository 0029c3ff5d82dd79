// "Rerun failed specs" on the test sshd with the sample provisioning script,
// which honours --focus like ginkgo: the rerun runs only the run's failed
// spec, links back to it, counts like any run (its pass moves the triage item
// toward auto-resolve), and a spec name that tries make's $(shell …) reaches
// the host only as a harmless regex.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { buildFocus } from "@/lib/runner/focus";
import { findRerunOptions, rerunFailedSpecs } from "@/lib/runner/rerun-failed";
import { saveRunnerHost } from "@/lib/runner/runner-hosts";
import { saveRunTemplate } from "@/lib/runner/run-templates";
import { triggerRun } from "@/lib/runner/trigger-run";
import { type RunnerWorker, startRunnerWorker } from "@/lib/runner/worker";
import { ensureProject } from "@/lib/services/get-project";
import { type TestSshd, startTestSshd } from "@/lib/testing/sshd";

process.env.RUNBOARD_SECRET_KEY ??= randomBytes(32).toString("hex");
const slug = `rerun-${Date.now().toString(36)}`;
const SCRIPT = path.resolve(import.meta.dirname, "../../scripts/sample-provisioning.sh");
const FINAL = ["succeeded", "failed", "cancelled", "timed_out"];

let sshd: TestSshd;
let worker: RunnerWorker | null = null;
let hostId: string;
let templateId: string;
let dir: string;

async function waitFinal(jobId: string) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const j = await db().provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { run: true } });
    if (FINAL.includes(j.status)) return j;
  }
  throw new Error(`job ${jobId} did not end`);
}

beforeAll(async () => {
  sshd = await startTestSshd();
  await ensureProject(slug);
  hostId = (await saveRunnerHost({ name: `rerun-host`, host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey, hostKeyFingerprint: sshd.fingerprint })).id;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-rerun-"));
  fs.chmodSync(dir, 0o777);
  // {fail} lets the first run fail its last spec; a focused rerun does not ask for it
  templateId = (await saveRunTemplate({
    project: slug, name: "sample", workingDir: dir, junitPaths: ["out/*.xml"], timeoutSec: 60,
    command: `sh ${SCRIPT} --mode {mode} --branch {branch} --out out --step 0 --focus={focus} --fail-at {failat}`,
    params: { failat: { values: ["none", "specs"] } },
    focus: { placeholder: "focus", format: "ginkgo" },
  })).id;
  worker = await startRunnerWorker({ leaseSec: 5, sweepMs: 500 });
});

afterAll(async () => {
  await worker?.stop();
  await sshd?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  await disconnectDb();
});

describe("rerun only the failed specs", () => {
  it("runs the failed spec alone, links both runs, and its pass counts toward the item's auto-resolve", async () => {
    const first = await waitFinal((await triggerRun({ templateId, runnerHostId: hostId, mode: "parallel", branch: "main", params: { failat: "specs" } }, null)).jobId);
    expect(first.run).toMatchObject({ testsTotal: 3, testsFailed: 1 });
    const original = first.runId!;

    const rerun = await waitFinal((await rerunFailedSpecs({ runId: original, templateId, runnerHostId: hostId, params: { failat: "none" } }, null)).jobId);
    expect(rerun.status, rerun.errorMessage ?? "").toBe("succeeded");
    // only the spec that failed ran, and it passed
    expect(rerun.run).toMatchObject({ testsTotal: 1, testsPassed: 1, mode: "parallel", branch: "main" });
    expect(rerun.params).toMatchObject({ focus: "(DD-GATEWAY-009: persists to DataStorage)" });
    expect(rerun.run!.labels).toMatchObject({ rerunOf: original, template: "sample (rerun of failed specs)" });

    const options = await findRerunOptions(original, first.projectId);
    expect(options.reruns.map((r) => r.id)).toEqual([rerun.runId]);
    expect((await findRerunOptions(rerun.runId!, first.projectId)).rerunOf).toBe(original);

    const item = await db().triageItem.findFirstOrThrow({ where: { projectId: first.projectId, testCase: { name: { contains: "DD-GATEWAY-009" } } } });
    expect(item.consecutivePasses).toBe(1);
  });

  it("a run started normally gets an empty focus (every spec)", async () => {
    const j = await waitFinal((await triggerRun({ templateId, runnerHostId: hostId, mode: "parallel", branch: "main", params: { failat: "none" } }, null)).jobId);
    expect(j.params).toMatchObject({ focus: "" });
    expect(j.run).toMatchObject({ testsTotal: 3 });
  });

  it("hostile spec names reach the host only as a regex of plain characters", () => {
    const v = buildFocus("ginkgo", ["[It] breaks $(shell touch /tmp/x) `id` 'q' %s \"d\" + \n end [label]", "[It] fine (BR-1)"]);
    expect(v).toBe("(breaks ..shell touch /tmp/x. .id. .q. .s .d. . . end|fine .BR-1.)");
    expect(v).not.toMatch(/[$`'"%+\n]/);
    expect(() => buildFocus("list", ["a b"])).toThrow(/plain list/);
    expect(buildFocus("go-test", ["TestA/sub case"])).toBe("(TestA.sub case)");
  });

  it("a template without a focus cannot rerun, and a run with no failure has nothing to rerun", async () => {
    const plain = (await saveRunTemplate({ project: slug, name: "plain", workingDir: dir, junitPaths: ["out/*.xml"], command: `sh ${SCRIPT} --mode {mode} --out out --step 0` })).id;
    const ok = await waitFinal((await triggerRun({ templateId: plain, runnerHostId: hostId, mode: "parallel" }, null)).jobId);
    await expect(rerunFailedSpecs({ runId: ok.runId, templateId: plain, runnerHostId: hostId }, null)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(rerunFailedSpecs({ runId: ok.runId, templateId, runnerHostId: hostId }, null)).rejects.toMatchObject({ code: "validation_failed", message: "No failed spec to rerun" });
  });
});
