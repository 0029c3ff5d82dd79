// Security review finding 1: a triager must not be able to run commands on a
// runner host through a template's placeholders. The payloads go through a
// real sh, make and git on the test sshd (lib/testing/sshd.ts); every test
// checks that its marker file was NOT created, and that the service answered
// a 422 naming the bad value or the template's problem.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb, pool } from "@/lib/db";
import { saveRunnerHost } from "@/lib/runner/runner-hosts";
import { saveRunTemplate } from "@/lib/runner/run-templates";
import { triggerRun } from "@/lib/runner/trigger-run";
import { type RunnerWorker, startRunnerWorker } from "@/lib/runner/worker";
import { ensureProject } from "@/lib/services/get-project";
import { type TestSshd, startTestSshd } from "@/lib/testing/sshd";

process.env.RUNBOARD_SECRET_KEY ??= randomBytes(32).toString("hex");
const slug = `params-${Date.now().toString(36)}`;
const FINAL = ["succeeded", "failed", "cancelled", "timed_out"];

let sshd: TestSshd;
let worker: RunnerWorker | null = null;
let hostId: string;
let dir: string;
let n = 0;
const markers: string[] = [];

/** A unique path the payloads try to create. */
function marker(): string {
  const m = path.join(os.tmpdir(), `runboard-mark-${randomBytes(6).toString("hex")}`);
  markers.push(m);
  return m;
}

async function template(command: string, params?: Record<string, unknown>) {
  return (await saveRunTemplate({ project: slug, name: `t${++n}`, command, workingDir: dir, junitPaths: [], timeoutSec: 30, params })).id;
}

/** A template saved before the placeholder rules existed (straight into the table). */
async function legacyTemplate(command: string) {
  const { project } = await ensureProject(slug);
  return (await db().runTemplate.create({ data: { projectId: project.id, name: `legacy${++n}`, command, workingDir: dir, junitPaths: [], timeoutSec: 30 } })).id;
}

async function waitFinal(jobId: string) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const j = await db().provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { run: true } });
    if (FINAL.includes(j.status)) return j;
  }
  throw new Error(`job ${jobId} did not end`);
}

/** Start a run; when it is accepted (the old behaviour), let it run to its end so any payload has had its chance. */
async function attempt(input: Record<string, unknown>) {
  try {
    const { jobId } = await triggerRun({ runnerHostId: hostId, mode: "parallel", ...input }, null);
    return { job: await waitFinal(jobId), error: null };
  } catch (e) {
    return { job: null, error: e as { code?: string; message?: string; details?: { path: string; message: string }[] } };
  }
}

/** As root the sessions run as another user: the files they use must be theirs (git refuses others' repositories). */
function giveToSessionUser(p: string) {
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", `${sshd.username}:`, p]);
}

beforeAll(async () => {
  sshd = await startTestSshd();
  await ensureProject(slug);
  hostId = (await saveRunnerHost({ name: `params-${n++}`, host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey, hostKeyFingerprint: sshd.fingerprint })).id;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-params-"));
  fs.writeFileSync(path.join(dir, "Makefile"), "test-e2e-gateway:\n\t@echo 'mode=$(E2E_MODE) branch=$(BRANCH)' > make-out.txt\n");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q", "--bare", "-b", "main", "origin.git");
  git("init", "-q", "-b", "main", "work");
  git("-C", "work", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "first");
  git("-C", "work", "remote", "add", "origin", path.join(dir, "origin.git"));
  git("-C", "work", "push", "-q", "origin", "main");
  giveToSessionUser(dir);
  fs.chmodSync(dir, 0o777);
  worker = await startRunnerWorker({ leaseSec: 5, sweepMs: 500 });
});

