// Leads' changes to a project's webhooks, and the settings page's read of
// them with their delivery logs. The secret is encrypted at rest
// (lib/runner/secret-box.ts) and never read back out: the page only learns
// whether one is set.
import { randomUUID } from "node:crypto";
import { db, pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { EVENT_LABEL, type WebhookFormat, type WebhookInput } from "@/lib/notifications/events";
import { baseUrl } from "@/lib/notifications/collect";
import { queueDelivery } from "@/lib/notifications/fan-out";
import { renderBody } from "@/lib/notifications/render";
import { ensureQueueSchema } from "@/lib/runner/queue";
import { encryptSecret } from "@/lib/runner/secret-box";

export const DELIVERY_LOG_LIMIT = 20;

export async function createWebhook(projectId: string, input: WebhookInput) {
  const secretEncrypted = input.secret ? encryptSecret(input.secret) : null;
  await ensureQueueSchema(); // deliveries are queued from now on
  const w = await db().webhook.create({
    data: { projectId, name: input.name, url: input.url, format: input.format, events: input.events, secretEncrypted },
    select: { id: true, name: true },
  });
  return w;
}

async function ofProject(projectId: string, webhookId: string) {
  const w = await db().webhook.findFirst({ where: { id: webhookId, projectId }, select: { id: true, name: true, format: true } });
  if (!w) throw new AppError("not_found", `Webhook ${webhookId} does not exist in this project`);
  return w;
}

export async function deleteWebhook(projectId: string, webhookId: string) {
  await ofProject(projectId, webhookId);
  await db().webhook.delete({ where: { id: webhookId } });
}

/** Pause by hand, or resume (which also forgets the failures that paused it). */
export async function setWebhookPaused(projectId: string, webhookId: string, paused: boolean, byName: string) {
  await ofProject(projectId, webhookId);
  await db().webhook.update({
    where: { id: webhookId },
    data: paused ? { pausedAt: new Date(), pausedReason: `paused by ${byName}` } : { pausedAt: null, pausedReason: null, consecutiveFailures: 0 },
  });
}

/** Queue a test message to this webhook (also when it is paused: that is how one checks a fix). */
export async function sendTestMessage(projectId: string, webhookId: string) {
  const w = await ofProject(projectId, webhookId);
  const p = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { slug: true, name: true } });
  await ensureQueueSchema();
  const body = renderBody(w.format as WebhookFormat, {
    event: "test", project: p, title: `${p.name}: test message from Runboard`,
    summary: `Webhook "${w.name}" is set up; this is what ${EVENT_LABEL.test.toLowerCase()}s look like.`,
    url: `${baseUrl()}/projects/${encodeURIComponent(p.slug)}/settings`,
  });
  const id = randomUUID();
  await queueDelivery(webhookId, "test", `test:${id}`, body);
}

export interface WebhookView {
  id: string;
  name: string;
  url: string;
  format: string;
  events: string[];
  hasSecret: boolean;
  pausedAt: Date | null;
  pausedReason: string | null;
  consecutiveFailures: number;
  deliveries: { id: string; event: string; status: string; statusCode: number | null; attempts: number; responseSnippet: string | null; createdAt: Date; lastAttemptAt: Date | null; nextAttemptAt: Date | null }[];
}

export async function listWebhooks(projectId: string): Promise<WebhookView[]> {
  const { rows } = await pool().query(
    `SELECT w.id, w.name, w.url, w.format, w.events, (w."secretEncrypted" IS NOT NULL) AS "hasSecret", w."pausedAt", w."pausedReason", w."consecutiveFailures",
            coalesce((SELECT json_agg(d ORDER BY d."createdAt" DESC) FROM (
               SELECT id, event, status, "statusCode", attempts, "responseSnippet", "createdAt", "lastAttemptAt", "nextAttemptAt"
                 FROM webhook_deliveries WHERE "webhookId" = w.id ORDER BY "createdAt" DESC LIMIT ${DELIVERY_LOG_LIMIT}) d), '[]') AS deliveries
       FROM webhooks w WHERE w."projectId" = $1 ORDER BY w."createdAt"`,
    [projectId],
  );
  return rows.map((r) => ({
    ...r,
    deliveries: (r.deliveries as Record<string, unknown>[]).map((d) => ({
      ...d, createdAt: new Date(d.createdAt as string), lastAttemptAt: d.lastAttemptAt ? new Date(d.lastAttemptAt as string) : null,
      nextAttemptAt: d.nextAttemptAt ? new Date(d.nextAttemptAt as string) : null,
    })),
  })) as WebhookView[];
}
