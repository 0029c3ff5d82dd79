// Webhooks end to end against a real HTTP receiver on a loopback port and a
// real graphile-worker in this process: the signature, one message per run
// and none when nothing is new, retries, giving up (and pausing), and an
// ingest that never waits for a slow receiver.
import { randomBytes } from "node:crypto";
import type { Runner } from "graphile-worker";
import { DELIVER_TASK, NOTIFY_TASK } from "@/lib/notifications/enqueue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb, pool } from "@/lib/db";
import { parseReport } from "@/lib/ingest/parse-report";
import { verifySignature } from "@/lib/notifications/sign";
import { createWebhook, sendTestMessage } from "@/lib/notifications/webhooks";
import { finalizeJob } from "@/lib/runner/finalize-job";
import { assignItems } from "@/lib/triage/mutations";
import { startNotificationWorker } from "@/lib/notifications/worker";
import { createRun } from "@/lib/services/create-run";
import { finishRun } from "@/lib/services/finish-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { type WebhookReceiver, startWebhookReceiver } from "@/lib/testing/webhook-receiver";

process.env.RUNBOARD_SECRET_KEY ??= randomBytes(32).toString("hex");
process.env.RUNBOARD_BASE_URL ??= "https://runboard.test";

const SECRET = "s3cret-for-the-receiver-0123";
let receiver: WebhookReceiver;
let worker: Runner;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  worker = await startNotificationWorker({ pollInterval: 100, delivery: { timeoutMs: 5000, backoffMs: 150, maxAttempts: 3, pauseAfter: 2 } });
});
afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
  await disconnectDb();
});

let seq = 0;
function junit(failing: string[], passing: string[] = ["[It] stays green"]) {
  const cases = [
    ...failing.map((n) => `<testcase name="${n}" classname="Gateway E2E" time="1"><failure message="Expected 500 to equal 201 for ${n.length}" type="failed">gateway_test.go:88</failure></testcase>`),
    ...passing.map((n) => `<testcase name="${n}" classname="Gateway E2E" time="1"/>`),
  ];
  return new TextEncoder().encode(`<?xml version="1.0"?><testsuites><testsuite name="Gateway E2E">${cases.join("")}</testsuite></testsuites>`);
}

/** What CI does through the API: create a run, attach a report, finish it. Returns the ms it took. */
async function upload(slug: string, failing: string[], passing?: string[]) {
  const t0 = performance.now();
  const { project } = await ensureProject(slug);
  const start = Date.now() - 3_600_000 + ++seq * 1000;
  const startedAt = new Date(start).toISOString();
  const { run } = await createRun(project.id, { project: slug, mode: "parallel", startedAt });
  const raw = junit(failing, passing);
  await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "junit.xml" });
  await finishRun(run.id, { finishedAt: new Date(start + 60_000).toISOString() });
  return { runId: run.id, ms: performance.now() - t0 };
}

async function hook(slug: string, path: string, events = ["run.new_failures"], format: "generic" | "slack" = "generic") {
  const { project } = await ensureProject(slug);
  return createWebhook(project.id, { name: path, url: receiver.url(path), format, events: events as never, secret: SECRET });
}

