// Everything a worker needs to run one provisioning job, in one read.
import { pool } from "@/lib/db";
import { type PhasePattern, phasePatternSchema } from "@/lib/runner/phase-protocol";
import { templateFocusSchema } from "@/lib/runner/focus";
import { type TemplateParams, templateParamsSchema } from "@/lib/runner/template-params";

export interface LoadedJob {
  id: string;
  runId: string;
  projectId: string;
  params: Record<string, string>;
  remotePgid: number | null;
  template: {
    name: string; command: string; workingDir: string | null; junitPaths: string[]; phasesPath: string | null;
    phasePatterns: PhasePattern[]; timeoutSec: number;
    /** declared parameters (unreadable declarations count as none: the default rules apply) */
    declared: TemplateParams;
    /** the focus placeholder, when the template declares one */
    focus?: string;
  };
  host: { id: string; name: string; host: string; port: number; username: string; privateKeyEncrypted: string; hostKeyFingerprint: string };
}

export async function loadJob(jobId: string): Promise<LoadedJob | null> {
  const { rows } = await pool().query(
    `SELECT j.id, j."runId", j."projectId", j.params, j."remotePgid",
            t.name AS t_name, t.command, t."workingDir", t."junitPaths", t."phasesPath", t."phasePatterns", t."timeoutSec", t.params AS t_params, t.focus AS t_focus,
            h.id AS h_id, h.name AS h_name, h.host, h.port, h.username, h."privateKeyEncrypted", h."hostKeyFingerprint"
       FROM provisioning_jobs j
       JOIN run_templates t ON t.id = j."templateId"
       JOIN runner_hosts h ON h.id = j."runnerHostId"
      WHERE j.id = $1`,
    [jobId],
  );
  const r = rows[0];
  if (!r || !r.runId) return null;
  const patterns = phasePatternSchema.array().safeParse(r.phasePatterns);
  return {
    id: r.id, runId: r.runId, projectId: r.projectId, params: r.params ?? {}, remotePgid: r.remotePgid,
    template: {
      name: r.t_name, command: r.command, workingDir: r.workingDir, junitPaths: r.junitPaths ?? [], phasesPath: r.phasesPath,
      phasePatterns: patterns.success ? patterns.data : [], timeoutSec: r.timeoutSec,
      declared: templateParamsSchema.catch({}).parse(r.t_params ?? {}),
      focus: templateFocusSchema.safeParse(r.t_focus).data?.placeholder,
    },
    host: { id: r.h_id, name: r.h_name, host: r.host, port: r.port, username: r.username, privateKeyEncrypted: r.privateKeyEncrypted, hostKeyFingerprint: r.hostKeyFingerprint },
  };
}

export async function markHostSeen(hostId: string, ok: boolean, error: string | null) {
  await pool().query(
    `UPDATE runner_hosts SET reachable = $2, "lastError" = $3, "lastSeenAt" = CASE WHEN $2 THEN now() ELSE "lastSeenAt" END, "updatedAt" = now() WHERE id = $1`,
    [hostId, ok, error],
  );
}
