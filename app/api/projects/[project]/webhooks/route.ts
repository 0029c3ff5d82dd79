// POST /api/projects/:project/webhooks { name, url, format, events, secret? } - team leads add an outgoing webhook.
import { sessionRoute } from "@/lib/auth/session-route";
import { readJson } from "@/lib/http/read-body";
import { webhookInputSchema } from "@/lib/notifications/events";
import { createWebhook } from "@/lib/notifications/webhooks";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

export const dynamic = "force-dynamic";

export const POST = sessionRoute<{ project: string }>("lead", async ({ req, params }) => {
  const project = await getProjectBySlugOrThrow(params.project);
  const body = await readJson(req, webhookInputSchema);
  const w = await createWebhook(project.id, body);
  return Response.json({ id: w.id, name: w.name }, { status: 201 });
});
