// What the runner's db tests share: run templates running
// scripts/sample-provisioning.sh, runner hosts pointing at a test sshd, and
// waiting for a job to reach a state. One rig per test file (its own project).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SAMPLE_SCRIPT } from "@/lib/testing/sample-provisioning";
import { afterAll, beforeAll } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { saveRunnerHost } from "@/lib/runner/runner-hosts";
import { saveRunTemplate } from "@/lib/runner/run-templates";
import { type RunnerWorker, startRunnerWorker } from "@/lib/runner/worker";
import { ensureProject } from "@/lib/services/get-project";
import { type TestSshd, startTestSshd } from "@/lib/testing/sshd";

process.env.RUNBOARD_SECRET_KEY ??= randomBytes(32).toString("hex"); // runner hosts' keys are encrypted with it
export const ROOT = path.resolve(import.meta.dirname, "../..");
const SCRIPT = SAMPLE_SCRIPT;
const FINAL = ["succeeded", "failed", "cancelled", "timed_out"];

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function job(jobId: string) {
  return db().provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { run: { include: { phases: { orderBy: { position: "asc" } } } } } });
}

export const waitFinal = (jobId: string, timeoutMs = 30_000) => waitFor(`job ${jobId} to end`, async () => {
  const j = await job(jobId);
  return FINAL.includes(j.status) ? j : null;
}, timeoutMs);

export async function logText(jobId: string) {
  const rows = await db().jobLogChunk.findMany({ where: { jobId }, orderBy: { seq: "asc" } });
  return rows.map((r) => r.text).join("");
}

/** Whether any process of the group still lives. */
export function groupAlive(pgid: number) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export type TemplateOptions = { args?: string; command?: string; junit?: string[]; timeoutSec?: number; workingDir?: string };

/** Templates and hosts of one project; `sshd` is read when a host is made (after beforeAll started it). */
export function runnerRig(slug: string, sshd: () => TestSshd) {
  let n = 0;
  return {
    async template(opts: TemplateOptions = {}) {
      const dir = opts.workingDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "runboard-job-"));
      fs.chmodSync(dir, 0o777); // the sessions' user writes here
      const t = await saveRunTemplate({
        project: slug,
        name: `t${++n}`,
        command: opts.command ?? `sh ${SCRIPT} --mode {mode} --branch {branch} --out out ${opts.args ?? "--step 0.2"}`,
        workingDir: dir,
        junitPaths: opts.junit ?? ["out/*.xml"],
        timeoutSec: opts.timeoutSec ?? 60,
      });
      return { templateId: t.id, dir };
    },
    async host(over: Record<string, unknown> = {}) {
      const s = sshd();
      return (await saveRunnerHost({
        name: `${slug}-h${++n}`, host: s.host, port: s.port, username: s.username, privateKey: s.privateKey,
        hostKeyFingerprint: s.fingerprint, ...over,
      })).id;
    },
  };
}

export interface RunnerFixture {
  sshd: TestSshd;
  hostId: string;
  /** a test may stop it and start another */
  worker: RunnerWorker | null;
}

/**
 * For one test file: before its tests, a test sshd, the file's project, a host
 * on that sshd and a worker (lease `leaseSec`, sweeping every 500 ms); after
 * them, all stopped. The fixture's fields are set once beforeAll has run.
 */
export function setUpRunnerFixture(slug: string, leaseSec: number) {
  const fixture = {} as RunnerFixture;
  const rig = runnerRig(slug, () => fixture.sshd);
  beforeAll(async () => {
    fixture.sshd = await startTestSshd();
    await ensureProject(slug);
    fixture.hostId = await rig.host();
    fixture.worker = await startRunnerWorker({ leaseSec, sweepMs: 500 });
  });
  afterAll(async () => {
    await fixture.worker?.stop();
    await fixture.sshd?.stop();
    await disconnectDb();
  });
  return { fixture, ...rig };
}
