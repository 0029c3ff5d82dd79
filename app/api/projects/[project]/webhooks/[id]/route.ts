// PATCH /api/projects/:project/webhooks/:id { paused } - pause or resume; DELETE - remove (team leads).
import { z } from "zod";
import { projectRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/read-body";
import { deleteWebhook, setWebhookPaused } from "@/lib/notifications/webhooks";
import { isUuid } from "@/lib/schemas/uuid";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

export const dynamic = "force-dynamic";

async function target(params: { project: string; id: string }) {
  const project = await getProjectBySlugOrThrow(params.project);
  if (!isUuid(params.id)) throw new AppError("not_found", `Webhook ${params.id} does not exist`);
  return project;
}

export const PATCH = projectRoute<{ project: string; id: string }>("lead", async ({ req, params, user }) => {
  const project = await target(params);
  const { paused } = await readJson(req, z.object({ paused: z.boolean() }));
  await setWebhookPaused(project.id, params.id, paused, user.name);
  return Response.json({ id: params.id, paused });
});

export const DELETE = projectRoute<{ project: string; id: string }>("lead", async ({ params }) => {
  const project = await target(params);
  await deleteWebhook(project.id, params.id);
  return Response.json({ id: params.id, deleted: true });
});
