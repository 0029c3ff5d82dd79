// The /runner page: hosts (never their keys), templates, and each host's
// running and queued jobs in the order they will start.
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";
import { templateParamsSchema, templatePlaceholders } from "@/lib/runner/template-params";
import { placeholderProblems } from "@/lib/runner/template-words";
import { templateFocusSchema } from "@/lib/runner/focus";

/** Hosts are shared; templates and jobs are those of the reader's projects (`scope`, null = all). */
export async function getRunnerOverview(scope: ProjectScope = null) {
  const [hosts, templates, jobs] = await Promise.all([
    pool().query(`SELECT id, name, host, port, username, "hostKeyFingerprint", "maxConcurrent", labels, "lastSeenAt", reachable, "lastError" FROM runner_hosts ORDER BY name`),
    pool().query(`SELECT t.id, t.name, t.command, t."workingDir", t."junitPaths", t."timeoutSec", t.params, t."tryOut", t.focus, t."phasesPath", t."phasePatterns", t."projectId", p.slug AS project FROM run_templates t JOIN projects p ON p.id = t."projectId"
                   WHERE $1::uuid[] IS NULL OR t."projectId" = ANY($1) ORDER BY p.slug, t.name`, [scope]),
    pool().query(`SELECT j.id, j."runId", j.status, j."runnerHostId", j."createdAt", t.name AS template, j.params->>'branch' AS branch, j.params->>'mode' AS mode
                    FROM provisioning_jobs j JOIN run_templates t ON t.id = j."templateId"
                   WHERE j.status IN ('queued', 'starting', 'running') AND ($1::uuid[] IS NULL OR j."projectId" = ANY($1)) ORDER BY j."createdAt", j.id`, [scope]),
  ]);
  return {
    hosts: hosts.rows.map((h) => ({ ...h, lastSeenAt: h.lastSeenAt?.toISOString() ?? null })) as {
      id: string; name: string; host: string; port: number; username: string; hostKeyFingerprint: string; maxConcurrent: number;
      labels: Record<string, string>; lastSeenAt: string | null; reachable: boolean | null; lastError: string | null;
    }[],
    templates: templates.rows.map((t) => {
      const declared = templateParamsSchema.catch({}).parse(t.params ?? {});
      return {
        id: t.id as string, name: t.name as string, command: t.command as string, workingDir: t.workingDir as string | null,
        junitPaths: t.junitPaths as string[], timeoutSec: t.timeoutSec as number, tryOut: t.tryOut as boolean, project: t.project as string, projectId: t.projectId as string, declared,
        phasesPath: t.phasesPath as string | null, phasePatterns: t.phasePatterns as unknown[], focus: templateFocusSchema.safeParse(t.focus).data ?? null,
        /** placeholders a run must fill besides mode and branch */
        // Runboard fills the focus placeholder itself (empty, or the failed specs of a rerun)
        placeholders: templatePlaceholders(t.command).filter((p) => p !== "mode" && p !== "branch" && p !== templateFocusSchema.safeParse(t.focus).data?.placeholder),
        /** why the template must be edited before it can run (saved before the placeholder rules) */
        problems: placeholderProblems(t.command).map((p) => p.message),
      };
    }),
    jobs: jobs.rows as { id: string; runId: string; status: string; runnerHostId: string; template: string; branch: string | null; mode: string }[],
  };
}
