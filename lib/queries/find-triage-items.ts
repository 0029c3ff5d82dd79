// The triage list with its filters (project, requirement ID, category key,
// status, assignee), plus the counts the triage page charts and the
// suggestion's accuracy against what people confirmed.
import { z } from "zod";
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";
import { openTriageSql } from "@/lib/queries/count-definitions";
import { findPeopleWithRoles } from "@/lib/queries/find-people-with-roles";
import { oneParam } from "@/lib/schemas/search-params";
import { TRIAGE_STATUSES } from "@/lib/triage/schemas";

const one = oneParam(z.string().trim().max(200).optional().catch(undefined));

export const triageFilterSchema = z.object({
  project: one,
  req: one,
  category: one,
  status: oneParam(z.enum([...TRIAGE_STATUSES, "open", "all"]).optional().catch(undefined)),
  assignee: one,
  /** a team's slug: the items it owns */
  team: one,
  view: oneParam(z.enum(["table", "board"]).optional().catch(undefined)),
  /** how many rows the table shows ("show more" raises it in steps of TRIAGE_STEP) */
  shown: oneParam(z.coerce.number().int().positive().optional().catch(undefined)),
});
export type TriageFilter = z.infer<typeof triageFilterSchema>;

export interface TriageRow {
  id: string;
  status: string;
  projectSlug: string;
  testCaseId: string;
  specName: string;
  classname: string;
  requirementIds: string[];
  testIds: string[];
  categoryKey: string | null;
  categoryLabel: string | null;
  suggestedKey: string | null;
  suggestedLabel: string | null;
  suggestionReason: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** the owning team (ownership rules), when no person is assigned */
  ownerTeamName: string | null;
  signature: string | null;
  ticketUrl: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  failureCount: number;
  consecutivePasses: number;
}

export const TRIAGE_LIMIT = 2000;
/** the table's first rows and its "show more" step: every row is rendered and sent to the browser's table */
export const TRIAGE_STEP = 100;

/** The table's row count for a `shown` parameter: a multiple of the step, at most the limit. */
export function triageShown(raw: number | undefined): number {
  return raw ? Math.min(Math.ceil(raw / TRIAGE_STEP) * TRIAGE_STEP, TRIAGE_LIMIT) : TRIAGE_STEP;
}

// Every condition is on the item row itself (lookups by slug or key are sub-selects), so
// the queries below join only what they show: PostgreSQL's search for a join order over
// the eight tables of a page cost ~7 ms of planning per query, twice the run time (issue 17).
function where(f: TriageFilter, scope: ProjectScope) {
  const conds: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    conds.push(sql.replace("$?", `$${args.length}`));
  };
  if (scope) add(`t."projectId" = ANY($?::uuid[])`, scope);
  if (f.project) add(`t."projectId" = (SELECT id FROM projects WHERE slug = $?)`, f.project);
  if (f.req) add(`t."testCaseId" IN (SELECT id FROM test_cases WHERE "requirementIds" @> ARRAY[$?]::text[])`, f.req.toUpperCase());
  if (f.category === "none") conds.push(`t."categoryId" IS NULL`);
  else if (f.category) add(`t."categoryId" IN (SELECT id FROM triage_categories WHERE key = $?)`, f.category);
  if (f.status === "open" || !f.status) conds.push(openTriageSql("t"));
  else if (f.status !== "all") add(`t.status = $?::"TriageStatus"`, f.status);
  // unowned: neither a person nor a team (ownership rules set one or the other)
  if (f.assignee === "none") conds.push(`t."assigneeId" IS NULL AND t."ownerTeamId" IS NULL`);
  else if (f.assignee && z.uuid().safeParse(f.assignee).success) add(`t."assigneeId" = $?::uuid`, f.assignee);
  if (f.team) add(`t."ownerTeamId" = (SELECT id FROM teams WHERE slug = $?)`, f.team.replace(/^@/, "").toLowerCase());
  return { sql: conds.length ? `WHERE ${conds.join(" AND ")}` : "", args };
}

