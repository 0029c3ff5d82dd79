// Recompute a run's derived fields (status, setup outcome, durations) from its
// phases and counters. Called inside the transaction that changed them.
import type pg from "pg";
import { type EndOrigin, type Interval, type RunWindowInput, deriveRunWindow, setupSpanMs } from "@/lib/analysis/derive-run-window";
import { computeRunStatus } from "@/lib/analysis/run-status";
import { checkRegression } from "@/lib/analysis/timing/regression";
import { named } from "@/lib/db";
import { afterCommit } from "@/lib/services/sql";
import { type RunApiRow, runFromRow, runJsonSelect } from "@/lib/queries/get-run-api";
import { timingChanged } from "@/lib/queries/recent-project-timing";
import { epochMsSql as ms } from "@/lib/queries/run-key";
import type { RunTotals } from "@/lib/services/ingest-report";

const REGRESSION_WINDOW = 20;

/** Is this finished run's setup far above its mode's previous runs? null when it cannot be judged. */
async function setupRegression(client: pg.PoolClient, runId: string, setupMs: number | null, ok: boolean | null): Promise<boolean | null> {
  if (setupMs === null || ok === false) return null;
  const { rows } = await client.query(named("run-setup-history",
    `SELECT p."setupDurationMs" AS ms FROM runs r JOIN runs p ON p."projectId" = r."projectId" AND p.mode = r.mode
      WHERE r.id = $1 AND p.id <> r.id AND p."startedAt" < r."startedAt" AND p."finishedAt" IS NOT NULL
        AND p."setupOk" IS NOT FALSE AND p."setupDurationMs" IS NOT NULL
      ORDER BY p."startedAt" DESC LIMIT $2`,
    [runId, REGRESSION_WINDOW],
  ));
  const check = checkRegression(setupMs, rows.map((r) => r.ms).reverse(), { window: REGRESSION_WINDOW });
  return check.status === "not enough history" ? null : check.flagged;
}

/** The run's window from its claims, phases and report windows (lib/analysis/derive-run-window.ts), read with the run. */
function windowInput(r: Record<string, unknown>) {
  const phases = r.windowPhases as (Interval & { topLevel: boolean })[];
  const input: RunWindowInput = {
    start: { ms: r.startMs as number, origin: r.startedAtSource === "claimed" ? "claimed" : "request_time" },
    end: r.endMs === null ? null : { ms: r.endMs as number, origin: (r.finishedAtSource as EndOrigin | null) ?? "finish_call" },
    phases,
    reports: r.windowReports as Interval[],
  };
  return { input, phases };
}

/** The run's counters as the API answers them (readTotals in ingest-report.ts reads the same columns). */
export const TOTALS_COLUMNS = `r."testsTotal", r."testsPassed", r."testsFailed", r."testsErrored", r."testsSkipped", r."testsPending",
            r."testsFlaky", r."testsMuted", r."testsDeclared"`;

export function totalsOf(r: Record<string, unknown>): RunTotals {
  const n = (k: string) => r[k] as number;
  return {
    tests: n("testsTotal"), passed: n("testsPassed"), failed: n("testsFailed"), errored: n("testsErrored"), skipped: n("testsSkipped"),
    pending: n("testsPending"), flaky: n("testsFlaky"), muted: n("testsMuted"), declared: r.testsDeclared as number | null,
  };
}

/**
 * Recompute and store the run's status, setup outcome, window and durations.
 * Returns the verdict with the run's status and counters as stored now (the
 * counters are read, not changed, here), so callers answer without reading the
 * run again; with `answer`, also the run as the API shows it
 * (lib/queries/get-run-api.ts), read by the same UPDATE: it sees this
 * transaction's phases and reports (issue #17: one round trip fewer per CI request).
 */
