// Requirement × run grid (/requirements/grid): the project's last N runs as
// columns, requirement IDs as rows (grouped by prefix, expandable to their
// specs), each cell the worst result of the requirement's specs in that run.
// Reads the runs' summaries (run_requirement_outcomes, one row per run, written
// by the ingest; docs/decisions/0022-requirement-outcomes-grid.md) and the specs
// they name, never test_results: 1,000 requirements x 100 runs are ~100 rows.
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

/** run_requirement_outcomes.outcomes: one character per spec */
const OUTCOME: Record<string, Exclude<GridCell, "not_run">> = { f: "failed", s: "skipped", p: "passed" };

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
      ORDER BY runs."startedAt" DESC, runs.id DESC LIMIT $2`, // the indexed column, not the output's window start
    params,
  );
  if (runs.length === 0) return buildRequirementGrid(runs, []);
  const runIds = runs.map((r) => r.id);
  // per run, the worst result of each spec that named a requirement (run_requirement_outcomes, written by the
  // ingest: lib/services/refresh-requirement-outcomes.ts): ~100 small rows instead of an aggregate over results.
  // Consecutive runs mostly hold the same specs: a run's id list is sent only when it differs from the
  // previous row's (null: the same list), so 100 runs of one suite send a few lists, not 100.
  const { rows: summaries } = await pool().query<[string, string | null, string]>({
    text: `SELECT "runId", CASE WHEN "testCaseIds" = lag("testCaseIds") OVER w THEN NULL ELSE array_to_string("testCaseIds", ',') END, outcomes
             FROM run_requirement_outcomes WHERE "runId" = ANY($1::uuid[])
           WINDOW w AS (ORDER BY "runId") ORDER BY "runId"`,
    values: [runIds],
    rowMode: "array",
  });
  let list: string[] = [];
  const lists = summaries.map(([runId, ids, outcomes]) => {
    if (ids !== null) list = ids ? ids.split(",") : [];
    if (list.length !== outcomes.length) throw new Error(`run ${runId}: summary of ${list.length} specs has ${outcomes.length} outcomes`);
    return { runId, specIds: list, outcomes };
  });
  // the specs' names and current requirement IDs: a spec is placed by what it names now
  const { rows: specRows } = await pool().query<{ id: string; name: string; requirementIds: string[] }>(
    `SELECT id, name, "requirementIds" FROM test_cases WHERE id = ANY($1::uuid[]) AND "requirementIds" <> '{}'`,
    [[...new Set([...new Set(lists.map((l) => l.specIds))].flat())]],
  );
  const byId = new Map<string, GridSpec>(specRows.map((r) => [r.id, { ...r, results: {} }]));
  for (const { runId, specIds, outcomes } of lists) {
    specIds.forEach((id, i) => {
      const spec = byId.get(id);
      if (spec) spec.results[runId] = OUTCOME[outcomes[i]];
    });
  }
  const specs = [...byId.values()];
  return buildRequirementGrid(runs, specs);
}
