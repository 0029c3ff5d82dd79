// Triage of one stored report, in its own short transaction right after the
// report's results committed (lib/services/ingest-report.ts, decision 24):
// the project's triage lock is held for triage only, not through the commit
// of the results. The report's "triagedAt" is set in the same transaction, so
// a report is triaged exactly once however often this runs; reports left
// untriaged (the process died between the two commits, or triage failed) are
// triaged by the worker's sweep (lib/triage/sweep-worker.ts), by a retried
// upload of the same content, and before a finished run's notifications.
import type pg from "pg";
import { pool } from "@/lib/db";
import { withTransaction } from "@/lib/services/sql";
import { type TriageUpdate, lockProjectTriage, updateTriage } from "@/lib/triage/update-triage";

interface ReportRun {
  runId: string;
  projectId: string;
  startedAt: Date;
  /** when the run happened, for triage dates: the claimed start, else the earliest evidence (phases, report windows) */
  at: Date;
  triagedAt: Date | null;
}

/** The report's run and whether it is triaged; the run's time as the upload computes it (ingest-report.ts, runTime). */
async function readReportRun(client: pg.PoolClient, reportId: string): Promise<ReportRun | null> {
  const { rows } = await client.query<Omit<ReportRun, "at"> & { claimed: boolean; evidenceAt: Date | null }>(
    `SELECT r.id AS "runId", r."projectId", r."startedAt", rep."triagedAt", r."startedAtSource" = 'claimed' AS claimed,
            CASE WHEN r."windowStartSource" IN ('phases', 'reports') THEN r."windowStart" AT TIME ZONE 'UTC' END AS "evidenceAt"
       FROM reports rep JOIN runs r ON r.id = rep."runId" WHERE rep.id = $1`,
    [reportId],
  );
  const r = rows[0];
  if (!r) return null;
  return { runId: r.runId, projectId: r.projectId, startedAt: r.startedAt, triagedAt: r.triagedAt, at: !r.claimed && r.evidenceAt ? r.evidenceAt : r.startedAt };
}

/**
 * Its commit does not wait for the WAL flush (synchronous_commit off): the
 * project's lock is held for triage only, not for a disk flush. A server
 * crash may lose the last fraction of a second of triage commits, and with
 * them their reports' "triagedAt" (one transaction): the sweep redoes them.
 * The results' commit, which the upload's answer acknowledges, stays durable.
 */
const ASYNC_COMMIT = `SET LOCAL synchronous_commit = off`;

/** The run of a report being triaged, when the caller knows it (the upload does): no read before the lock. */
export type KnownRun = { runId: string; projectId: string; startedAt: Date; at: Date };

/** Triage one report unless it was triaged already (then, or when it is gone: null), in its own transaction. */
export async function triageReport(reportId: string): Promise<TriageUpdate | null> {
  return withTransaction(async (client) => {
    await client.query(ASYNC_COMMIT);
    return triageReportIn(client, reportId);
  });
}

/** The same on a connection that is in no transaction (the upload's, right after its commit). */
export async function triageReportOn(client: pg.PoolClient, reportId: string, known?: KnownRun): Promise<TriageUpdate | null> {
  await client.query(`BEGIN; ${ASYNC_COMMIT}`);
  try {
    const update = await triageReportIn(client, reportId, known);
    await client.query("COMMIT");
    return update;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

/**
 * Inside a transaction that is open on client (the caller's own, or one of
 * the functions above). Under the project's lock, the report is claimed by
 * setting its "triagedAt" only if it is still empty (an UPDATE sees the
 * latest committed row): a concurrent or repeated triage of it claims nothing
 * and does nothing. As few round trips as possible under the lock: every one
 * is paid by each upload of the project waiting for it.
 */
export async function triageReportIn(client: pg.PoolClient, reportId: string, known?: KnownRun): Promise<TriageUpdate | null> {
  const r = known ?? (await readReportRun(client, reportId));
  if (!r || ("triagedAt" in r && r.triagedAt)) return null;
  await lockProjectTriage(client, r.projectId);
  const claimed = await client.query(`UPDATE reports SET "triagedAt" = now() WHERE id = $1 AND "triagedAt" IS NULL`, [reportId]);
  if (!claimed.rowCount) return null;
  return updateTriage(client, { id: r.runId, projectId: r.projectId, startedAt: r.startedAt, at: r.at }, reportId);
}

/**
 * Triage reports that were stored but not triaged: those of one run (before
 * its notifications are collected), or all older than `olderThanSeconds`
 * (the sweep; younger ones are most likely being triaged by their request).
 * Oldest first, so triage sees them in arrival order. Returns how many were triaged here.
 */
export async function triageUntriagedReports(opts: { runId?: string; olderThanSeconds?: number; limit?: number }): Promise<number> {
  const { rows } = await pool().query<{ id: string }>(
    `SELECT id FROM reports WHERE "triagedAt" IS NULL
        AND ($1::uuid IS NULL OR "runId" = $1) AND "createdAt" < localtimestamp - make_interval(secs => $2)
      ORDER BY "createdAt", id LIMIT $3`,
    [opts.runId ?? null, opts.olderThanSeconds ?? 0, opts.limit ?? 1000],
  );
  let n = 0;
  for (const { id } of rows) if (await triageReport(id)) n++;
  return n;
}