export async function refreshRunSummary(client: pg.PoolClient, runId: string, opts: { answer?: boolean } = {}) {
  const { rows } = await client.query(named("run-summary-read",
    `SELECT r."projectId", r."finishedAt" IS NOT NULL AS finished, ${ms('r."startedAt"')} AS "startMs", ${ms('r."finishedAt"')} AS "endMs",
            r."startedAtSource"::text AS "startedAtSource", r."finishedAtSource"::text AS "finishedAtSource",
            r."claimedStatus", ${TOTALS_COLUMNS},
            (SELECT coalesce(array_agg(p.status::text), '{}') FROM phases p WHERE p."runId" = r.id) AS statuses,
            -- the window's inputs in the same round trip (json numbers: epoch ms)
            (SELECT coalesce(json_agg(json_build_object('startMs', ${ms('p."startedAt"')}, 'endMs', ${ms('p."finishedAt"')}, 'topLevel', p."parentId" IS NULL)), '[]')
               FROM phases p WHERE p."runId" = r.id AND p."startedAt" IS NOT NULL) AS "windowPhases",
            (SELECT coalesce(json_agg(json_build_object('startMs', ${ms('w."windowStart"')}, 'endMs', ${ms('w."windowEnd"')})), '[]')
               FROM reports w WHERE w."runId" = r.id AND w."windowStart" IS NOT NULL) AS "windowReports"
       FROM runs r WHERE r.id = $1`,
    [runId],
  ));
  const r = rows[0];
  if (!r) return;
  const verdict = computeRunStatus({
    finished: r.finished,
    claimed: r.claimedStatus,
    phaseStatuses: r.statuses,
    passed: r.testsPassed,
    failed: r.testsFailed,
    errored: r.testsErrored,
    skipped: r.testsSkipped,
    pending: r.testsPending,
    muted: r.testsMuted,
  });
  const { input, phases } = windowInput(r);
  const w = deriveRunWindow(input);
  const setupDurationMs = setupSpanMs(phases);
  const durationMs = w.durationMs === null ? null : Math.round(w.durationMs);
  const regression = r.finished ? await setupRegression(client, runId, setupDurationMs === null ? null : Math.round(setupDurationMs), verdict.setupOk) : null;
  const update = `UPDATE runs SET status = $2::"RunStatus", "setupOk" = $3, "setupDurationMs" = $4, "durationMs" = $5, "setupRegression" = $6,
            "windowStart" = to_timestamp($7::float8 / 1000) AT TIME ZONE 'UTC', "windowStartSource" = $8::"RunTimeSource",
            "windowEnd" = to_timestamp($9::float8 / 1000) AT TIME ZONE 'UTC', "windowEndSource" = $10::"RunTimeSource", "updatedAt" = now()
      WHERE id = $1`;
  const { rows: answer } = await client.query<RunApiRow>(named(opts.answer ? "run-summary-write-answer" : "run-summary-write",
    opts.answer ? `WITH updated AS (${update} RETURNING *) ${runJsonSelect("updated")}` : update,
    [runId, verdict.status, verdict.setupOk, setupDurationMs === null ? null : Math.round(setupDurationMs), durationMs, regression,
      w.startMs, w.startSource, w.endMs, w.endSource],
  ));
  // the timing page's cached figures of the project take the run in (decision 27), once it is
  // committed: a view between now and the commit would compute without it
  const arrived = () => timingChanged(r.projectId, "run");
  if (!afterCommit(client, arrived)) arrived();
  return { ...verdict, runStatus: verdict.status, totals: totalsOf(r), run: opts.answer ? runFromRow(answer[0]) : undefined };
}

/** Lock the run row for the rest of the transaction; null when it does not exist. */
export async function lockRun(client: pg.PoolClient, runId: string) {
  const { rows } = await client.query(named("run-lock",
    `SELECT id, "projectId", "startedAt", "startedAtSource"::text AS "startedAtSource", "finishedAt" FROM runs WHERE id = $1 FOR UPDATE`,
    [runId],
  ));
  return (rows[0] as { id: string; projectId: string; startedAt: Date; startedAtSource: string; finishedAt: Date | null } | undefined) ?? null;
}
