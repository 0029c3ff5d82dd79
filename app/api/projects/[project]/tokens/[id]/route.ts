// DELETE /api/projects/:project/tokens/:id - team leads revoke a CI token.
import { projectRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors";
import { revokeApiToken } from "@/lib/services/revoke-api-token";

export const dynamic = "force-dynamic";

export const DELETE = projectRoute<{ project: string; id: string }>("lead", async ({ params, project }) => {
  const t = await revokeApiToken(params.id, project.id);
  if (t.alreadyRevoked) throw new AppError("not_found", `No active token ${params.id} in ${project.slug}`);
  return Response.json({ id: t.id, revoked: true });
});
