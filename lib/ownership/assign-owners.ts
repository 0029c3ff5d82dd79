// New triage items go to their owner: the first of the project's ownership
// rules that matches the spec (lib/ownership/match-rule.ts) and whose person
// can still triage in the project (decision 18) sets the assignee
// (a person) or the owning team, and the item's history names the rule.
// Called by the ingest (lib/triage/update-triage.ts) for the items it just
// created, in its transaction: one read of the rules, one update, one insert
// (its history line is stamped after the item's "created" line).
import type pg from "pg";
import { compileRule } from "@/lib/ownership/match-rule";
import type { RuleKind } from "@/lib/ownership/owners-file";

interface RuleRow {
  id: string;
  ordinal: number;
  kind: RuleKind;
  pattern: string;
  userId: string | null;
  teamId: string | null;
  ownerName: string;
}

export async function assignOwners(client: pg.PoolClient, run: { id: string; projectId: string }, itemIds: string[]): Promise<number> {
  if (!itemIds.length) return 0;
  // `ordinal` numbers every rule of the project (the history names "rule 2" as the settings page lists it), before
  // rules whose person can no longer triage here (left the project, or was lowered to viewer) are left out
  const { rows: rules } = await client.query<RuleRow>(
    `SELECT r.id, r.ordinal, r.kind, r.pattern, r."ownerUserId" AS "userId", r."ownerTeamId" AS "teamId",
            coalesce(u.name, tm.name || ' (team)') AS "ownerName"
       FROM (SELECT *, row_number() OVER (ORDER BY position, id)::int AS ordinal FROM ownership_rules WHERE "projectId" = $1) r
       LEFT JOIN users u ON u.id = r."ownerUserId" LEFT JOIN teams tm ON tm.id = r."ownerTeamId"
      WHERE r."ownerUserId" IS NULL OR u.role = 'admin' OR EXISTS (
              SELECT 1 FROM project_members pm
               WHERE pm."projectId" = r."projectId" AND pm.role IN ('triager', 'lead')
                 AND (pm."userId" = r."ownerUserId" OR pm."teamId" IN (SELECT m."teamId" FROM team_members m WHERE m."userId" = r."ownerUserId")))
      ORDER BY r.ordinal`,
    [run.projectId],
  );
  if (!rules.length) return 0;
  const [{ rows: specs }, { rows: runRows }] = await Promise.all([
    client.query(
      `SELECT t.id, tc.name, tc.classname, tc.file, tc."requirementIds" FROM triage_items t JOIN test_cases tc ON tc.id = t."testCaseId"
        WHERE t.id = ANY($1::uuid[]) AND t."assigneeId" IS NULL AND t."ownerTeamId" IS NULL ORDER BY t.id`,
      [itemIds],
    ),
    client.query(`SELECT labels FROM runs WHERE id = $1`, [run.id]),
  ]);
  const labels = Object.fromEntries(Object.entries((runRows[0]?.labels ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  const tests = rules.map(compileRule);
  const hit = { ids: [] as string[], users: [] as (string | null)[], teams: [] as (string | null)[], names: [] as string[], why: [] as string[] };
  for (const s of specs) {
    const i = tests.findIndex((t) => t({ ...s, labels }));
    if (i < 0) continue;
    const r = rules[i];
    hit.ids.push(s.id);
    hit.users.push(r.userId);
    hit.teams.push(r.teamId);
    hit.names.push(r.ownerName);
    hit.why.push(`Ownership rule ${r.ordinal}: ${r.kind}:${r.pattern}`);
  }
  if (!hit.ids.length) return 0;
  await client.query(
    `UPDATE triage_items t SET "assigneeId" = x.u, "ownerTeamId" = x.tm, "updatedAt" = now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS x(id, u, tm) WHERE t.id = x.id`,
    [hit.ids, hit.users, hit.teams],
  );
  await client.query(
    `INSERT INTO triage_events (id, "itemId", kind, "toValue", comment, "runId", "createdAt")
     SELECT gen_random_uuid(), x.id, 'assignee', x.owner, x.why, $4, clock_timestamp() FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, owner, why)`,
    [hit.ids, hit.names, hit.why, run.id],
  );
  return hit.ids.length;
}
