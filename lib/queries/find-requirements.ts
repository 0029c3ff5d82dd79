// Requirement IDs with their specs: each spec's latest result and its triage
// item, so a requirement's state is visible at a glance.
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";
import { isOpenTriageStatus } from "@/lib/queries/count-definitions";

export interface RequirementSpec {
  testCaseId: string;
  name: string;
  latestStatus: string | null;
  latestAt: Date | null;
  itemId: string | null;
  itemStatus: string | null;
}
export interface RequirementRow {
  requirementId: string;
  projectSlug: string;
  specs: RequirementSpec[];
  /** open triage items of this requirement's specs */
  openItems: number;
}

export interface RequirementsHeadline {
  requirements: number;
  /** distinct open triage items on these requirements' specs (the triage page's definition) */
  openItems: number;
  /** item-requirement pairs: an item counts under each requirement its spec names */
  openLinks: number;
}

/** The page's headline: each open item once, however many requirements its spec names. */
export function summarizeRequirements(rows: readonly RequirementRow[]): RequirementsHeadline {
  const open = new Set<string>();
  let openLinks = 0;
  for (const row of rows) {
    for (const s of row.specs) if (s.itemId && isOpenTriageStatus(s.itemStatus)) open.add(s.itemId);
    openLinks += row.openItems;
  }
  return { requirements: rows.length, openItems: open.size, openLinks };
}

/** `scope`: the reader's projects (null = all). */
export async function findRequirements(opts: { project?: string; q?: string } = {}, scope: ProjectScope = null): Promise<RequirementRow[]> {
  const args: unknown[] = [];
  const conds: string[] = [];
  if (scope) {
    args.push(scope);
    conds.push(`tc."projectId" = ANY($${args.length}::uuid[])`);
  }
  if (opts.project) {
    args.push(opts.project);
    conds.push(`p.slug = $${args.length}`);
  }
  const { rows } = await pool().query(
    `SELECT req, p.slug AS "projectSlug", tc.id AS "testCaseId", tc.name, last.status AS "latestStatus", last."runStartedAt" AT TIME ZONE 'UTC' AS "latestAt",
            t.id AS "itemId", t.status::text AS "itemStatus"
       FROM test_cases tc
       JOIN projects p ON p.id = tc."projectId"
       CROSS JOIN LATERAL unnest(tc."requirementIds") AS req
       LEFT JOIN LATERAL (SELECT r.status::text AS status, r."runStartedAt" FROM test_results r
                           WHERE r."testCaseId" = tc.id AND r."projectId" = tc."projectId" ORDER BY r."runStartedAt" DESC LIMIT 1) last ON true
       LEFT JOIN triage_items t ON t."testCaseId" = tc.id
       ${conds.length ? `WHERE ${conds.join(" AND ")}` : ""}
      ORDER BY req, tc.name
      LIMIT 20000`,
    args,
  );
  const q = opts.q?.trim().toUpperCase();
  const byReq = new Map<string, RequirementRow>();
  for (const r of rows) {
    if (q && !r.req.toUpperCase().includes(q)) continue;
    const k = `${r.projectSlug}\0${r.req}`;
    let row = byReq.get(k);
    if (!row) byReq.set(k, (row = { requirementId: r.req, projectSlug: r.projectSlug, specs: [], openItems: 0 }));
    row.specs.push({ testCaseId: r.testCaseId, name: r.name, latestStatus: r.latestStatus, latestAt: r.latestAt, itemId: r.itemId, itemStatus: r.itemStatus });
    if (isOpenTriageStatus(r.itemStatus)) row.openItems++;
  }
  return [...byReq.values()].sort((a, b) => b.openItems - a.openItems || a.requirementId.localeCompare(b.requirementId, "en", { numeric: true }));
}
