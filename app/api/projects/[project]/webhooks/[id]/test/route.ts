// POST /api/projects/:project/webhooks/:id/test - team leads queue a test message (it shows in the delivery log).
import { sessionRoute } from "@/lib/auth/session-route";
import { AppError } from "@/lib/errors";
import { sendTestMessage } from "@/lib/notifications/webhooks";
import { isUuid } from "@/lib/schemas/uuid";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

export const dynamic = "force-dynamic";

export const POST = sessionRoute<{ project: string; id: string }>("lead", async ({ params }) => {
  const project = await getProjectBySlugOrThrow(params.project);
  if (!isUuid(params.id)) throw new AppError("not_found", `Webhook ${params.id} does not exist`);
  await sendTestMessage(project.id, params.id);
  return Response.json({ id: params.id, queued: true }, { status: 202 });
});
