// A project's ordered ownership rules: the OWNERS import replaces them all,
// leads add, remove and reorder single rules in the UI. Owners are resolved
// to people (by e-mail) and teams (by slug); an unknown one refuses the whole
// change, naming the rule, so nothing partial is stored.
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findPeopleWithRoles } from "@/lib/queries/find-people-with-roles";
import { type OwnerRuleText, type RuleKind, ownerToken } from "@/lib/ownership/owners-file";

export interface RuleView extends OwnerRuleText {
  id: string;
  position: number;
  ownerName: string;
}

export async function listRules(projectId: string): Promise<RuleView[]> {
  const rows = await db().ownershipRule.findMany({
    where: { projectId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, position: true, kind: true, pattern: true, ownerUser: { select: { email: true, name: true } }, ownerTeam: { select: { slug: true, name: true } } },
  });
  return rows.map((r) => ({
    id: r.id, position: r.position, kind: r.kind as RuleKind, pattern: r.pattern,
    owner: r.ownerTeam ? { type: "team", slug: r.ownerTeam.slug } : { type: "user", email: r.ownerUser!.email },
    ownerName: r.ownerTeam ? `${r.ownerTeam.name} (team)` : r.ownerUser!.name,
  }));
}

/** Owners by email or @team; a person must be able to triage in the project (items are assigned to them). */
async function resolveOwners(projectId: string, rules: OwnerRuleText[], pathOf: (i: number) => string) {
  const emails = [...new Set(rules.flatMap((r) => (r.owner.type === "user" ? [r.owner.email] : [])))];
  const slugs = [...new Set(rules.flatMap((r) => (r.owner.type === "team" ? [r.owner.slug] : [])))];
  const [users, teams, roles] = await Promise.all([
    db().user.findMany({ where: { email: { in: emails, mode: "insensitive" } }, select: { id: true, email: true } }),
    db().team.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } }),
    emails.length ? findPeopleWithRoles([projectId]) : [],
  ]);
  const triagers = new Set(roles.filter((p) => hasRole(p.role, "triager")).map((p) => p.id));
  const userId = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const teamId = new Map(teams.map((t) => [t.slug, t.id]));
  const details: { path: string; message: string }[] = [];
  const resolved = rules.map((r, i) => {
    const id = r.owner.type === "user" ? userId.get(r.owner.email) : teamId.get(r.owner.slug);
    if (!id) details.push({ path: pathOf(i), message: `unknown ${r.owner.type === "user" ? "user" : "team"} ${ownerToken(r.owner)}` });
    else if (r.owner.type === "user" && !triagers.has(id)) details.push({ path: pathOf(i), message: `${ownerToken(r.owner)} cannot triage in this project` });
    return { kind: r.kind, pattern: r.pattern, ownerUserId: r.owner.type === "user" ? (id ?? null) : null, ownerTeamId: r.owner.type === "team" ? (id ?? null) : null };
  });
  if (details.length) throw new AppError("validation_failed", "Unknown owners, or people who cannot triage in this project", details);
  return resolved;
}

/** Replace all rules (the OWNERS import). pathOf names a rule in errors, e.g. its line. */
export async function replaceRules(projectId: string, rules: OwnerRuleText[], pathOf: (i: number) => string = (i) => `rules.${i}`) {
  const resolved = await resolveOwners(projectId, rules, pathOf);
  await db().$transaction([
    db().ownershipRule.deleteMany({ where: { projectId } }),
    db().ownershipRule.createMany({ data: resolved.map((r, position) => ({ ...r, projectId, position })) }),
  ]);
  return resolved.length;
}

export async function addRule(projectId: string, rule: OwnerRuleText) {
  const [r] = await resolveOwners(projectId, [rule], () => "owner");
  const max = await db().ownershipRule.aggregate({ where: { projectId }, _max: { position: true } });
  return db().ownershipRule.create({ data: { ...r, projectId, position: (max._max.position ?? -1) + 1 }, select: { id: true } });
}

async function renumber(projectId: string, ids: string[]) {
  await db().$transaction(ids.map((id, position) => db().ownershipRule.update({ where: { id, projectId }, data: { position } })));
}

export async function deleteRule(projectId: string, ruleId: string) {
  const n = await db().ownershipRule.deleteMany({ where: { id: ruleId, projectId } });
  if (!n.count) throw new AppError("not_found", `Rule ${ruleId} does not exist in this project`);
  await renumber(projectId, (await listRules(projectId)).map((r) => r.id));
}

/** Move a rule one place up or down (the first match wins, so order matters). */
export async function moveRule(projectId: string, ruleId: string, direction: "up" | "down") {
  const ids = (await listRules(projectId)).map((r) => r.id);
  const i = ids.indexOf(ruleId);
  if (i < 0) throw new AppError("not_found", `Rule ${ruleId} does not exist in this project`);
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= ids.length) return;
  [ids[i], ids[j]] = [ids[j], ids[i]];
  await renumber(projectId, ids);
}
