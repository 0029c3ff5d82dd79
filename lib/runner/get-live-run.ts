// What the live panel of a run page shows: the provisioning job (status,
// message, place in its host's queue), the phases so far, and log chunks
// after a given seq (the tail on first load, so a reload picks up where it was).
// A CI run started by `runboard exec` has no job: the run itself stands in for
// it (running until finished) and its posted log tail (run_log_chunks) is the log.
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";
import { isUuid } from "@/lib/schemas/uuid";

export interface LiveRun {
  job: {
    /** runner: a provisioning job; ci: `runboard exec` in a CI job (no queue, no cancel) */
    source: "runner" | "ci"; ciUrl: string | null;
    id: string; status: string; errorMessage: string | null; exitCode: number | null; cancelRequested: boolean;
    hostName: string; templateName: string; queuePosition: number | null; startedAt: string | null; finishedAt: string | null;
  };
  phases: { name: string; parent: string | null; status: string; startedAt: string | null; finishedAt: string | null; durationMs: number | null; typicalMs: number | null }[];
  logs: { seq: number; stream: string; text: string }[];
}

const TAIL = 200;

const PHASES_SQL = `SELECT p.name, pp.name AS parent, p.status, p."startedAt", p."finishedAt", p."durationMs",
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x."durationMs")::int FROM (
                 SELECT o."durationMs" FROM phases o JOIN runs orr ON orr.id = o."runId"
                  WHERE orr."projectId" = $2 AND orr.mode = $3 AND orr.id <> $1 AND o.name = p.name AND o.status = 'passed' AND o."durationMs" IS NOT NULL
                  ORDER BY orr."startedAt" DESC LIMIT 20) x) AS "typicalMs"
         FROM phases p LEFT JOIN phases pp ON pp.id = p."parentId"
        WHERE p."runId" = $1 ORDER BY p.position`;

/** Log chunks of a job (job_log_chunks) or of a CI run (run_log_chunks): the tail, or what follows afterSeq. */
function logQuery(table: "job_log_chunks" | "run_log_chunks", key: string, afterSeq: number | null) {
  const col = table === "job_log_chunks" ? `"jobId"` : `"runId"`;
  return afterSeq === null
    ? pool().query(`SELECT seq, stream, text FROM (SELECT seq, stream, text FROM ${table} WHERE ${col} = $1 ORDER BY seq DESC LIMIT ${TAIL}) t ORDER BY seq`, [key])
    : pool().query(`SELECT seq, stream, text FROM ${table} WHERE ${col} = $1 AND seq > $2 ORDER BY seq LIMIT 500`, [key, afterSeq]);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
type Row = Record<string, unknown>;
const phaseOf = (p: Row) => ({
  name: p.name as string, parent: p.parent as string | null, status: p.status as string, startedAt: iso(p.startedAt as Date | null),
  finishedAt: iso(p.finishedAt as Date | null), durationMs: p.durationMs as number | null, typicalMs: p.typicalMs as number | null,
});
const logOf = (l: Row) => ({ seq: Number(l.seq), stream: l.stream as string, text: l.text as string });

/** The live state of a CI run that posted a log tail, or null (no such run, or it never posted output). */
async function getCiLiveRun(runId: string, afterSeq: number | null, scope: ProjectScope): Promise<LiveRun | null> {
  const { rows } = await pool().query(
    `SELECT r.id, r.status, r."projectId", r.mode, r."runnerHost", r."ciUrl", r."startedAt", r."finishedAt"
       FROM runs r WHERE r.id = $1 AND ($2::uuid[] IS NULL OR r."projectId" = ANY($2)) AND EXISTS (SELECT 1 FROM run_log_chunks c WHERE c."runId" = r.id)`,
    [runId, scope],
  );
  const r = rows[0];
  if (!r) return null;
  const [{ rows: phases }, { rows: logs }] = await Promise.all([
    pool().query(PHASES_SQL, [runId, r.projectId, r.mode]),
    logQuery("run_log_chunks", runId, afterSeq),
  ]);
  // the job's vocabulary, so the panel and the stream's end condition stay one
  const status = !r.finishedAt ? "running" : r.status === "passed" ? "succeeded" : r.status === "cancelled" ? "cancelled" : "failed";
  return {
    job: {
      source: "ci", ciUrl: r.ciUrl, id: r.id, status, errorMessage: null, exitCode: null, cancelRequested: false,
      hostName: r.runnerHost ?? "", templateName: "runboard exec", queuePosition: null, startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt),
    },
    phases: phases.map(phaseOf),
    logs: logs.map(logOf),
  };
}

/** null without a job or CI log, or for a run outside the reader's `scope` (null = all). */
export async function getLiveRun(runId: string, afterSeq: number | null, scope: ProjectScope = null): Promise<LiveRun | null> {
  if (!isUuid(runId)) return null;
  const { rows: jobs } = await pool().query(
    `SELECT j.id, j.status, j."errorMessage", j."exitCode", j."cancelRequestedAt" IS NOT NULL AS "cancelRequested", j."startedAt", j."finishedAt",
            h.name AS "hostName", t.name AS "templateName", r."projectId", r.mode,
            CASE WHEN j.status = 'queued' THEN (SELECT count(*)::int FROM provisioning_jobs q WHERE q."runnerHostId" = j."runnerHostId" AND q.status = 'queued'
                   AND (q."createdAt", q.id) <= (j."createdAt", j.id)) END AS "queuePosition"
       FROM provisioning_jobs j JOIN runner_hosts h ON h.id = j."runnerHostId" JOIN run_templates t ON t.id = j."templateId"
       JOIN runs r ON r.id = j."runId"
      WHERE j."runId" = $1 AND ($2::uuid[] IS NULL OR r."projectId" = ANY($2))`,
    [runId, scope],
  );
  const j = jobs[0];
  if (!j) return getCiLiveRun(runId, afterSeq, scope);
  const [{ rows: phases }, { rows: logs }] = await Promise.all([
    // typical duration: median of the same phase in the project's last 20 finished runs of this mode
    pool().query(PHASES_SQL, [runId, j.projectId, j.mode]),
    logQuery("job_log_chunks", j.id, afterSeq),
  ]);
  return {
    job: {
      source: "runner", ciUrl: null,
      id: j.id, status: j.status, errorMessage: j.errorMessage, exitCode: j.exitCode, cancelRequested: j.cancelRequested,
      hostName: j.hostName, templateName: j.templateName, queuePosition: j.queuePosition, startedAt: iso(j.startedAt), finishedAt: iso(j.finishedAt),
    },
    phases: phases.map(phaseOf),
    logs: logs.map(logOf),
  };
}

/** Does the run have a live view (a provisioning job, or a CI log tail from `runboard exec`)? The run page then shows the live panel. */
export async function runHasLiveView(runId: string): Promise<boolean> {
  if (!isUuid(runId)) return false;
  const { rowCount } = await pool().query(
    `SELECT 1 WHERE EXISTS (SELECT 1 FROM provisioning_jobs WHERE "runId" = $1) OR EXISTS (SELECT 1 FROM run_log_chunks WHERE "runId" = $1)`,
    [runId],
  );
  return (rowCount ?? 0) > 0;
}

/** The status of the run's provisioning job (queued, running, …), or null when CI posted the run. */
export async function findProvisioningJobStatus(runId: string): Promise<string | null> {
  if (!isUuid(runId)) return null;
  const { rows } = await pool().query<{ status: string }>(`SELECT status::text AS status FROM provisioning_jobs WHERE "runId" = $1`, [runId]);
  return rows[0]?.status ?? null;
}
