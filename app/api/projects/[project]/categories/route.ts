// POST /api/projects/:project/categories { label } - team leads add a root-cause category.
import { projectRoute } from "@/lib/http/session-route";
import { readJson } from "@/lib/http/read-body";
import { addCategory } from "@/lib/triage/mutations";
import { categorySchema } from "@/lib/triage/schemas";

export const dynamic = "force-dynamic";

export const POST = projectRoute<{ project: string }>("lead", async ({ req, project }) => {
  const body = await readJson(req, categorySchema);
  const c = await addCategory(project.id, body);
  return Response.json({ id: c.id, key: c.key, label: c.label }, { status: 201 });
});
