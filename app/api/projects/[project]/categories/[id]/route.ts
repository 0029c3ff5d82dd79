// PATCH /api/projects/:project/categories/:id { label } - team leads rename a category.
import { projectRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/read-body";
import { isUuid } from "@/lib/schemas/uuid";
import { renameCategory } from "@/lib/triage/mutations";
import { categorySchema } from "@/lib/triage/schemas";

export const dynamic = "force-dynamic";

export const PATCH = projectRoute<{ project: string; id: string }>("lead", async ({ req, params, project }) => {
  if (!isUuid(params.id)) throw new AppError("not_found", `Category ${params.id} does not exist`);
  await renameCategory(project.id, params.id, await readJson(req, categorySchema));
  return Response.json({ id: params.id });
});
