// Run one claimed provisioning job: connect (host key checked), run the
// template's command under its own process group, stream stdout/stderr into
// the job log and phase lines into the run's phases as they happen, then fetch
// the reports over SFTP, ingest them with the API's code, and close the run.
// Every path ends in finalizeJob with a status and a message.
import type { Client, ClientChannel } from "ssh2";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { phasesPayloadSchema } from "@/lib/schemas/phases";
import { renewLease } from "@/lib/runner/claim";
import { type JobOutcome, finalizeJob } from "@/lib/runner/finalize-job";
import { JobLog } from "@/lib/runner/job-log";
import { type LoadedJob, loadJob, markHostSeen } from "@/lib/runner/load-job";
import { log as appLog } from "@/lib/log";
import { PhaseTracker } from "@/lib/runner/phase-protocol";
import { stopRemoteGroup } from "@/lib/runner/remote-stop";
import { decryptSecret } from "@/lib/runner/secret-box";
import { remoteScript, renderCommand } from "@/lib/runner/shell";
import { SshError, connectSsh, execChannel, fetchFiles, killRemoteGroup, openSftp } from "@/lib/runner/ssh";
import { pool } from "@/lib/db";
import { assertJsonDepth } from "@/lib/ingest/json-depth";
import { ingestReportFiles } from "@/lib/services/attach-reports";
import { recordPhases } from "@/lib/services/record-phases";
import type { PhaseInput } from "@/lib/schemas/phases";

export const PGID_MARKER = "##runboard pgid";

export interface ExecuteOptions {
  workerId: string;
  leaseSec: number;
  /** aborted when the worker shuts down */
  shutdown: AbortSignal;
}

type StopKind = "cancel" | "timeout" | "lease" | "shutdown";

