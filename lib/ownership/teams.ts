// Teams: a name and its members, nothing more. Ownership rules point to them;
// their members see the team's items under "My team" and "My work". Admins
// and leads manage them with `runboard team` (lib/cli/owners.ts).
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

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
