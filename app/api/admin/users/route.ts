// POST /api/admin/users { email, name, role, password? } - admins create users.
// A generated password is in the answer once and never again.
import { sessionRoute } from "@/lib/http/session-route";
import { createUser, newUserSchema } from "@/lib/auth/users";
import { readJson } from "@/lib/http/read-body";

export const dynamic = "force-dynamic";

export const POST = sessionRoute("admin", async ({ req }) => {
  const body = await readJson(req, newUserSchema);
  const u = await createUser(body);
  return Response.json(u, { status: 201, headers: { "cache-control": "no-store" } });
});
