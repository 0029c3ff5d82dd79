// POST /api/projects/:project/members { email | team, role } - the project's leads (and admins)
// give a person or a team a role in it, or change it (viewer, triager, lead).
import { projectRoute } from "@/lib/http/session-route";
import { readJson } from "@/lib/http/read-body";
import { projectMemberInputSchema, setProjectMember } from "@/lib/services/set-project-member";

export const dynamic = "force-dynamic";

export const POST = projectRoute<{ project: string }>("lead", async ({ req, project }) => {
  const body = await readJson(req, projectMemberInputSchema);
  return Response.json(await setProjectMember(project.id, body), { status: 201 });
});
