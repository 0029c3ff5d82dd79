// PATCH /api/triage/items/:id { status?, categoryId?, ticketUrl?, comment? } - triagers and up of the item's project.
import { sessionRoute } from "@/lib/http/session-route";
import { requireProjectRole } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/read-body";
import { projectIdOf } from "@/lib/queries/project-of";
import { isUuid } from "@/lib/schemas/uuid";
import { changeItem } from "@/lib/triage/mutations";
import { itemChangeSchema } from "@/lib/triage/schemas";

export const dynamic = "force-dynamic";

export const PATCH = sessionRoute<{ id: string }>("triager", async ({ req, params, user }) => {
  if (!isUuid(params.id)) throw new AppError("not_found", `Triage item ${params.id} does not exist`);
  await requireProjectRole(user, await projectIdOf("item", params.id), "triager", `Triage item ${params.id}`);
  const body = await readJson(req, itemChangeSchema);
  return Response.json(await changeItem(user, params.id, body));
});
