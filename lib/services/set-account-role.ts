// Making someone an admin or a member again: the users page's route and
// `runboard user role` both call this. Project roles are set per project
// (lib/services/set-project-member.ts).
import { ACCOUNT_ROLES, type AccountRole, storedRoleOf } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/schemas/uuid";

/** `actorId`: who asks; nobody takes away their own admin role (there would be no one left to give it back). */
export async function setAccountRole(userId: string, role: string, actorId?: string): Promise<{ id: string; role: AccountRole }> {
  if (!(ACCOUNT_ROLES as readonly string[]).includes(role)) {
    throw new AppError("validation_failed", `Unknown role "${role}": use ${ACCOUNT_ROLES.join(" or ")} (viewer, triager and lead are set per project)`, [{ path: "role", message: `one of ${ACCOUNT_ROLES.join(", ")}` }]);
  }
  if (!isUuid(userId)) throw new AppError("not_found", `User ${userId} does not exist`);
  if (userId === actorId && role !== "admin") throw new AppError("conflict", "You cannot take away your own admin role");
  const n = await db().user.updateMany({ where: { id: userId }, data: { role: storedRoleOf(role as AccountRole) } });
  if (!n.count) throw new AppError("not_found", `User ${userId} does not exist`);
  return { id: userId, role: role as AccountRole };
}
