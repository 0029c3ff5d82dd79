// Teams: a name and its members. Ownership rules point to them; their members
// see the team's items under "My team" and "My work", and hold the roles the
// team holds in projects (docs/decisions/0018-project-roles.md). Admins and
// leads manage them on /teams; admins also with `runboard team` (lib/cli/owners.ts).
import { z } from "zod";
import { type Principal, findMemberships } from "@/lib/auth/project-access";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const teamInputSchema = z.object({
  slug: z.string().trim().transform((s) => s.replace(/^@/, "").toLowerCase()).pipe(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "letters, digits, - or _")),
  name: z.string().trim().min(1).max(100),
});

/**
 * Whether a non-admin may change this team's members: only when they lead
 * every project the team holds a role in, else a lead of one project could
 * join a team that leads another and so gain it. 404 for an unknown team.
 */
export async function assertCanManageTeam(actor: Principal, slug: string): Promise<void> {
  const team = await db().team.findUnique({ where: { slug }, select: { projectRoles: { select: { projectId: true } } } });
  if (!team) throw new AppError("not_found", `No team @${slug}`);
  if (actor.role === "admin") return;
  const mine = await findMemberships(actor.id);
  if (team.projectRoles.some((r) => mine.get(r.projectId) !== "lead")) {
    throw new AppError("forbidden", `@${slug} holds a role in a project you do not lead: its leads or an admin change its members`);
  }
}

export async function createTeam(slug: string, name: string) {
  try {
    return await db().team.create({ data: { slug, name }, select: { id: true, slug: true } });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("conflict", `Team @${slug} exists already`);
    throw e;
  }
}

async function teamAndUser(slug: string, email: string) {
  const [team, user] = await Promise.all([
    db().team.findUnique({ where: { slug }, select: { id: true } }),
    db().user.findFirst({ where: { email: { equals: email, mode: "insensitive" } }, select: { id: true } }),
  ]);
  if (!team) throw new AppError("not_found", `No team @${slug}`);
  if (!user) throw new AppError("not_found", `No user ${email}`);
  return { teamId: team.id, userId: user.id };
}

export async function addTeamMember(slug: string, email: string) {
  const k = await teamAndUser(slug, email);
  await db().teamMember.upsert({ where: { teamId_userId: k }, create: k, update: {} });
}

export async function removeTeamMember(slug: string, email: string) {
  const k = await teamAndUser(slug, email);
  await db().teamMember.deleteMany({ where: k });
}

export async function listTeams() {
  return db().team.findMany({
    orderBy: { slug: "asc" },
    select: { slug: true, name: true, members: { select: { user: { select: { email: true, name: true } } } } },
  });
}
