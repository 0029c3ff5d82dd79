// POST /api/triage/bulk { itemIds, status?, categoryKey? } - team leads change several items' status or category at once.
import { sessionRoute } from "@/lib/auth/session-route";
import { readJson } from "@/lib/http/read-body";
import { changeItems } from "@/lib/triage/mutations";
import { bulkChangeSchema } from "@/lib/triage/schemas";

export const dynamic = "force-dynamic";

export const POST = sessionRoute("lead", async ({ req, user }) => {
  const body = await readJson(req, bulkChangeSchema);
  return Response.json(await changeItems(user, body));
});