afterAll(async () => {
  await worker?.stop();
  await sshd?.stop();
  for (const m of markers) fs.rmSync(m, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  await disconnectDb();
});

describe("placeholder values cannot run commands on the runner host", () => {
  it("make: the README's template runs with a plain branch, and $(shell …) in params.branch is refused before anything runs", async () => {
    const templateId = await template("make test-e2e-gateway E2E_MODE={mode} BRANCH={branch}");
    const ok = await attempt({ templateId, branch: "feature/x" });
    expect(ok.job?.status, ok.job?.errorMessage ?? String(ok.error?.message)).toBe("succeeded");
    expect(fs.readFileSync(path.join(dir, "make-out.txt"), "utf8")).toBe("mode=parallel branch=feature/x\n");

    const m = marker();
    const r = await attempt({ templateId, params: { branch: `$(shell touch ${m})` } });
    expect(fs.existsSync(m), "make ran the payload").toBe(false);
    expect(r.error).toMatchObject({ code: "validation_failed", details: [{ path: "params.branch" }] });
    const viaMode = await attempt({ templateId, branch: "main", params: { mode: `$(shell touch ${m})` } });
    expect(fs.existsSync(m), "make ran the payload").toBe(false);
    expect(viaMode.error).toMatchObject({ code: "validation_failed", details: [{ path: "params.mode" }] });
  });

  it("git: an option smuggled in as the branch (--upload-pack=…) is refused; a plain branch fetches", async () => {
    const templateId = await template("cd work && git fetch -q origin {branch}");
    const ok = await attempt({ templateId, branch: "main" });
    expect(ok.job?.status, ok.job?.errorMessage ?? String(ok.error?.message)).toBe("succeeded");

    const m = marker();
    const r = await attempt({ templateId, params: { branch: `--upload-pack=touch ${m};` } });
    expect(fs.existsSync(m), "git ran the payload").toBe(false);
    expect(r.error).toMatchObject({ code: "validation_failed", details: [{ path: "params.branch" }] });
  });

  it("sh: backquotes, $(…), line breaks, %, a leading '-' and quotes are refused as values of other parameters", async () => {
    const templateId = await template("printf '%s\\n' {note} > note.txt");
    const ok = await attempt({ templateId, params: { note: "build-42/x:y@z+1=2,3" } });
    expect(ok.job?.status, ok.job?.errorMessage ?? String(ok.error?.message)).toBe("succeeded");
    const m = marker();
    for (const payload of [`\`touch ${m}\``, `$(touch ${m})`, `x\ntouch ${m}`, "100%", "-x", `x'; touch ${m}; echo '`, `"$(touch ${m})"`, "a b"]) {
      const r = await attempt({ templateId, params: { note: payload } });
      expect(r.error, payload).toMatchObject({ code: "validation_failed", details: [{ path: "params.note" }] });
    }
    expect(fs.existsSync(m)).toBe(false);
  });

  it("templates with a placeholder in quotes or a here-document are refused when saved, and old ones refuse to start with a 422", async () => {
    for (const command of ["echo \"it's {note}\" > out.txt", "cat > out.txt <<EOF\n{note}\nEOF", "sh -c 'echo {note}'", "{note} --version", "echo x{note}"]) {
      await expect(template(command), command).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "command" }] });
    }
    for (const command of ["echo \"it's {note}\" > out.txt", "cat > out.txt <<EOF\n{note}\nEOF"]) {
      const m = marker();
      const templateId = await legacyTemplate(command);
      const r = await attempt({ templateId, params: { note: `$(touch ${m})` } });
      expect(fs.existsSync(m), `${command} ran the payload`).toBe(false);
      expect(r.error).toMatchObject({ code: "validation_failed", message: expect.stringMatching(/must be edited/), details: [{ path: "template.command" }] });
    }
  });

  it("the worker checks a queued job's values again before it connects (stored parameters may come from older code)", async () => {
    const templateId = await template("make test-e2e-gateway E2E_MODE={mode} BRANCH={branch}");
    await worker!.stop();
    worker = null;
    const { jobId } = await triggerRun({ templateId, runnerHostId: hostId, mode: "parallel", branch: "main" }, null);
    const m = marker();
    await pool().query(`UPDATE provisioning_jobs SET params = $2::jsonb WHERE id = $1`, [jobId, JSON.stringify({ mode: "parallel", branch: `$(shell touch ${m})` })]);
    worker = await startRunnerWorker({ leaseSec: 5, sweepMs: 500 });
    const j = await waitFinal(jobId);
    expect(fs.existsSync(m), "make ran the payload").toBe(false);
    expect(j.status).toBe("failed");
    expect(j.errorMessage).toMatch(/^Refused to run: Invalid run parameters \(params.branch: /);
  });
});

describe("template parameter declarations", () => {
  it("a declared list of values or pattern narrows what a triager may pass", async () => {
    const templateId = await template("printf '%s\\n' {suite} {shard} > note.txt", { suite: { values: ["smoke", "full"] }, shard: { pattern: "[0-9]{1,2}" } });
    const ok = await attempt({ templateId, params: { suite: "smoke", shard: "3" } });
    expect(ok.job?.status, ok.job?.errorMessage ?? String(ok.error?.message)).toBe("succeeded");
    expect(fs.readFileSync(path.join(dir, "note.txt"), "utf8")).toBe("smoke\n3\n");
    const bad = await attempt({ templateId, params: { suite: "nightly", shard: "3x", extra: "1" } });
    expect(bad.error).toMatchObject({ code: "validation_failed" });
    expect(bad.error!.details).toEqual(expect.arrayContaining([
      { path: "params.suite", message: "must be one of smoke, full" },
      { path: "params.shard", message: "must match [0-9]{1,2}" },
      { path: "params.extra", message: "the template has no {extra} placeholder" },
    ]));
    await expect(template("echo {x}", { x: { pattern: ".*" }, branch: { values: ["main"] } })).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "params.branch" }] });
  });
});
