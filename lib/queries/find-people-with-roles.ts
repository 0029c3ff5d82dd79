// People with their highest role in some projects (own or through a team; admin
// for admins), for assignee menus: who may be assigned is who can triage there.
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";

/** Users who hold a role in one of the projects (all projects: null), admins included; ordered by name. */
export async function findPeopleWithRoles(projects: ProjectScope): Promise<{ id: string; name: string; role: string }[]> {
  // "Role" is an enum declared viewer < triager < lead < admin, so max() is the highest role
  const { rows } = await pool().query<{ id: string; name: string; role: string }>(
    `SELECT u.id, u.name, CASE WHEN u.role = 'admin' THEN 'admin' ELSE max(pm.role)::text END AS role
       FROM users u
       LEFT JOIN project_members pm
         ON (pm."userId" = u.id OR pm."teamId" IN (SELECT "teamId" FROM team_members WHERE "userId" = u.id))
        AND ($1::uuid[] IS NULL OR pm."projectId" = ANY($1))
      GROUP BY u.id
     HAVING u.role = 'admin' OR count(pm.id) > 0
      ORDER BY u.name`,
    [projects],
  );
  return rows;
}
