// Two runs of one project side by side (/runs/compare, GET /api/v1/runs/compare):
// their details, the spec-by-spec and phase-by-phase differences, and the
// runs a person can pick to compare with.
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type DiffPhase, type DiffSpec, type RunDiff, diffRuns } from "@/lib/analysis/run-diff";
import { type RunDetail, getRunDetail } from "@/lib/queries/get-run-detail";
import { type RunKey, runKeyParams, runResultsWhere, utcTimestamp } from "@/lib/queries/run-key";

export interface RunComparison {
  a: RunDetail;
  b: RunDetail;
  diff: RunDiff;
}

/** One row per spec: when a spec appears twice in a run (two reports), its worst outcome. */
async function runSpecs(run: RunKey): Promise<DiffSpec[]> {
  const { rows } = await pool().query<DiffSpec>(
    `SELECT DISTINCT ON (r."testCaseId") r."testCaseId" AS "testCaseId", tc.name, r.status::text AS status,
            r."durationMs" AS "durationMs", fs.text AS signature
       FROM test_results r
       JOIN test_cases tc ON tc.id = r."testCaseId"
       LEFT JOIN failure_signatures fs ON fs.id = r."signatureId"
      WHERE ${runResultsWhere("r", 1)}
      ORDER BY r."testCaseId", array_position(ARRAY['failed','errored','passed','skipped','pending'], r.status::text), r.id`,
    runKeyParams(run),
  );
  return rows;
}

function runPhases(run: RunDetail): DiffPhase[] {
  return run.phases.map((p) => ({
    name: p.name,
    status: p.status,
    durationMs: p.durationMs ?? (p.startedAt && p.finishedAt ? p.finishedAt.getTime() - p.startedAt.getTime() : null),
  }));
}

/** Throws not_found for an unknown id (or one outside the reader's `scope`) and validation_failed for runs of two projects. */
export async function getRunComparison(aId: string, bId: string, scope: ProjectScope = null): Promise<RunComparison> {
  const [a, b] = await Promise.all([getRunDetail(aId, scope), getRunDetail(bId, scope)]);
  if (!a) throw new AppError("not_found", `No run with id ${aId}`);
  if (!b) throw new AppError("not_found", `No run with id ${bId}`);
  if (a.projectId !== b.projectId) {
    throw new AppError("validation_failed", "The two runs belong to different projects; specs are only compared within a project", [
      { path: "b", message: `run ${b.id} is in ${b.project.slug}, run ${a.id} in ${a.project.slug}` },
    ]);
  }
  const [specsA, specsB] = await Promise.all([runSpecs(a), runSpecs(b)]);
  return { a, b, diff: diffRuns({ specs: specsA, phases: runPhases(a) }, { specs: specsB, phases: runPhases(b) }) };
}

/**
 * The run a run is naturally compared with: same project, mode and branch, the
 * last finished run before it whose setup worked (and that no lead kept out of
 * the statistics).
 */
export async function findPreviousComparableRun(run: Pick<RunDetail, "id" | "projectId" | "mode" | "branch" | "startedAt">): Promise<string | null> {
  const { rows } = await pool().query<{ id: string }>(
    `SELECT id FROM runs
      WHERE "projectId" = $1 AND mode = $2 AND branch IS NOT DISTINCT FROM $3 AND id <> $4
        AND "finishedAt" IS NOT NULL AND status <> 'cancelled' AND "setupOk" IS DISTINCT FROM false AND NOT "statsExcluded"
        AND ("startedAt", id) < ($5::timestamp, $4::uuid)
      ORDER BY "startedAt" DESC, id DESC LIMIT 1`,
    [run.projectId, run.mode, run.branch, run.id, utcTimestamp(run.startedAt)],
  );
  return rows[0]?.id ?? null;
}

export interface PickableRun {
  id: string;
  mode: string;
  branch: string | null;
  status: string;
  startedAt: Date;
}

/** The project's latest runs, for the "compare with" picker. */
export async function findPickableRuns(projectId: string, limit = 50): Promise<PickableRun[]> {
  const { rows } = await pool().query<PickableRun>(
    `SELECT id, mode, branch, status::text AS status, "startedAt" AT TIME ZONE 'UTC' AS "startedAt"
       FROM runs WHERE "projectId" = $1
       -- the table's column, not the output's "startedAt" (an expression): the (projectId, startedAt, id) index serves it
      ORDER BY runs."startedAt" DESC, runs.id DESC LIMIT $2`,
    [projectId, limit],
  );
  return rows;
}
