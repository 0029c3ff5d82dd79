// What the runner's db tests share: run templates running
// scripts/sample-provisioning.sh, runner hosts pointing at a test sshd, and
// waiting for a job to reach a state. One rig per test file (its own project).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { db } from "@/lib/db";
import { saveRunnerHost } from "@/lib/runner/runner-hosts";
import { saveRunTemplate } from "@/lib/runner/run-templates";
import type { TestSshd } from "@/lib/testing/sshd";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts/sample-provisioning.sh");
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
