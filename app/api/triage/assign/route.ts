// POST /api/triage/assign { itemIds, assigneeId|null } - team leads assign items (several at once)
// of their projects, to people who can triage there.
import { canTriage } from "@/lib/auth/project-access";
import { requireProjectRole } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/read-body";
import { sessionRoute } from "@/lib/http/session-route";
import { projectIdsOfItems } from "@/lib/queries/project-of";
import { assignItems } from "@/lib/triage/mutations";
import { assignSchema } from "@/lib/triage/schemas";

export const dynamic = "force-dynamic";

export const POST = sessionRoute("lead", async ({ req, user }) => {
  const body = await readJson(req, assignSchema);
  for (const projectId of await projectIdsOfItems(body.itemIds)) {
    await requireProjectRole(user, projectId, "lead", "This triage item");
    if (body.assigneeId && !(await canTriage(body.assigneeId, projectId))) {
      throw new AppError("validation_failed", "The assignee cannot triage in this project", [{ path: "assigneeId", message: "not a triager of the item's project" }]);
    }
  }
  return Response.json(await assignItems(user, body));
});
