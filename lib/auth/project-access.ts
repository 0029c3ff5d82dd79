// Who may do what in which project (docs/decisions/0018-project-roles.md).
// Admin is global; viewer, triager and lead are held per project, directly or
// through a team. A user's role in a project is the highest of those.
// Readers are scoped by a list of project ids that queries take as a filter
// (null: every project, for admins and under RUNBOARD_PUBLIC_READ).
// No React cache here: the worker and the CLI import this; lib/auth/session.ts
// caches per request.
import { type Role, ROLES, hasRole, isRole } from "@/lib/auth/roles";
import { db, pool } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Project ids a reader may see; null = all of them. */
export type ProjectScope = readonly string[] | null;

export interface Principal {
  id: string;
  role: Role;
}

const higher = (a: Role | undefined, b: Role): Role => (a && ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b);

/** Each project the user belongs to with their effective role there (own membership or a team's, the highest). */
// Read on every page (the reader's scope): plain SQL, no Prisma query compilation per request.
export async function findMemberships(userId: string): Promise<Map<string, Role>> {
  const { rows } = await pool().query<{ projectId: string; role: string }>(
    `SELECT "projectId", role::text AS role FROM project_members
      WHERE "userId" = $1 OR "teamId" IN (SELECT "teamId" FROM team_members WHERE "userId" = $1)`,
    [userId],
  );
  const out = new Map<string, Role>();
  for (const r of rows) if (isRole(r.role)) out.set(r.projectId, higher(out.get(r.projectId), r.role));
  return out;
}

/** The user's role in a project: admin everywhere for admins, else their membership's, else null (a stranger). */
export function roleIn(user: Principal | null, memberships: ReadonlyMap<string, Role>, projectId: string): Role | null {
  if (!user) return null;
  if (user.role === "admin") return "admin";
  return memberships.get(projectId) ?? null;
}

/** The projects this reader may see (null = all). Anonymous readers see all only under RUNBOARD_PUBLIC_READ. */
export function scopeOf(user: Principal | null, memberships: ReadonlyMap<string, Role>): ProjectScope {
  if (env().RUNBOARD_PUBLIC_READ || user?.role === "admin") return null;
  return user ? [...memberships.keys()] : [];
}

export function inScope(scope: ProjectScope, projectId: string): boolean {
  return scope === null || scope.includes(projectId);
}

/** A Prisma `where` fragment limiting rows to the scope's projects (nothing for null). */
export function projectFilter(scope: ProjectScope): { projectId?: { in: string[] } } {
  return scope === null ? {} : { projectId: { in: [...scope] } };
}

/**
 * Throws unless the user holds at least `min` in the project: 404 when they may
 * not even read it (a stranger learns nothing about it), 403 when they read it
 * with a lower role.
 */
export function assertProjectRole(user: Principal, memberships: ReadonlyMap<string, Role>, projectId: string, min: Role, what = "This project") {
  const role = roleIn(user, memberships, projectId);
  if (!role && !env().RUNBOARD_PUBLIC_READ) throw new AppError("not_found", `${what} does not exist`);
  if (!hasRole(role, min)) throw new AppError("forbidden", `This needs the ${min} role in this project; you are ${role ?? "not a member"}`);
  return role as Role;
}

/** The user's highest role in any project (admin for admins): what a page or route may offer at all. */
export function highestRole(user: Principal, memberships: ReadonlyMap<string, Role>): Role | null {
  if (user.role === "admin") return "admin";
  let best: Role | null = null;
  for (const r of memberships.values()) best = best ? higher(best, r) : r;
  return best;
}

/** Whether a user may triage in a project (used before assigning an item to them). */
export async function canTriage(userId: string, projectId: string): Promise<boolean> {
  const u = await db().user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!u) return false;
  if (u.role === "admin") return true;
  return hasRole((await findMemberships(userId)).get(projectId), "triager");
}
