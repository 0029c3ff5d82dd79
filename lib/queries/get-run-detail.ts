// The run page's header, phases and report list (never the report bodies).
// Plain SQL, three queries side by side: Prisma's nested include cost more
// in result mapping than the queries did (npm run bench:pages).
import type { ProjectScope } from "@/lib/auth/project-access";
import type { RunTimeSource } from "@/lib/analysis/derive-run-window";
import { pool } from "@/lib/db";
import { isUuid } from "@/lib/schemas/uuid";
import type { SpecCounts } from "@/lib/format";
import type { RunStatus } from "@/lib/schemas/status";

export interface RunDetail extends SpecCounts {
  id: string;
  projectId: string;
  mode: string;
  externalId: string | null;
  branch: string | null;
  commitSha: string | null;
  ciUrl: string | null;
  runnerHost: string | null;
  labels: unknown;
  source: string;
  startedAt: Date;
  startedAtSource: RunTimeSource;
  finishedAt: Date | null;
  finishedAtSource: RunTimeSource | null;
  /** the run's window derived from the evidence (lib/analysis/derive-run-window.ts); null only for rows never recomputed */
  windowStart: Date | null;
  windowStartSource: RunTimeSource | null;
  windowEnd: Date | null;
  windowEndSource: RunTimeSource | null;
  durationMs: number | null;
  setupDurationMs: number | null;
  setupRegression: boolean | null;
  testDurationMs: number | null;
  status: RunStatus;
  claimedStatus: string | null;
  setupOk: boolean | null;
  /** a lead kept the run out of the timing statistics (why: run_events) */
  statsExcluded: boolean;
  testsFlaky: number;
  testsMuted: number;
  testsDeclared: number | null;
  project: { slug: string; name: string };
  phases: {
    id: string; name: string; parentId: string | null; group: string | null; position: number; status: string;
    startedAt: Date | null; finishedAt: Date | null; durationMs: number | null; attributes: unknown;
  }[];
  reports: { id: string; filename: string; format: string; dialect: string; caseCount: number; sizeBytes: number; warnings: unknown; declared: unknown }[];
}

/** null when the id is malformed or unknown, or the run is outside the reader's `scope` (the page answers 404 alike). */
export async function getRunDetail(id: string, scope: ProjectScope = null): Promise<RunDetail | null> {
  if (!isUuid(id)) return null;
  // timestamps are stored without zone, in UTC (Prisma's mapping): AT TIME ZONE makes pg read them as such
  const [run, phases, reports] = await Promise.all([
    pool().query(
      `SELECT r.id, r."projectId", r.mode, r."externalId", r.branch, r."commitSha", r."ciUrl", r."runnerHost", r.labels, r.source,
              r."startedAt" AT TIME ZONE 'UTC' AS "startedAt", r."finishedAt" AT TIME ZONE 'UTC' AS "finishedAt",
              r."startedAtSource"::text AS "startedAtSource", r."finishedAtSource"::text AS "finishedAtSource",
              r."windowStart" AT TIME ZONE 'UTC' AS "windowStart", r."windowStartSource"::text AS "windowStartSource",
              r."windowEnd" AT TIME ZONE 'UTC' AS "windowEnd", r."windowEndSource"::text AS "windowEndSource",
              r."durationMs", r."setupDurationMs", r."setupRegression", r."testDurationMs", r.status::text AS status, r."claimedStatus", r."setupOk", r."statsExcluded",
              r."testsTotal", r."testsPassed", r."testsFailed", r."testsErrored", r."testsSkipped", r."testsPending",
              r."testsFlaky", r."testsMuted", r."testsDeclared", p.slug AS "projectSlug", p.name AS "projectName"
         FROM runs r JOIN projects p ON p.id = r."projectId" WHERE r.id = $1 AND ($2::uuid[] IS NULL OR r."projectId" = ANY($2))`,
      [id, scope],
    ),
    pool().query(
      `SELECT id, name, "parentId", "group", position, status::text AS status, "startedAt" AT TIME ZONE 'UTC' AS "startedAt",
              "finishedAt" AT TIME ZONE 'UTC' AS "finishedAt", "durationMs", attributes
         FROM phases WHERE "runId" = $1 ORDER BY position, "startedAt"`,
      [id],
    ),
    pool().query(
      `SELECT id, filename, format, dialect, "caseCount", "sizeBytes", warnings, declared
         FROM reports WHERE "runId" = $1 ORDER BY "createdAt", id`,
      [id],
    ),
  ]);
  const row = run.rows[0];
  if (!row) return null;
  const { projectSlug, projectName, ...rest } = row;
  return { ...rest, project: { slug: projectSlug, name: projectName }, phases: phases.rows, reports: reports.rows };
}
