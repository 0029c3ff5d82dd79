// What the live panel of a run page shows: the provisioning job (status,
// message, place in its host's queue), the phases so far, and log chunks
// after a given seq (the tail on first load, so a reload picks up where it was).
import { pool } from "@/lib/db";
import { isUuid } from "@/lib/schemas/uuid";

export interface LiveRun {
  job: {
    id: string; status: string; errorMessage: string | null; exitCode: number | null; cancelRequested: boolean;
    hostName: string; templateName: string; queuePosition: number | null; startedAt: string | null; finishedAt: string | null;
  };
  phases: { name: string; parent: string | null; status: string; startedAt: string | null; finishedAt: string | null; durationMs: number | null; typicalMs: number | null }[];
  logs: { seq: number; stream: string; text: string }[];
}

const TAIL = 200;

export async function getLiveRun(runId: string, afterSeq: number | null): Promise<LiveRun | null> {
  if (!isUuid(runId)) return null;
  const { rows: jobs } = await pool().query(
    `SELECT j.id, j.status, j."errorMessage", j."exitCode", j."cancelRequestedAt" IS NOT NULL AS "cancelRequested", j."startedAt", j."finishedAt",
            h.name AS "hostName", t.name AS "templateName", r."projectId", r.mode,
            CASE WHEN j.status = 'queued' THEN (SELECT count(*)::int FROM provisioning_jobs q WHERE q."runnerHostId" = j."runnerHostId" AND q.status = 'queued'
                   AND (q."createdAt", q.id) <= (j."createdAt", j.id)) END AS "queuePosition"
       FROM provisioning_jobs j JOIN runner_hosts h ON h.id = j."runnerHostId" JOIN run_templates t ON t.id = j."templateId"
       JOIN runs r ON r.id = j."runId"
      WHERE j."runId" = $1`,
    [runId],
  );
  const j = jobs[0];
  if (!j) return null;
  const [{ rows: phases }, { rows: logs }] = await Promise.all([
    // typical duration: median of the same phase in the project's last 20 finished runs of this mode
    pool().query(
      `SELECT p.name, pp.name AS parent, p.status, p."startedAt", p."finishedAt", p."durationMs",
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x."durationMs")::int FROM (
                 SELECT o."durationMs" FROM phases o JOIN runs orr ON orr.id = o."runId"
                  WHERE orr."projectId" = $2 AND orr.mode = $3 AND orr.id <> $1 AND o.name = p.name AND o.status = 'passed' AND o."durationMs" IS NOT NULL
                  ORDER BY orr."startedAt" DESC LIMIT 20) x) AS "typicalMs"
         FROM phases p LEFT JOIN phases pp ON pp.id = p."parentId"
        WHERE p."runId" = $1 ORDER BY p.position`,
      [runId, j.projectId, j.mode],
    ),
    afterSeq === null
      ? pool().query(`SELECT seq, stream, text FROM (SELECT seq, stream, text FROM job_log_chunks WHERE "jobId" = $1 ORDER BY seq DESC LIMIT ${TAIL}) t ORDER BY seq`, [j.id])
      : pool().query(`SELECT seq, stream, text FROM job_log_chunks WHERE "jobId" = $1 AND seq > $2 ORDER BY seq LIMIT 500`, [j.id, afterSeq]),
  ]);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    job: {
      id: j.id, status: j.status, errorMessage: j.errorMessage, exitCode: j.exitCode, cancelRequested: j.cancelRequested,
      hostName: j.hostName, templateName: j.templateName, queuePosition: j.queuePosition, startedAt: iso(j.startedAt), finishedAt: iso(j.finishedAt),
    },
    phases: phases.map((p) => ({ name: p.name, parent: p.parent, status: p.status, startedAt: iso(p.startedAt), finishedAt: iso(p.finishedAt), durationMs: p.durationMs, typicalMs: p.typicalMs })),
    logs: logs.map((l) => ({ seq: Number(l.seq), stream: l.stream, text: l.text })),
  };
}

/** Does the run come from a provisioning job (the run page then shows the live panel)? */
export async function runHasProvisioningJob(runId: string): Promise<boolean> {
  return (await findProvisioningJobStatus(runId)) !== null;
}

/** The status of the run's provisioning job (queued, running, …), or null when CI posted the run. */
export async function findProvisioningJobStatus(runId: string): Promise<string | null> {
  if (!isUuid(runId)) return null;
  const { rows } = await pool().query<{ status: string }>(`SELECT status::text AS status FROM provisioning_jobs WHERE "runId" = $1`, [runId]);
  return rows[0]?.status ?? null;
}
