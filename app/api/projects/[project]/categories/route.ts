// POST /api/projects/:project/categories { label } - team leads add a root-cause category.
import { sessionRoute } from "@/lib/auth/session-route";
import { readJson } from "@/lib/http/read-body";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";
import { addCategory } from "@/lib/triage/mutations";
import { categorySchema } from "@/lib/triage/schemas";

export const dynamic = "force-dynamic";

export const POST = sessionRoute<{ project: string }>("lead", async ({ req, params }) => {
  const project = await getProjectBySlugOrThrow(params.project);
  const body = await readJson(req, categorySchema);
  const c = await addCategory(project.id, body);
  return Response.json({ id: c.id, key: c.key, label: c.label }, { status: 201 });
});
