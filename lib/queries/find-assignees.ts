// People a triage item of this project can be assigned to: those who may triage
// there (their own or a team's role, or admins; docs/decisions/0018-project-roles.md).
import { hasRole } from "@/lib/auth/roles";
import { findPeopleWithRoles } from "@/lib/queries/find-people-with-roles";

export async function findAssignees(projectId: string): Promise<{ id: string; name: string }[]> {
  return (await findPeopleWithRoles([projectId])).filter((p) => hasRole(p.role, "triager")).map(({ id, name }) => ({ id, name }));
}
