// POST /api/projects/:project/webhooks { name, url, format, events, secret? } - team leads add an outgoing webhook.
import { projectRoute } from "@/lib/http/session-route";
import { readJson } from "@/lib/http/read-body";
import { webhookInputSchema } from "@/lib/notifications/events";
import { createWebhook } from "@/lib/notifications/webhooks";

export const dynamic = "force-dynamic";

export const POST = projectRoute<{ project: string }>("lead", async ({ req, project }) => {
  const body = await readJson(req, webhookInputSchema);
  const w = await createWebhook(project.id, body);
  return Response.json({ id: w.id, name: w.name }, { status: 201 });
});
