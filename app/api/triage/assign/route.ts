// POST /api/triage/assign { itemIds, assigneeId|null } - team leads assign items (several at once).
import { sessionRoute } from "@/lib/http/session-route";
import { readJson } from "@/lib/http/read-body";
import { assignItems } from "@/lib/triage/mutations";
import { assignSchema } from "@/lib/triage/schemas";

export const dynamic = "force-dynamic";

export const POST = sessionRoute("lead", async ({ req, user }) => {
  const body = await readJson(req, assignSchema);
  return Response.json(await assignItems(user, body));
});
