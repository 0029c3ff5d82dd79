// Requirement × run grid (/requirements/grid): the project's last N runs as
// columns, requirement IDs as rows (grouped by prefix, expandable to their
// specs), each cell the worst result of the requirement's specs in that run.
// One aggregate query: a spec's outcome per run comes back as one row per spec
// with its cells in arrays, so 1,000 requirements x 100 runs stay one round trip.
import type { ProjectScope } from "@/lib/auth/project-access";
import { z } from "zod";
import { type GridCell, type GridRun, type GridSpec, buildRequirementGrid } from "@/lib/analysis/requirement-grid";
import { pool } from "@/lib/db";
import { oneParam } from "@/lib/schemas/search-params";

const one = oneParam;

export const gridQuerySchema = z.object({
  project: one(z.string().trim().min(1).max(200).optional().catch(undefined)),
  runs: one(z.coerce.number().int().min(1).max(100).default(20).catch(20)),
  mode: one(z.string().trim().min(1).max(100).optional().catch(undefined)),
  branch: one(z.string().trim().min(1).max(200).optional().catch(undefined)),
  from: one(z.iso.date().optional().catch(undefined)),
  to: one(z.iso.date().optional().catch(undefined)),
});
export type GridQuery = z.infer<typeof gridQuerySchema>;

const WORST_STATUS: Exclude<GridCell, "not_run">[] = ["failed", "skipped", "passed"];

/** null for an unknown project or one outside the reader's `scope` */
export async function getRequirementGrid(slug: string, q: GridQuery, scope: ProjectScope = null) {
  const { rows: [project] } = await pool().query<{ id: string; name: string }>(
    `SELECT id, name FROM projects WHERE slug = $1 AND ($2::uuid[] IS NULL OR id = ANY($2))`, [slug, scope]);
  if (!project) return null;
  return { project, grid: await gridOf(project.id, q) };
}

async function gridOf(projectId: string, q: GridQuery) {
  const params = [projectId, q.runs, q.mode ?? null, q.branch ?? null, q.from ?? null, q.to ?? null];
  const { rows: runs } = await pool().query<GridRun>(
    `SELECT id, mode, branch, status::text AS status, coalesce("windowStart", "startedAt") AT TIME ZONE 'UTC' AS "startedAt"
       FROM runs
      WHERE "projectId" = $1 AND ($3::text IS NULL OR mode = $3) AND ($4::text IS NULL OR branch = $4)
        AND ($5::date IS NULL OR "startedAt" >= $5::date) AND ($6::date IS NULL OR "startedAt" < $6::date + 1)
      ORDER BY "startedAt" DESC, id DESC LIMIT $2`,
    params,
  );
  if (runs.length === 0) return buildRequirementGrid(runs, []);
  // per spec with a requirement ID: its worst result in each run, as one string (one character per run, "-" not run)
  // only the results of specs with a requirement ID are aggregated (most of a suite's specs have none): the
  // spec list is materialised first, so the aggregate reads about a fifth of the rows and stays in memory
  const { rows } = await pool().query<{ id: string; name: string; requirementIds: string[]; cells: string }>(
    `WITH cols AS (SELECT id, ord FROM unnest($2::uuid[]) WITH ORDINALITY AS c(id, ord)),
          req AS MATERIALIZED (SELECT id FROM test_cases WHERE "projectId" = $1 AND "requirementIds" <> '{}'),
          cells AS (
            SELECT t."testCaseId", c.ord, min(CASE t.status WHEN 'failed' THEN 0 WHEN 'errored' THEN 0 WHEN 'skipped' THEN 1 WHEN 'pending' THEN 1 ELSE 2 END) AS worst
              FROM test_results t JOIN cols c ON c.id = t."runId" JOIN req ON req.id = t."testCaseId"
             GROUP BY 1, 2)
     SELECT tc.id, tc.name, tc."requirementIds",
            string_agg(c.ord::text || ':' || c.worst::text, ',') AS cells
       FROM test_cases tc JOIN cells c ON c."testCaseId" = tc.id
      GROUP BY tc.id`,
    [projectId, runs.map((r) => r.id)],
  );
  const specs: GridSpec[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    requirementIds: r.requirementIds,
    results: Object.fromEntries(r.cells.split(",").map((cell) => {
      const [ord, worst] = cell.split(":");
      return [runs[Number(ord) - 1].id, WORST_STATUS[Number(worst)]];
    })),
  }));
  return buildRequirementGrid(runs, specs);
}
