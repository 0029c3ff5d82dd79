// A run as the API and pages show it: totals, durations and phases.
import { db, named, pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RunKey } from "@/lib/queries/run-key";
import { isUuid } from "@/lib/schemas/uuid";

/**
 * Cheap existence and ownership check for write routes: 404 unknown run, 403 another project's.
 * Returns the run's key (lib/queries/run-key.ts) for reading its results.
 */
export async function assertRunInProject(id: string, projectId: string): Promise<RunKey> {
  if (!isUuid(id)) throw new AppError("not_found", `Run ${id} does not exist`);
  // raw SQL: it runs before every CI write (issue #17), the query builder's cost is not worth it here
  // on the pg pool: Prisma's raw queries cost more CPU per call than the query itself
  const { rows: [run] } = await pool().query<RunKey>(named("run-in-project", `SELECT id, "projectId", "startedAt" AT TIME ZONE 'UTC' AS "startedAt" FROM runs WHERE id = $1::uuid`, [id]));
  if (!run) throw new AppError("not_found", `Run ${id} does not exist`);
  if (run.projectId !== projectId) throw new AppError("forbidden", "This run belongs to another project");
  return run;
}

export async function getRunOrThrow(id: string, projectId?: string) {
  if (!isUuid(id)) throw new AppError("not_found", `Run ${id} does not exist`);
  const run = await db().run.findUnique({
    where: { id },
    include: {
      project: { select: { slug: true } },
      phases: { orderBy: [{ position: "asc" }] },
      reports: { select: { id: true, filename: true, format: true, dialect: true, caseCount: true, sizeBytes: true, warnings: true, declared: true, createdAt: true } },
    },
  });
  if (!run) throw new AppError("not_found", `Run ${id} does not exist`);
  if (projectId && run.projectId !== projectId) throw new AppError("forbidden", "This run belongs to another project");
  return run;
}

type RunWithPhases = Awaited<ReturnType<typeof getRunOrThrow>>;
type PhaseRow = RunWithPhases["phases"][number];

/** What runToJson reads: the Prisma run (getRunOrThrow, findRunsForApi) or the plain-SQL one (lib/queries/get-run-api.ts). */
export type RunJsonSource = Pick<RunWithPhases,
  | "id" | "project" | "mode" | "externalId" | "branch" | "commitSha" | "ciUrl" | "runnerHost" | "labels" | "startedAt" | "finishedAt"
  | "status" | "claimedStatus" | "setupOk" | "durationMs" | "windowStart" | "windowStartSource" | "windowEnd" | "windowEndSource"
  | "setupDurationMs" | "testDurationMs" | "testsTotal" | "testsPassed" | "testsFailed" | "testsErrored" | "testsSkipped"
  | "testsPending" | "testsFlaky" | "testsMuted" | "testsDeclared"> & {
  phases?: Pick<PhaseRow, "id" | "name" | "canonicalName" | "parentId" | "group" | "status" | "startedAt" | "finishedAt" | "durationMs" | "attributes">[];
  reports?: RunWithPhases["reports"];
};

export function runToJson(run: RunJsonSource) {
  const names = new Map((run.phases ?? []).map((p) => [p.id, p.name]));
  return {
    id: run.id,
    project: run.project.slug,
    mode: run.mode,
    externalId: run.externalId,
    branch: run.branch,
    commit: run.commitSha,
    ciUrl: run.ciUrl,
    runnerHost: run.runnerHost,
    labels: run.labels,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    status: run.status,
    claimedStatus: run.claimedStatus,
    setupOk: run.setupOk,
    /** null when unknown: no start time was sent anywhere (see window) */
    durationMs: run.durationMs,
    /** the run's window as derived from claims, phases and report timestamps, with where each bound came from */
    window: {
      start: run.windowStart?.toISOString() ?? null, startSource: run.windowStartSource,
      end: run.windowEnd?.toISOString() ?? null, endSource: run.windowEndSource,
    },
    setupDurationMs: run.setupDurationMs,
    testDurationMs: run.testDurationMs,
    totals: {
      tests: run.testsTotal, passed: run.testsPassed, failed: run.testsFailed, errored: run.testsErrored,
      skipped: run.testsSkipped, pending: run.testsPending, flaky: run.testsFlaky, muted: run.testsMuted, declared: run.testsDeclared,
    },
    ...(run.phases && {
      phases: run.phases.map((p) => ({
        name: p.name, canonicalName: p.canonicalName, parent: p.parentId ? names.get(p.parentId) ?? null : null, group: p.group,
        status: p.status, startedAt: p.startedAt?.toISOString() ?? null, finishedAt: p.finishedAt?.toISOString() ?? null,
        durationMs: p.durationMs, attributes: p.attributes,
      })),
    }),
    ...(run.reports && {
      reports: run.reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    }),
  };
}
