// The reports of a finished provisioning command, over SFTP: the template's
// phases file (recorded) and its JUnit globs (ingested with the API's code).
import type { Client } from "ssh2";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { assertJsonDepth } from "@/lib/ingest/json-depth";
import type { JobLog } from "@/lib/runner/job-log";
import type { LoadedJob } from "@/lib/runner/load-job";
import { fetchFiles, openSftp } from "@/lib/runner/ssh";
import { phasesPayloadSchema } from "@/lib/schemas/phases";
import { ingestReportFiles } from "@/lib/services/attach-reports";
import { recordPhases } from "@/lib/services/record-phases";

const resolvePath = (p: string, dir: string | null) => (p.startsWith("/") || !dir ? p : `${dir.replace(/\/$/, "")}/${p}`);

/** Phases file and JUnit reports over SFTP; returns a message when the reports are missing or bad. */
export async function collectResults(job: LoadedJob, conn: Client, log: JobLog): Promise<string | null> {
  const { template } = job;
  if (!template.phasesPath && template.junitPaths.length === 0) return null;
  const sftp = await openSftp(conn);
  const maxBytes = env().RUNBOARD_MAX_UPLOAD_BYTES;
  try {
    if (template.phasesPath) {
      const p = resolvePath(template.phasesPath, template.workingDir);
      try {
        const files = await fetchFiles(sftp, p, maxBytes);
        if (!files.length) log.system(`No phases file at ${p}`);
        else {
          const text = Buffer.from(files[0].bytes).toString("utf8");
          assertJsonDepth(text, "The phases file");
          const parsed = phasesPayloadSchema.safeParse(JSON.parse(text));
          if (!parsed.success) log.system(`The phases file ${p} was ignored: ${parsed.error.issues[0]?.message}`);
          else await recordPhases(job.runId, parsed.data.phases, job.projectId);
        }
      } catch (e) {
        log.system(`The phases file ${p} was ignored: ${(e as Error).message}`);
      }
    }
    if (template.junitPaths.length === 0) return null;
    const wanted = template.junitPaths.map((p) => resolvePath(p, template.workingDir));
    const files = [];
    for (const p of wanted) files.push(...(await fetchFiles(sftp, p, maxBytes)));
    if (!files.length) return `No JUnit report found at ${wanted.join(", ")}`;
    try {
      const outcomes = await ingestReportFiles(job.runId, files.map((f) => ({ filename: f.filename, bytes: f.bytes })), { projectId: job.projectId });
      const total = outcomes.reduce((n, o) => n + (o.totals?.tests ?? 0), 0);
      log.system(`Ingested ${files.length} report file(s): ${files.map((f) => f.path).join(", ")}${total ? ` (${total} specs in the run)` : ""}`);
      return null;
    } catch (e) {
      return `The JUnit report could not be ingested: ${e instanceof AppError ? e.message : (e as Error).message}`;
    }
  } finally {
    sftp.end();
  }
}
