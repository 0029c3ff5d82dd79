// POST /api/projects { slug, name? } - admins, and leads of an existing project (who then lead the new one), create a project.
import { readJson } from "@/lib/http/read-body";
import { sessionRoute } from "@/lib/http/session-route";
import { createProject, newProjectSchema } from "@/lib/services/create-project";

export const dynamic = "force-dynamic";

export const POST = sessionRoute("lead", async ({ req, user }) => {
  const body = await readJson(req, newProjectSchema);
  return Response.json(await createProject(body, user), { status: 201 });
});