/** `scope`: the reader's projects (null = all); at most `limit` rows (`truncated` when there are more). */
export async function findTriageItems(f: TriageFilter, scope: ProjectScope = null, limit = TRIAGE_LIMIT): Promise<{ rows: TriageRow[]; truncated: boolean }> {
  const w = where(f, scope);
  const n = Math.min(Math.max(1, Math.floor(limit)), TRIAGE_LIMIT);
  // the page's items first (ordered and cut), then their labels: joined for those rows only
  const { rows } = await pool().query(
    `SELECT t.id, t.status, t."projectSlug", t."testCaseId", t."specName", t.classname, t."requirementIds", t."testIds",
            c.key AS "categoryKey", c.label AS "categoryLabel", sc.key AS "suggestedKey", sc.label AS "suggestedLabel",
            t."suggestionReason", t."assigneeId", u.name AS "assigneeName", tm.name AS "ownerTeamName", fs.text AS signature,
            t."ticketUrl", t."firstSeenAt", t."lastSeenAt", t."failureCount", t."consecutivePasses"
       FROM (SELECT t.id, t.status::text AS status, p.slug AS "projectSlug", tc.id AS "testCaseId", tc.name AS "specName", tc.classname,
                    tc."requirementIds", tc."testIds", t."categoryId", t."suggestedCategoryId", t."suggestionReason", t."assigneeId",
                    t."ownerTeamId", t."signatureId", t."ticketUrl", t."firstSeenAt" AT TIME ZONE 'UTC' AS "firstSeenAt",
                    t."lastSeenAt" AT TIME ZONE 'UTC' AS "lastSeenAt", t."failureCount", t."consecutivePasses",
                    array_position(ARRAY['new','investigating','fix_in_progress','muted','wont_fix','resolved'], t.status::text) AS rank
               FROM triage_items t
               JOIN projects p ON p.id = t."projectId"
               JOIN test_cases tc ON tc.id = t."testCaseId"
             ${w.sql}
              ORDER BY rank, t."lastSeenAt" DESC, t.id
              LIMIT ${n + 1}) t
       LEFT JOIN triage_categories c ON c.id = t."categoryId"
       LEFT JOIN triage_categories sc ON sc.id = t."suggestedCategoryId"
       LEFT JOIN users u ON u.id = t."assigneeId"
       LEFT JOIN teams tm ON tm.id = t."ownerTeamId"
       LEFT JOIN failure_signatures fs ON fs.id = t."signatureId"
      ORDER BY t.rank, t."lastSeenAt" DESC, t.id`,
    w.args,
  );
  return { rows: rows.slice(0, n), truncated: rows.length > n };
}

export interface TriageSummary {
  total: number;
  /** by the confirmed category, else the suggested one (labelled "(suggested)") */
  byCategory: { key: string; label: string; count: number }[];
  byAssignee: { id: string | null; name: string; count: number }[];
  byStatus: { status: string; count: number }[];
  /** suggestion vs the category people confirmed, over items that have both */
  accuracy: { agreed: number; confirmed: number };
}

/** Counted in the database (the item list can be long; only the counts come back), largest first. */
export async function triageSummary(f: TriageFilter, scope: ProjectScope = null): Promise<TriageSummary> {
  const w = where(f, scope);
  const { rows } = await pool().query<{ dim: string; k: string; label: string; id: string | null; n: number }>(
    // counted by the item's ids first; the few groups then get their labels
    `WITH s AS (
       SELECT t."categoryId" AS cid, t."suggestedCategoryId" AS sid, t."assigneeId" AS aid, t."ownerTeamId" AS tid,
              t.status::text AS status, count(*)::int AS n
         FROM triage_items t ${w.sql}
        GROUP BY 1, 2, 3, 4, 5)
     SELECT 'category' AS dim, coalesce(c.key, 'suggested:' || sc.key, 'none') AS k,
            min(coalesce(c.label, sc.label || ' (suggested)', 'Not categorised')) AS label, NULL AS id, sum(s.n)::int AS n
       FROM s LEFT JOIN triage_categories c ON c.id = s.cid LEFT JOIN triage_categories sc ON sc.id = s.sid GROUP BY 2
     UNION ALL
     SELECT 'assignee', coalesce(s.aid::text, u.name, tm.name || ' (team)', 'Unowned'),
            min(coalesce(u.name, tm.name || ' (team)', 'Unowned')), min(s.aid::text), sum(s.n)::int
       FROM s LEFT JOIN users u ON u.id = s.aid LEFT JOIN teams tm ON tm.id = s.tid GROUP BY 2
     UNION ALL
     SELECT 'status', status, status, NULL, sum(n)::int FROM s GROUP BY status
     UNION ALL
     SELECT 'confirmed', '', '', NULL, coalesce(sum(n) FILTER (WHERE cid IS NOT NULL AND sid IS NOT NULL), 0)::int FROM s
     UNION ALL
     SELECT 'agreed', '', '', NULL, coalesce(sum(n) FILTER (WHERE cid = sid), 0)::int FROM s
     ORDER BY n DESC, label`,
    w.args,
  );
  const of = (dim: string) => rows.filter((r) => r.dim === dim);
  const byStatus = of("status").map((r) => ({ status: r.k, count: r.n }));
  return {
    total: byStatus.reduce((sum, r) => sum + r.count, 0),
    byCategory: of("category").map((r) => ({ key: r.k, label: r.label, count: r.n })),
    byAssignee: of("assignee").map((r) => ({ id: r.id, name: r.label, count: r.n })),
    byStatus,
    accuracy: { agreed: of("agreed")[0]?.n ?? 0, confirmed: of("confirmed")[0]?.n ?? 0 },
  };
}

/** Filter choices in the reader's projects: projects, categories (by key), people (with their highest role there). */
export async function triageFilterOptions(scope: ProjectScope = null) {
  const [projects, categories, people, teams] = await Promise.all([
    pool().query(`SELECT slug, name FROM projects WHERE $1::uuid[] IS NULL OR id = ANY($1) ORDER BY name`, [scope]),
    pool().query(`SELECT key, min(label) AS label, min(position) AS pos FROM triage_categories WHERE $1::uuid[] IS NULL OR "projectId" = ANY($1) GROUP BY key ORDER BY pos, key`, [scope]),
    findPeopleWithRoles(scope),
    pool().query(`SELECT slug, name FROM teams ORDER BY name`),
  ]);
  return {
    projects: projects.rows as { slug: string; name: string }[],
    categories: categories.rows as { key: string; label: string }[],
    people,
    teams: teams.rows as { slug: string; name: string }[],
  };
}