/** Until the queue has no notification or delivery left to run now (other files' runner jobs may wait in the same database). */
async function queueIdle(timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ANY($1::text[]) AND run_at <= now() + interval '30 seconds'`, [[NOTIFY_TASK, DELIVER_TASK]]);
    if (rows[0].n === 0) return;
    if (Date.now() > end) throw new Error(`queue not idle after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const deliveries = (webhookId: string) => db().webhookDelivery.findMany({ where: { webhookId }, orderBy: { createdAt: "asc" } });

describe("webhooks", () => {
  it("signs the generic body with the timestamp, and says what broke with requirement IDs, categories and links", async () => {
    const w = await hook("notify-sign", "/sign");
    const { runId } = await upload("notify-sign", ["[It] rejects bad input BR-GATEWAY-024", "[It] retries uploads DD-GATEWAY-009"]);
    await queueIdle();
    const got = receiver.of("/sign");
    expect(got).toHaveLength(1);
    const r = got[0];
    const headers = { signature: r.headers["x-runboard-signature"] as string, timestamp: r.headers["x-runboard-timestamp"] as string };
    expect(headers.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, headers, r.body)).toBe(true);
    expect(verifySignature(SECRET, headers, r.body.replace("BR-GATEWAY-024", "BR-GATEWAY-025"))).toBe(false); // tampered body
    expect(verifySignature("another-secret-0123456", headers, r.body)).toBe(false);
    expect(verifySignature(SECRET, headers, r.body, { now: Date.now() + 10 * 60_000 })).toBe(false); // a replay ten minutes later
    const body = JSON.parse(r.body);
    expect(body.event).toBe("run.new_failures");
    expect(body.url).toBe(`https://runboard.test/runs/${runId}`);
    expect(body.items).toHaveLength(2);
    expect(body.items.flatMap((i: { requirementIds: string[] }) => i.requirementIds).sort()).toEqual(["BR-GATEWAY-024", "DD-GATEWAY-009"]);
    expect(body.items.every((i: { suggestedCategory: string | null }) => !!i.suggestedCategory)).toBe(true);
    expect(body.items[0].url).toMatch(/^https:\/\/runboard\.test\/triage\/[0-9a-f-]{36}$/);
    const [d] = await deliveries(w.id);
    expect(d).toMatchObject({ status: "succeeded", attempts: 1, statusCode: 200, responseSnippet: "answer 1: 200" });
  });

  it("sends one message per run and stays quiet when nothing is new", async () => {
    await hook("notify-dedup", "/dedup", ["run.new_failures"], "slack");
    const failing = ["[It] a BR-GATEWAY-001", "[It] b BR-GATEWAY-002", "[It] c BR-GATEWAY-003"];
    const first = await upload("notify-dedup", failing);
    await finishRun(first.runId, {}); // the same run finished twice
    await queueIdle();
    await upload("notify-dedup", failing); // a second upload of the same failures
    await queueIdle();
    expect(receiver.of("/dedup")).toHaveLength(1);
    const slack = JSON.parse(receiver.of("/dedup")[0].body);
    expect(slack.text).toContain("3 new failures");
    expect(slack.text).toContain("BR-GATEWAY-001");
    expect(slack.blocks[1].text.text.split("\n").filter((l: string) => l.startsWith("•"))).toHaveLength(3);

    await upload("notify-dedup", [...failing, "[It] d BR-GATEWAY-004"]); // one more is new
    await queueIdle();
    const got = receiver.of("/dedup");
    expect(got).toHaveLength(2);
    const second = JSON.parse(got[1].body);
    expect(second.text).toContain("1 new failure");
    expect(second.blocks[1].text.text).toContain("[It] d BR-GATEWAY-004");
    expect(second.blocks[1].text.text).not.toContain("[It] a BR-GATEWAY-001");
  });

  it("retries 500 answers with growing delays until the receiver takes the message", async () => {
    receiver.on("/retry", [{ status: 500 }, { status: 500 }, { status: 200 }]);
    const w = await hook("notify-retry", "/retry");
    await upload("notify-retry", ["[It] flaky upstream BR-GATEWAY-050"]);
    await expect.poll(async () => (await deliveries(w.id))[0]?.status, { timeout: 20_000, interval: 100 }).toBe("succeeded");
    const got = receiver.of("/retry");
    expect(got).toHaveLength(3);
    expect(new Set(got.map((g) => g.headers["x-runboard-delivery"])).size).toBe(1); // one delivery, three attempts
    expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(150);
    expect(got[2].at - got[1].at).toBeGreaterThanOrEqual(300);
    const [d] = await deliveries(w.id);
    expect(d).toMatchObject({ attempts: 3, statusCode: 200 });
  });

  it("gives up after the bounded attempts, logs why, and pauses a webhook that keeps failing", async () => {
    receiver.on("/down", [{ status: 503, body: "maintenance" }]);
    const w = await hook("notify-down", "/down");
    await upload("notify-down", ["[It] first BR-GATEWAY-060"]);
    await expect.poll(async () => (await deliveries(w.id))[0]?.status, { timeout: 20_000, interval: 100 }).toBe("gave_up");
    expect(receiver.of("/down")).toHaveLength(3);
    expect((await deliveries(w.id))[0]).toMatchObject({ attempts: 3, statusCode: 503, responseSnippet: "maintenance" });
    expect((await db().webhook.findUniqueOrThrow({ where: { id: w.id } })).pausedAt).toBeNull(); // one failure is not a pattern

    await upload("notify-down", ["[It] second BR-GATEWAY-061"]);
    await expect.poll(async () => (await deliveries(w.id))[1]?.status, { timeout: 20_000, interval: 100 }).toBe("gave_up");
    const paused = await db().webhook.findUniqueOrThrow({ where: { id: w.id } });
    expect(paused.pausedAt).not.toBeNull();
    expect(paused.pausedReason).toBe("2 deliveries in a row failed (last: HTTP 503)");

    await upload("notify-down", ["[It] third BR-GATEWAY-062"]); // paused: nothing more is sent
    await queueIdle();
    expect(receiver.of("/down")).toHaveLength(6);
    expect(await deliveries(w.id)).toHaveLength(2);
  });

  it("does not retry a 4xx answer", async () => {
    receiver.on("/gone", [{ status: 410 }]);
    const w = await hook("notify-gone", "/gone");
    await upload("notify-gone", ["[It] gone BR-GATEWAY-070"]);
    await expect.poll(async () => (await deliveries(w.id))[0]?.status, { timeout: 20_000, interval: 100 }).toBe("gave_up");
    expect(receiver.of("/gone")).toHaveLength(1);
  });

  it("retries a receiver that does not answer within 5 s, and a slow one never slows the ingest", async () => {
    receiver.on("/slow", [{ status: 200, delayMs: 6000 }, { status: 200, delayMs: 1500 }]);
    const w = await hook("notify-slow", "/slow");
    const { ms } = await upload("notify-slow", ["[It] slow BR-GATEWAY-080"]);
    const ingestDone = Date.now();
    expect(ms).toBeLessThan(1500); // the receiver alone takes 6 s, then 1.5 s
    await expect.poll(async () => (await deliveries(w.id))[0]?.status, { timeout: 30_000, interval: 200 }).toBe("succeeded");
    const got = receiver.of("/slow");
    expect(got).toHaveLength(2);
    expect(got[0].at).toBeGreaterThanOrEqual(ingestDone - 1000);
    const [d] = await deliveries(w.id);
    expect(d.attempts).toBe(2);
  }, 60_000);

  it("names the assignee when a lead assigns items, and a test message needs no event", async () => {
    const w = await hook("notify-assign", "/assign", ["item.assigned"]);
    await upload("notify-assign", ["[It] one BR-GATEWAY-090", "[It] two BR-GATEWAY-091"]);
    await queueIdle();
    expect(receiver.of("/assign")).toHaveLength(0); // new failures: not subscribed
    const dana = await db().user.create({ data: { email: "dana@notify.test", name: "Dana Dev", role: "triager" } });
    const items = await db().triageItem.findMany({ where: { project: { slug: "notify-assign" } }, select: { id: true } });
    await assignItems({ id: dana.id, email: "lead@notify.test", name: "Lena Lead", role: "lead" }, { itemIds: items.map((i) => i.id), assigneeId: dana.id });
    await queueIdle();
    const got = receiver.of("/assign");
    expect(got).toHaveLength(1);
    const body = JSON.parse(got[0].body);
    expect(body.title).toBe("notify-assign: 2 items assigned to Dana Dev");
    expect(body.summary).toBe("Lena Lead assigned 2 items to Dana Dev.");
    expect(body.data.assignee).toEqual({ name: "Dana Dev", email: "dana@notify.test" });

    const { project } = await ensureProject("notify-assign");
    await sendTestMessage(project.id, w.id);
    await queueIdle();
    expect(receiver.of("/assign")).toHaveLength(2);
    expect(JSON.parse(receiver.of("/assign")[1].body).event).toBe("test");
  });

  it("tells when a runner job failed to start", async () => {
    await hook("notify-runner", "/runner", ["runner.job_failed"]);
    const { project } = await ensureProject("notify-runner");
    const host = await db().runnerHost.create({ data: { name: "ci-box-1", host: "10.0.0.9", username: "ci", privateKeyEncrypted: "v1.x.y.z", hostKeyFingerprint: "SHA256:x" } });
    const template = await db().runTemplate.create({ data: { projectId: project.id, name: "gateway-e2e", command: "make e2e" } });
    const job = await db().provisioningJob.create({ data: { projectId: project.id, templateId: template.id, runnerHostId: host.id } });
    expect(await finalizeJob(job.id, { status: "failed", message: "ssh: connect ECONNREFUSED 10.0.0.9:22" }, { queued: true })).toBe(true);
    await queueIdle();
    const got = receiver.of("/runner");
    expect(got).toHaveLength(1);
    const body = JSON.parse(got[0].body);
    expect(body.title).toBe('notify-runner: runner job "gateway-e2e" on ci-box-1 failed');
    expect(body.summary).toBe("ssh: connect ECONNREFUSED 10.0.0.9:22");
  });
});
