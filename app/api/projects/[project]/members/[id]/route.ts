// DELETE /api/projects/:project/members/:id - the project's leads (and admins) take a person or team out.
import { projectRoute } from "@/lib/http/session-route";
import { removeProjectMember } from "@/lib/services/remove-project-member";

export const dynamic = "force-dynamic";

export const DELETE = projectRoute<{ project: string; id: string }>("lead", async ({ params, project }) => {
  await removeProjectMember(project.id, params.id);
  return Response.json({ id: params.id, removed: true });
});
