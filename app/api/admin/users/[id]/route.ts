// PATCH /api/admin/users/:id { role: "admin" | "member" } - admins make someone an admin or a member.
import { z } from "zod";
import { readJson } from "@/lib/http/read-body";
import { sessionRoute } from "@/lib/http/session-route";
import { setAccountRole } from "@/lib/services/set-account-role";

export const dynamic = "force-dynamic";

export const PATCH = sessionRoute<{ id: string }>("admin", async ({ req, params, user }) => {
  const { role } = await readJson(req, z.object({ role: z.string().max(20) }));
  return Response.json(await setAccountRole(params.id, role, user.id));
});
