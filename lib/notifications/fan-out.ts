// A notification becomes one delivery per active webhook that wants its event,
// rendered in the webhook's format and queued for the worker. The unique
// (webhook, dedupKey) keeps it to one message however often the job runs.
import { pool } from "@/lib/db";
import type { Outgoing } from "@/lib/notifications/collect";
import { DELIVER_TASK } from "@/lib/notifications/enqueue";
import type { WebhookFormat } from "@/lib/notifications/events";
import { renderBody } from "@/lib/notifications/render";

export async function fanOut(outgoing: Outgoing[]): Promise<number> {
  let queued = 0;
  for (const o of outgoing) {
    const { rows: hooks } = await pool().query(
      `SELECT id, format FROM webhooks WHERE "projectId" = $1 AND "pausedAt" IS NULL AND $2 = ANY(events) ORDER BY id`,
      [o.projectId, o.event],
    );
    for (const h of hooks) queued += await queueDelivery(h.id, o.event, o.dedupKey, renderBody(h.format as WebhookFormat, o.message));
  }
  return queued;
}

/** Store the delivery and queue its first attempt (in one transaction); 0 when this key was delivered already. */
export async function queueDelivery(webhookId: string, event: string, dedupKey: string, body: string): Promise<number> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query(
      `INSERT INTO webhook_deliveries (id, "webhookId", event, "dedupKey", body) VALUES (gen_random_uuid(), $1, $2, $3, $4)
       ON CONFLICT ("webhookId", "dedupKey") DO NOTHING RETURNING id`,
      [webhookId, event, dedupKey, body],
    );
    if (rows[0]) {
      await client.query(`SELECT graphile_worker.add_job($1, json_build_object('deliveryId', $2::text), max_attempts := 3)`, [DELIVER_TASK, rows[0].id]);
    }
    await client.query("COMMIT");
    return rows.length;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
