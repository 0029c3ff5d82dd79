// A project's members for its settings page and `runboard member list`: people and teams with their role.
import { db } from "@/lib/db";

export interface ProjectMemberRow {
  id: string;
  role: string;
  kind: "user" | "team";
  /** email for a person, @slug for a team */
  handle: string;
  name: string;
}

export async function findProjectMembers(projectId: string): Promise<ProjectMemberRow[]> {
  const rows = await db().projectMember.findMany({
    where: { projectId },
    select: { id: true, role: true, user: { select: { email: true, name: true } }, team: { select: { slug: true, name: true } } },
  });
  return rows
    .map((r) => (r.user
      ? { id: r.id, role: r.role, kind: "user" as const, handle: r.user.email, name: r.user.name }
      : { id: r.id, role: r.role, kind: "team" as const, handle: `@${r.team!.slug}`, name: r.team!.name }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.handle.localeCompare(b.handle));
}
