// "My work": open triage items assigned to me, and those my teams own, with
// how many days each has been open (since its first failure, or since it was
// last reopened) against its project's limit (maxOpenDays).
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";

export interface MyWorkRow {
  id: string;
  specName: string;
  projectSlug: string;
  projectName: string;
  status: string;
  requirementIds: string[];
  /** "me" or the owning team's name */
  via: string;
  openSince: Date;
  ageDays: number;
  maxOpenDays: number | null;
  overdue: boolean;
}

/** `scope`: the user's projects (null = all): an item of a project they left is not their work any more. */
export async function findMyWork(userId: string, scope: ProjectScope = null): Promise<{ mine: MyWorkRow[]; team: MyWorkRow[]; teams: string[] }> {
  const [{ rows }, { rows: teams }] = await Promise.all([
    pool().query(
      `SELECT t.id, tc.name AS "specName", p.slug AS "projectSlug", p.name AS "projectName", t.status::text AS status, tc."requirementIds",
              CASE WHEN t."assigneeId" = $1 THEN 'me' ELSE tm.name END AS via, o.since AS "openSince",
              floor(extract(epoch FROM now() - o.since) / 86400)::int AS "ageDays", p."maxOpenDays",
              (p."maxOpenDays" IS NOT NULL AND now() - o.since > make_interval(days => p."maxOpenDays")) AS overdue
         FROM triage_items t
         JOIN projects p ON p.id = t."projectId" JOIN test_cases tc ON tc.id = t."testCaseId"
         LEFT JOIN teams tm ON tm.id = t."ownerTeamId"
         CROSS JOIN LATERAL (SELECT greatest(t."firstSeenAt", (SELECT max(e."createdAt") FROM triage_events e WHERE e."itemId" = t.id AND e.kind = 'reopened')) AS since) o
        WHERE t.status IN ('new', 'investigating', 'fix_in_progress')
          AND ($2::uuid[] IS NULL OR t."projectId" = ANY($2))
          AND (t."assigneeId" = $1 OR (t."assigneeId" IS NULL AND t."ownerTeamId" IN (SELECT "teamId" FROM team_members WHERE "userId" = $1)))
        ORDER BY overdue DESC, o.since, t.id
        LIMIT 1000`,
      [userId, scope],
    ),
    pool().query(`SELECT tm.name FROM teams tm JOIN team_members m ON m."teamId" = tm.id WHERE m."userId" = $1 ORDER BY tm.name`, [userId]),
  ]);
  const all = rows as MyWorkRow[];
  return { mine: all.filter((r) => r.via === "me"), team: all.filter((r) => r.via !== "me"), teams: teams.map((t) => t.name) };
}
