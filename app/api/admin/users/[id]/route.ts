// PATCH /api/admin/users/:id { role } - admins change a user's role.
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { sessionRoute } from "@/lib/auth/session-route";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/read-body";
import { isUuid } from "@/lib/schemas/uuid";

export const dynamic = "force-dynamic";

export const PATCH = sessionRoute<{ id: string }>("admin", async ({ req, params, user }) => {
  if (!isUuid(params.id)) throw new AppError("not_found", `User ${params.id} does not exist`);
  const { role } = await readJson(req, z.object({ role: z.enum(ROLES) }));
  if (params.id === user.id && role !== "admin") throw new AppError("conflict", "You cannot take away your own admin role");
  const n = await db().user.updateMany({ where: { id: params.id }, data: { role } });
  if (!n.count) throw new AppError("not_found", `User ${params.id} does not exist`);
  return Response.json({ id: params.id, role });
});
