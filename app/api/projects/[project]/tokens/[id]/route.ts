// DELETE /api/projects/:project/tokens/:id - team leads revoke a CI token.
import { sessionRoute } from "@/lib/auth/session-route";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/schemas/uuid";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

export const dynamic = "force-dynamic";

export const DELETE = sessionRoute<{ project: string; id: string }>("lead", async ({ params }) => {
  const project = await getProjectBySlugOrThrow(params.project);
  if (!isUuid(params.id)) throw new AppError("not_found", `Token ${params.id} does not exist`);
  const n = await db().apiToken.updateMany({ where: { id: params.id, projectId: project.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (!n.count) throw new AppError("not_found", `No active token ${params.id} in ${project.slug}`);
  return Response.json({ id: params.id, revoked: true });
});
