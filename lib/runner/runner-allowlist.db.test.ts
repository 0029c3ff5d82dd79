// Security review finding 11: with RUNBOARD_RUNNER_ALLOWED_HOSTS set, a host
// outside it cannot be added, checked or run on, and Check cannot tell a
// closed port from an open one there (nothing is ever sent to it). Only
// loopback is ever contacted: 127.0.0.1 is allowed by 127.0.0.0/8 and refused
// when only 10.0.0.0/8 is listed.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { resetEnv } from "@/lib/env";
import { checkRunnerHost, saveRunnerHost } from "@/lib/runner/runner-hosts";
import { saveRunTemplate } from "@/lib/runner/run-templates";
import { triggerRun } from "@/lib/runner/trigger-run";
import { ensureProject } from "@/lib/services/get-project";
import { type RunnerWorker, startRunnerWorker } from "@/lib/runner/worker";
import { type TestSshd, freeClosedPort, startTestSshd } from "@/lib/testing/sshd";

process.env.RUNBOARD_SECRET_KEY ??= randomBytes(32).toString("hex");
const slug = `allow-${Date.now().toString(36)}`;
let sshd: TestSshd;
let n = 0;

function allow(value: string | undefined) {
  if (value === undefined) delete process.env.RUNBOARD_RUNNER_ALLOWED_HOSTS;
  else process.env.RUNBOARD_RUNNER_ALLOWED_HOSTS = value;
  resetEnv();
}

const addHost = async (over: Record<string, unknown> = {}) => (await saveRunnerHost({
  name: `allow-${++n}`, host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey, hostKeyFingerprint: sshd.fingerprint, ...over,
})).id;

beforeAll(async () => {
  sshd = await startTestSshd();
  await ensureProject(slug); // a template names an existing project
});
afterEach(() => allow(undefined));
afterAll(async () => {
  await sshd?.stop();
  await disconnectDb();
});

describe("RUNBOARD_RUNNER_ALLOWED_HOSTS", () => {
  it("a host inside the allowed networks is added and checked as before, by address or by a name resolving into them", async () => {
    allow("127.0.0.0/8");
    expect(await checkRunnerHost(await addHost())).toMatchObject({ ok: true, message: expect.stringContaining("host key verified") });
    expect(await checkRunnerHost(await addHost({ host: "localhost" }))).toMatchObject({ ok: true });
  });

  it("a host outside is refused when added, and Check answers the same 422 for an open and a closed port without contacting it", async () => {
    allow("127.0.0.0/8");
    const open = await addHost();
    const closed = await addHost({ port: await freeClosedPort() });
    allow("10.0.0.0/8");
    await expect(addHost()).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "host", message: "outside RUNBOARD_RUNNER_ALLOWED_HOSTS" }] });
    const a = await checkRunnerHost(open).then((r) => ({ answered: r }), (e) => e);
    const b = await checkRunnerHost(closed).then((r) => ({ answered: r }), (e) => e);
    expect(a).toMatchObject({ code: "validation_failed", message: expect.stringMatching(/^Runner host 127\.0\.0\.1 is not allowed: .*Nothing was sent to it/) });
    expect(b.message).toBe(a.message);
    // never contacted: neither host has been seen or marked unreachable
    for (const id of [open, closed]) expect(await db().runnerHost.findUniqueOrThrow({ where: { id } })).toMatchObject({ reachable: null, lastSeenAt: null });
  });

  it("a job queued for a host that is no longer allowed fails without connecting", async () => {
    allow(undefined);
    const hostId = await addHost();
    const { id: templateId } = await saveRunTemplate({ project: slug, name: "t", command: "echo {mode}", junitPaths: [] });
    allow("10.0.0.0/8");
    const worker: RunnerWorker = await startRunnerWorker({ leaseSec: 5, sweepMs: 500 });
    try {
      const { jobId } = await triggerRun({ templateId, runnerHostId: hostId, mode: "parallel" }, null);
      let j = await db().provisioningJob.findUniqueOrThrow({ where: { id: jobId } });
      for (const deadline = Date.now() + 20_000; !["succeeded", "failed"].includes(j.status) && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
        j = await db().provisioningJob.findUniqueOrThrow({ where: { id: jobId } });
      }
      expect(j.status).toBe("failed");
      expect(j.errorMessage).toMatch(/^Runner host 127\.0\.0\.1 is not allowed/);
    } finally {
      await worker.stop();
    }
  });
});
