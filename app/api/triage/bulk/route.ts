// POST /api/triage/bulk { itemIds, status?, categoryKey? } - team leads change several items' status or
// category at once, all or nothing, in the projects they lead.
import { requireProjectRole } from "@/lib/auth/session";
import { readJson } from "@/lib/http/read-body";
import { sessionRoute } from "@/lib/http/session-route";
import { projectIdsOfItems } from "@/lib/queries/project-of";
import { changeItems } from "@/lib/triage/mutations";
import { bulkChangeSchema } from "@/lib/triage/schemas";

export const dynamic = "force-dynamic";

export const POST = sessionRoute("lead", async ({ req, user }) => {
  const body = await readJson(req, bulkChangeSchema);
  for (const projectId of await projectIdsOfItems(body.itemIds)) await requireProjectRole(user, projectId, "lead", "This triage item");
  return Response.json(await changeItems(user, body));
});
