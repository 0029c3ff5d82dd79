// POST /api/projects/:project/webhooks/:id/test - team leads queue a test message (it shows in the delivery log).
import { projectRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors";
import { sendTestMessage } from "@/lib/notifications/webhooks";
import { isUuid } from "@/lib/schemas/uuid";

export const dynamic = "force-dynamic";

export const POST = projectRoute<{ project: string; id: string }>("lead", async ({ params, project }) => {
  if (!isUuid(params.id)) throw new AppError("not_found", `Webhook ${params.id} does not exist`);
  await sendTestMessage(project.id, params.id);
  return Response.json({ id: params.id, queued: true }, { status: 202 });
});
