// The end of a job closes the phases its run still has open. A run can have
// finished before its job did (its CI posted the end while the runner's phase
// was still open): the run's status is then worked out again from the closed
// phases, and a phase open for longer than a 32-bit count of milliseconds
// (~25 days) is closed with its duration unknown instead of failing the end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import { db, disconnectDb } from "@/lib/db";
import { finalizeJob } from "@/lib/runner/finalize-job";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

const slug = "finalize-job";
let token: string;
let projectId: string;
const iso = (ms: number) => new Date(ms).toISOString();

/** a finished run whose "deploy" phase is still running, started `ago` ms ago */
async function finishedRunWithOpenPhase(key: string, ago: number): Promise<string> {
  const at = Date.now() - ago;
  const form = new FormData();
  form.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId: key, startedAt: iso(at), finishedAt: iso(at + 600_000) }));
  form.append("phases", JSON.stringify({ phases: [
    { name: "setup", startedAt: iso(at), durationMs: 100_000, status: "passed" },
    { name: "deploy", startedAt: iso(at + 100_000), status: "running" },
  ] }));
  form.append("junit", new Blob([`<testsuite name="S"><testcase classname="S" name="a" time="1"/></testsuite>`], { type: "application/xml" }), "junit.xml");
  const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form });
  expect(r.status, r.text).toBe(201);
  return r.data.id as string;
}

let end: (runId: string) => Promise<boolean>;

beforeAll(async () => {
  projectId = (await ensureProject(slug)).project.id;
  token = (await createApiToken(projectId, "ci")).token;
  const host = await db().runnerHost.create({ data: { name: "fj-box", host: "10.0.0.7", username: "ci", privateKeyEncrypted: "v1.x.y.z", hostKeyFingerprint: "SHA256:x" } });
  const template = await db().runTemplate.create({ data: { projectId, name: "fj-e2e", command: "make e2e" } });
  end = async (runId) => {
    const job = await db().provisioningJob.create({ data: { projectId, templateId: template.id, runnerHostId: host.id, runId } });
    return finalizeJob(job.id, { status: "cancelled", message: "cancelled by a lead" }, { queued: true });
  };
}, 60_000);
afterAll(() => disconnectDb());

const deployOf = (runId: string) => db().phase.findFirstOrThrow({ where: { runId, name: "deploy" }, select: { status: true, durationMs: true } });
const statusOf = async (runId: string) => (await db().run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;

describe("finalizeJob on a run that finished before its job", () => {
  it("closes the open phase and works the run's status out again", async () => {
    const id = await finishedRunWithOpenPhase("fj-1", 7_200_000);
    // all its specs passed, and the phase still open does not count against it yet
    expect(await statusOf(id)).toBe("passed");
    expect(await end(id)).toBe(true);
    const deploy = await deployOf(id);
    expect(deploy.status).toBe("cancelled");
    expect(deploy.durationMs).toBeGreaterThanOrEqual(7_000_000);
    // a setup phase that did not complete: the run errored (lib/analysis/run-status.ts)
    expect(await statusOf(id)).toBe("errored");
  });

  it("closes a phase open for 40 days with its duration unknown", async () => {
    const id = await finishedRunWithOpenPhase("fj-2", 40 * 86_400_000);
    expect(await end(id)).toBe(true);
    expect(await deployOf(id)).toEqual({ status: "cancelled", durationMs: null });
    expect(await statusOf(id)).toBe("errored");
  });
});
