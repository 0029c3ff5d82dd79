// The notification part of the worker process: its own graphile-worker runner
// on the same queue, so it neither waits for nor delays provisioning jobs.
// runboard_notify reads what happened and fans out deliveries;
// runboard_deliver makes one attempt (lib/notifications/deliver.ts).
import { type Runner, run } from "graphile-worker";
import { z } from "zod";
import { pool } from "@/lib/db";
import { collectAssigned, collectJobFailed, collectRunFinished } from "@/lib/notifications/collect";
import { DEFAULT_DELIVERY, type DeliveryOptions, attemptDelivery } from "@/lib/notifications/deliver";
import { DELIVER_TASK, NOTIFY_TASK, type NotifyPayload, notifyPayloadSchema } from "@/lib/notifications/enqueue";
import { fanOut } from "@/lib/notifications/fan-out";
import { quietLogger } from "@/lib/runner/queue";
import { triageUntriagedReports } from "@/lib/triage/triage-report";

const deliverSchema = z.object({ deliveryId: z.uuid() });

/** Turn one queued notification into deliveries; returns how many were queued. */
export async function runNotify(payload: NotifyPayload, jobId: string): Promise<number> {
  const p = notifyPayloadSchema.parse(payload);
  if (p.kind === "run.finished") {
    // the one-shot ingest queues this with its results; their triage commits just after: new failures are items first
    await triageUntriagedReports({ runId: p.runId });
    return fanOut(await collectRunFinished(p.runId));
  }
  if (p.kind === "item.assigned") return fanOut(await collectAssigned(p, jobId));
  return fanOut(await collectJobFailed(p.jobId));
}

export async function startNotificationWorker(opts: { concurrency?: number; pollInterval?: number; delivery?: Partial<DeliveryOptions> } = {}): Promise<Runner> {
  const delivery = { ...DEFAULT_DELIVERY, ...opts.delivery };
  return run({
    pgPool: pool(),
    concurrency: opts.concurrency ?? 4,
    noHandleSignals: true,
    pollInterval: opts.pollInterval ?? 1000,
    logger: quietLogger(),
    taskList: {
      // stored payloads may come from older code: parse again
      [NOTIFY_TASK]: async (payload, helpers) => void (await runNotify(notifyPayloadSchema.parse(payload), String(helpers.job.id))),
      [DELIVER_TASK]: async (payload) => void (await attemptDelivery(deliverSchema.parse(payload).deliveryId, delivery)),
    },
  });
}
