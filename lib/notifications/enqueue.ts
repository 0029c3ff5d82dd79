// The one way to ask for a notification: a job on the Postgres queue
// (graphile-worker), added in the caller's transaction when one is given, so
// it exists exactly when the change that caused it commits. Delivery happens
// later in the worker (lib/notifications/worker.ts), never in the caller's
// request. Without a webhook that could want it, nothing is queued at all.
import type pg from "pg";
import { z } from "zod";
import { pool } from "@/lib/db";
import { log } from "@/lib/log";
import { ensureQueueSchema } from "@/lib/runner/queue";

export const NOTIFY_TASK = "runboard_notify";
export const DELIVER_TASK = "runboard_deliver";

/** What happened; the worker reads the rest from the database when it runs. */
export const notifyPayloadSchema = z.discriminatedUnion("kind", [
  /** a run finished: new failures, regressions, setup regression, timing target */
  z.object({ kind: z.literal("run.finished"), runId: z.uuid() }),
  z.object({ kind: z.literal("item.assigned"), itemIds: z.array(z.uuid()).min(1), assigneeId: z.uuid(), actorName: z.string().nullable() }),
  z.object({ kind: z.literal("runner.job_failed"), jobId: z.uuid() }),
]);
export type NotifyPayload = z.infer<typeof notifyPayloadSchema>;

type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient;

const EVENTS_OF: Record<NotifyPayload["kind"], string[]> = {
  "run.finished": ["run.new_failures", "item.reopened", "run.setup_regression", "timing.target_missed"],
  "item.assigned": ["item.assigned"],
  "runner.job_failed": ["runner.job_failed"],
};

function projectsOf(p: NotifyPayload): { sql: string; args: unknown[] } {
  if (p.kind === "run.finished") return { sql: `SELECT "projectId" FROM runs WHERE id = $2`, args: [p.runId] };
  if (p.kind === "runner.job_failed") return { sql: `SELECT "projectId" FROM provisioning_jobs WHERE id = $2`, args: [p.jobId] };
  return { sql: `SELECT "projectId" FROM triage_items WHERE id = ANY($2::uuid[])`, args: [p.itemIds] };
}

/** Queue a notification; true when queued (some active webhook of the project wants one of its events). */
export async function enqueueNotification(payload: NotifyPayload, client: Queryable = pool()): Promise<boolean> {
  const p = notifyPayloadSchema.parse(payload);
  const scope = projectsOf(p);
  const { rowCount } = await client.query(
    `SELECT 1 FROM webhooks WHERE "pausedAt" IS NULL AND events && $1::text[] AND "projectId" IN (${scope.sql}) LIMIT 1`,
    [EVENTS_OF[p.kind], ...scope.args],
  );
  if (!rowCount) return false;
  await ensureQueueSchema();
  // one pending job per run: finishing a run twice before the worker gets to it queues one job
  const key = p.kind === "run.finished" ? `notify:run:${p.runId}` : null;
  await client.query(`SELECT graphile_worker.add_job($1, $2::json, job_key := $3, max_attempts := 3)`, [NOTIFY_TASK, JSON.stringify(p), key]);
  return true;
}

/** For callers outside a transaction whose own work must not fail with the notification. */
export function enqueueNotificationQuietly(payload: NotifyPayload): Promise<void> {
  return enqueueNotification(payload).then(
    () => undefined,
    (e) => log().warn({ err: { message: String(e?.message ?? e) }, kind: payload.kind }, "queueing a notification failed"),
  );
}
