// The run the CI API answers with (POST /runs, /phases, /finish, /ingest, GET
// /runs/:id), read in one plain-SQL statement on the pg pool: the Prisma
// include (run, project, phases, reports) cost ~12 compiled queries and most
// of the web CPU of the small CI requests (issue #17). Same shape as
// getRunOrThrow's, for runToJson (lib/queries/get-run.ts).
import { named, pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RunJsonSource } from "@/lib/queries/get-run";
import { isUuid } from "@/lib/schemas/uuid";

// stored without zone, in UTC: read as timestamptz (a Date) or as an ISO string inside JSON
const utc = (col: string) => `${col} AT TIME ZONE 'UTC'`;
const iso = (col: string) => `to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The answer's columns of the run rows `source` yields as r (the runs table, or a CTE over an INSERT's RETURNING *). */
export const runJsonSelect = (source: string) => `
  SELECT r.id, r."projectId", json_build_object('slug', pr.slug) AS project, r.mode, r."externalId", r.branch, r."commitSha",
         r."ciUrl", r."runnerHost", r.labels, ${utc('r."startedAt"')} AS "startedAt", ${utc('r."finishedAt"')} AS "finishedAt",
         r.status::text AS status, r."claimedStatus", r."setupOk", r."durationMs",
         ${utc('r."windowStart"')} AS "windowStart", r."windowStartSource"::text AS "windowStartSource",
         ${utc('r."windowEnd"')} AS "windowEnd", r."windowEndSource"::text AS "windowEndSource",
         r."setupDurationMs", r."testDurationMs", r."testsTotal", r."testsPassed", r."testsFailed", r."testsErrored",
         r."testsSkipped", r."testsPending", r."testsFlaky", r."testsMuted", r."testsDeclared",
         (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'canonicalName', p."canonicalName", 'parentId', p."parentId",
                   'group', p."group", 'status', p.status, 'startedAt', ${iso('p."startedAt"')}, 'finishedAt', ${iso('p."finishedAt"')},
                   'durationMs', p."durationMs", 'attributes', p.attributes) ORDER BY p.position, p.id), '[]')
            FROM phases p WHERE p."runId" = r.id) AS phases,
         (SELECT coalesce(json_agg(json_build_object('id', rp.id, 'filename', rp.filename, 'format', rp.format, 'dialect', rp.dialect,
                   'caseCount', rp."caseCount", 'sizeBytes', rp."sizeBytes", 'warnings', rp.warnings, 'declared', rp.declared,
                   'createdAt', ${iso('rp."createdAt"')}) ORDER BY rp."createdAt", rp.id), '[]')
            FROM reports rp WHERE rp."runId" = r.id) AS reports
    FROM ${source} r JOIN projects pr ON pr.id = r."projectId"`;

const RUN_SQL = `${runJsonSelect("runs")} WHERE r.id = $1::uuid`;

export type RunApiRow = Omit<RunJsonSource, "phases" | "reports"> & {
  projectId: string;
  phases: (Omit<NonNullable<RunJsonSource["phases"]>[number], "startedAt" | "finishedAt"> & { startedAt: string | null; finishedAt: string | null })[];
  reports: (Omit<NonNullable<RunJsonSource["reports"]>[number], "createdAt"> & { createdAt: string })[];
};

const date = (s: string | null) => (s === null ? null : new Date(s));

/** The run with its project's slug, phases (in position order) and reports; 404 unknown, 403 another project's (when projectId is given). */
export async function getRunForApi(id: string, projectId?: string): Promise<RunJsonSource & { projectId: string }> {
  if (!isUuid(id)) throw new AppError("not_found", `Run ${id} does not exist`);
  const { rows } = await pool().query<RunApiRow>(named("run-json", RUN_SQL, [id]));
  const run = rows[0];
  if (!run) throw new AppError("not_found", `Run ${id} does not exist`);
  if (projectId && run.projectId !== projectId) throw new AppError("forbidden", "This run belongs to another project");
  return runFromRow(run);
}

/** A row of runJsonSelect as runToJson reads it (dates of phases and reports arrive as ISO strings inside the JSON). */
export function runFromRow(run: RunApiRow): RunJsonSource & { projectId: string } {
  return {
    ...run,
    phases: run.phases.map((p) => ({ ...p, startedAt: date(p.startedAt), finishedAt: date(p.finishedAt) })),
    reports: run.reports.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
  };
}