interface Ended {
  code: number | null;
  signal: string | null;
  dropped: boolean;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export async function executeJob(jobId: string, opts: ExecuteOptions): Promise<JobOutcome | null> {
  const job = await loadJob(jobId);
  if (!job) {
    const outcome: JobOutcome = { status: "failed", message: "The job has no run or its template/host is gone" };
    await finalizeJob(jobId, outcome, { owner: opts.workerId });
    return outcome;
  }
  const log = await JobLog.open(jobId);
  let stop: StopKind | null = null;
  let onStop: (k: StopKind) => void = () => {};
  const requestStop = (k: StopKind) => {
    if (stop) return;
    stop = k;
    onStop(k);
  };
  const beat = setInterval(() => {
    renewLease(jobId, opts.workerId, opts.leaseSec)
      .then((r) => {
        if (!r) requestStop("lease");
        else if (r.cancelRequested) requestStop("cancel");
      })
      .catch(() => {}); // a missed beat is not fatal; a lost lease is seen on the next one
  }, Math.min(1000, (opts.leaseSec * 1000) / 3));
  const onShutdown = () => requestStop("shutdown");
  opts.shutdown.addEventListener("abort", onShutdown);
  let conn: Client | null = null;
  try {
    const outcome = await run(job, log, () => stop, (fn) => (onStop = fn), (c) => (conn = c));
    if (!outcome) return null; // lease lost: another worker owns the job now
    log.system(outcome.status === "succeeded" ? "Finished: succeeded" : `Finished: ${outcome.status.replace("_", " ")}: ${outcome.message}`);
    await log.flush();
    await finalizeJob(jobId, outcome, { owner: opts.workerId });
    appLog().info({ jobId, status: outcome.status }, "provisioning job finished");
    return outcome;
  } catch (e) {
    const message = `Runner error: ${(e as Error).message}`;
    log.system(message);
    await log.flush();
    await finalizeJob(jobId, { status: "failed", message }, { owner: opts.workerId });
    appLog().error({ jobId, error: (e as Error).message }, "provisioning job crashed");
    return { status: "failed", message };
  } finally {
    clearInterval(beat);
    opts.shutdown.removeEventListener("abort", onShutdown);
    (conn as Client | null)?.end();
  }
}

async function run(
  job: LoadedJob,
  log: JobLog,
  stopped: () => StopKind | null,
  setOnStop: (fn: (k: StopKind) => void) => void,
  setConn: (c: Client) => void,
): Promise<JobOutcome | null> {
  const { host, template } = job;
  await pool().query(`UPDATE runs SET "startedAt" = now(), "runnerHost" = $2, "updatedAt" = now() WHERE id = $1 AND "finishedAt" IS NULL`, [job.runId, host.name]);

  // checked again here, before any connection: a queued job's values may come from older code
  let command: string;
  try {
    command = renderCommand(template, job.params);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const details = Array.isArray(e.details) ? ` (${e.details.map((d) => `${d.path}: ${d.message}`).join("; ")})` : "";
    return { status: "failed", message: `Refused to run: ${e.message}${details}` };
  }
  let privateKey: string;
  try {
    privateKey = decryptSecret(host.privateKeyEncrypted);
  } catch (e) {
    return { status: "failed", message: (e as Error).message };
  }
  log.system(`Connecting to ${host.username}@${host.host}:${host.port} (runner host "${host.name}", expecting host key ${host.hostKeyFingerprint})`);
  let conn: Client;
  try {
    conn = await connectSsh({ ...host, privateKey });
  } catch (e) {
    const message = e instanceof SshError || e instanceof AppError ? e.message : `SSH connection failed: ${(e as Error).message}`;
    await markHostSeen(host.id, false, message);
    log.system(message);
    return { status: "failed", message };
  }
  setConn(conn);
  await markHostSeen(host.id, true, null);
  if (stopped() === "cancel") return { status: "cancelled", message: "Cancelled before the command started" };
  if (stopped() === "lease") return null;

  await pool().query(`UPDATE provisioning_jobs SET status = 'running' WHERE id = $1 AND status = 'starting'`, [job.id]);
  log.system(`$ ${command}${template.workingDir ? `   (in ${template.workingDir})` : ""}`);
  const started = Date.now();
  const ch: ClientChannel = await execChannel(conn, remoteScript(command, template.workingDir, PGID_MARKER));

  const tracker = new PhaseTracker(template.phasePatterns);
  let phaseChain: Promise<unknown> = Promise.resolve();
  const pushPhases = (updates: PhaseInput[]) => {
    if (!updates.length) return;
    phaseChain = phaseChain
      .then(() => recordPhases(job.runId, updates, job.projectId))
      .catch((e) => log.system(`phase update ignored: ${(e as Error).message}`));
  };
  let pgid: number | null = null;
  const lastStderr: string[] = [];
  const splitter = (stream: "stdout" | "stderr") => {
    let rest = "";
    return {
      data(buf: Buffer) {
        let text = rest + buf.toString("utf8");
        const lines = text.split("\n");
        rest = lines.pop() ?? "";
        if (stream === "stdout" && pgid === null) {
          const i = lines.findIndex((l) => l.startsWith(PGID_MARKER));
          if (i >= 0) {
            pgid = Number(lines[i].slice(PGID_MARKER.length).trim()) || null;
            void pool().query(`UPDATE provisioning_jobs SET "remotePgid" = $2 WHERE id = $1`, [job.id, pgid]);
            lines.splice(i, 1);
          }
        }
        text = lines.map((l) => l + "\n").join("");
        log.write(stream, text);
        for (const l of lines) {
          pushPhases(tracker.line(l.replace(/\r$/, "")));
          if (stream === "stderr" && l.trim()) {
            lastStderr.push(l.trim().slice(0, 300));
            if (lastStderr.length > 3) lastStderr.shift();
          }
        }
      },
      end() {
        if (rest) {
          log.write(stream, rest);
          pushPhases(tracker.line(rest));
          rest = "";
        }
      },
    };
  };
  const out = splitter("stdout");
  const err = splitter("stderr");

  const ended = new Promise<Ended>((resolve) => {
    let code: number | null = null;
    let signal: string | null = null;
    let exited = false;
    ch.on("data", (d: Buffer) => out.data(d));
    ch.stderr.on("data", (d: Buffer) => err.data(d));
    ch.on("exit", (c: number | null, s?: string) => {
      exited = true;
      code = c;
      signal = s ?? null;
    });
    ch.on("close", () => {
      out.end();
      err.end();
      resolve({ code, signal, dropped: !exited });
    });
    conn.on("close", () => {
      out.end();
      err.end();
      resolve({ code, signal, dropped: !exited });
    });
    conn.on("error", () => {}); // reported by "close"
  });

  let stopping: Promise<void> | null = null;
  const stopRemote = () => {
    stopping ??= (async () => {
      if (pgid) await killRemoteGroup(conn, pgid, 2).catch(() => {});
      else ch.close();
    })();
  };
  setOnStop(() => stopRemote());
  if (stopped()) stopRemote();
  let timedOut = false;
  const timer = setTimeout(() => {
    if (stopped()) return;
    timedOut = true;
    stopRemote();
  }, template.timeoutSec * 1000);

  const end = await ended;
  clearTimeout(timer);
  const elapsed = seconds(Date.now() - started);
  const kind = stopped();
  if (kind === "lease") return null;

  let outcome: JobOutcome;
  let fetchReports = false;
  if (kind === "cancel") {
    pushPhases(tracker.closeAll("cancelled"));
    outcome = { status: "cancelled", message: `Cancelled on request after ${elapsed}; the remote command was stopped`, exitCode: end.code };
  } else if (timedOut) {
    pushPhases(tracker.closeAll("failed"));
    outcome = { status: "timed_out", message: `Timed out after ${template.timeoutSec} s (the template's limit); the remote command was stopped`, exitCode: end.code };
  } else if (kind === "shutdown") {
    pushPhases(tracker.closeAll("failed"));
    outcome = { status: "failed", message: `The worker was shut down while the command ran (after ${elapsed}); the remote command was stopped` };
  } else if (end.dropped) {
    pushPhases(tracker.closeAll("failed"));
    const what = await stopRemoteGroup(job, pgid);
    outcome = { status: "failed", message: `The SSH connection to ${host.host}:${host.port} dropped mid-run (after ${elapsed}); ${what}` };
  } else if (end.code === 0) {
    pushPhases(tracker.closeAll("passed"));
    outcome = { status: "succeeded", message: null, exitCode: 0 };
    fetchReports = true;
  } else if (end.code === 127) {
    pushPhases(tracker.closeAll("failed"));
    outcome = { status: "failed", message: `Command not found (exit 127): ${lastStderr[lastStderr.length - 1] ?? command}`, exitCode: 127 };
  } else if (end.code === 97) {
    pushPhases(tracker.closeAll("failed"));
    outcome = { status: "failed", message: `The working directory ${template.workingDir} does not exist on ${host.name}`, exitCode: 97 };
  } else if (end.code === null) {
    pushPhases(tracker.closeAll("failed"));
    outcome = { status: "failed", message: `The command was killed by signal ${end.signal ?? "unknown"} after ${elapsed}` };
  } else {
    pushPhases(tracker.closeAll("failed"));
    outcome = { status: "failed", message: `The command exited with code ${end.code} after ${elapsed}`, exitCode: end.code };
    fetchReports = true; // failing specs usually mean a non-zero exit: their report is the interesting part
  }
  if (stopping) await stopping;
  await phaseChain;
  if (!fetchReports) return outcome;

  const missing = await collectResults(job, conn, log).catch((e) => `The reports could not be fetched over SFTP: ${(e as Error).message}`);
  if (missing) {
    outcome = outcome.status === "succeeded"
      ? { status: "failed", message: missing, exitCode: outcome.exitCode }
      : { ...outcome, message: `${outcome.message}; ${missing}` };
  }
  return outcome;
}

const resolvePath = (p: string, dir: string | null) => (p.startsWith("/") || !dir ? p : `${dir.replace(/\/$/, "")}/${p}`);

/** Phases file and JUnit reports over SFTP; returns a message when the reports are missing or bad. */
async function collectResults(job: LoadedJob, conn: Client, log: JobLog): Promise<string | null> {
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
