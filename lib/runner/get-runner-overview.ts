// The /runner page: hosts (never their keys), templates, and each host's
// running and queued jobs in the order they will start.
import { pool } from "@/lib/db";

export async function getRunnerOverview() {
  const [hosts, templates, jobs] = await Promise.all([
    pool().query(`SELECT id, name, host, port, username, "hostKeyFingerprint", "maxConcurrent", labels, "lastSeenAt", reachable, "lastError" FROM runner_hosts ORDER BY name`),
    pool().query(`SELECT t.id, t.name, t.command, t."workingDir", t."junitPaths", t."timeoutSec", t."tryOut", p.slug AS project FROM run_templates t JOIN projects p ON p.id = t."projectId" ORDER BY p.slug, t.name`),
    pool().query(`SELECT j.id, j."runId", j.status, j."runnerHostId", j."createdAt", t.name AS template, j.params->>'branch' AS branch, j.params->>'mode' AS mode
                    FROM provisioning_jobs j JOIN run_templates t ON t.id = j."templateId"
                   WHERE j.status IN ('queued', 'starting', 'running') ORDER BY j."createdAt", j.id`),
  ]);
  return {
    hosts: hosts.rows.map((h) => ({ ...h, lastSeenAt: h.lastSeenAt?.toISOString() ?? null })) as {
      id: string; name: string; host: string; port: number; username: string; hostKeyFingerprint: string; maxConcurrent: number;
      labels: Record<string, string>; lastSeenAt: string | null; reachable: boolean | null; lastError: string | null;
    }[],
    templates: templates.rows as { id: string; name: string; command: string; workingDir: string | null; junitPaths: string[]; timeoutSec: number; tryOut: boolean; project: string }[],
    jobs: jobs.rows as { id: string; runId: string; status: string; runnerHostId: string; template: string; branch: string | null; mode: string }[],
  };
}
