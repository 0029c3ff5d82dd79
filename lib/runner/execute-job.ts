// Run one claimed provisioning job: connect (host key checked), run the
// template's command under its own process group, stream stdout/stderr into
// the job log and phase lines into the run's phases as they happen, then fetch
// the reports over SFTP, ingest them with the API's code, and close the run.
// Every path ends in finalizeJob with a status and a message.
import type { Client, ClientChannel } from "ssh2";
import { AppError } from "@/lib/errors";
import { renewLease } from "@/lib/runner/claim";
import { type JobOutcome, finalizeJob } from "@/lib/runner/finalize-job";
import { JobLog } from "@/lib/runner/job-log";
import { type LoadedJob, loadJob, markHostSeen } from "@/lib/runner/load-job";
import { log as appLog } from "@/lib/log";
import { PhaseTracker } from "@/lib/runner/phase-protocol";
import { classifyExit } from "@/lib/runner/exit-outcome";
import { LineSplitter } from "@/lib/runner/line-splitter";
import { stopRemoteGroup } from "@/lib/runner/remote-stop";
import { decryptSecret } from "@/lib/runner/secret-box";
import { remoteScript, renderCommand } from "@/lib/runner/shell";
import { SshError, connectSsh, execChannel, killRemoteGroup } from "@/lib/runner/ssh";
import { pool } from "@/lib/db";
import { collectResults } from "@/lib/runner/collect-results";
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

  const prepared = prepare(job);
  if ("status" in prepared) return prepared;
  const { command, privateKey } = prepared;
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
  const { push: pushPhases, settled: phasesSettled } = phaseRecorder(job, log);
  const output = followOutput(job, ch, conn, log, (line) => pushPhases(tracker.line(line)));
  let stopping: Promise<void> | null = null;
  const stopRemote = () => {
    stopping ??= (async () => {
      if (output.pgid()) await killRemoteGroup(conn, output.pgid()!, 2).catch(() => {});
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

  const end = await output.ended;
  clearTimeout(timer);
  const kind = stopped();
  if (kind === "lease") return null;

  const droppedNote = end.dropped && !kind && !timedOut ? await stopRemoteGroup(job, output.pgid()) : undefined;
  const verdict = classifyExit({
    stop: kind === "cancel" || kind === "shutdown" ? kind : null, timedOut, dropped: end.dropped, droppedNote,
    code: end.code, signal: end.signal, elapsedMs: Date.now() - started, command, timeoutSec: template.timeoutSec,
    workingDir: template.workingDir, host: { name: host.name, address: `${host.host}:${host.port}` }, lastStderr: output.lastStderr(),
  });
  pushPhases(tracker.closeAll(verdict.closePhases));
  let outcome = verdict.outcome;
  if (stopping) await stopping;
  await phasesSettled();
  if (!verdict.collectReports) return outcome;

  const missing = await collectResults(job, conn, log).catch((e) => `The reports could not be fetched over SFTP: ${(e as Error).message}`);
  if (missing) {
    outcome = outcome.status === "succeeded"
      ? { status: "failed", message: missing, exitCode: outcome.exitCode }
      : { ...outcome, message: `${outcome.message}; ${missing}` };
  }
  return outcome;
}

/** Phase updates recorded in order, one after another; a refused update is noted in the log. */
function phaseRecorder(job: LoadedJob, log: JobLog) {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    push(updates: PhaseInput[]) {
      if (!updates.length) return;
      chain = chain
        .then(() => recordPhases(job.runId, updates, job.projectId))
        .catch((e) => log.system(`phase update ignored: ${(e as Error).message}`));
    },
    settled: () => chain,
  };
}

/** The command (its values checked again: a queued job's may come from older code) and the decrypted key, or why not. */
function prepare(job: LoadedJob): { command: string; privateKey: string } | JobOutcome {
  let command: string;
  try {
    command = renderCommand(job.template, job.params);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const details = Array.isArray(e.details) ? ` (${e.details.map((d) => `${d.path}: ${d.message}`).join("; ")})` : "";
    return { status: "failed", message: `Refused to run: ${e.message}${details}` };
  }
  try {
    return { command, privateKey: decryptSecret(job.host.privateKeyEncrypted) };
  } catch (e) {
    return { status: "failed", message: (e as Error).message };
  }
}

/** Lines of stdout and stderr into the job log and to onLine, the pgid marker taken out; resolves when the channel closes. */
function followOutput(job: LoadedJob, ch: ClientChannel, conn: Client, log: JobLog, onLine: (line: string) => void) {
  let pgid: number | null = null;
  const lastStderr: string[] = [];
  const follow = (stream: "stdout" | "stderr") => {
    const splitter = new LineSplitter();
    return {
      data(buf: Buffer) {
        const lines = splitter.push(buf);
        if (stream === "stdout" && pgid === null) {
          const i = lines.findIndex((l) => l.startsWith(PGID_MARKER));
          if (i >= 0) {
            pgid = Number(lines[i].slice(PGID_MARKER.length).trim()) || null;
            void pool().query(`UPDATE provisioning_jobs SET "remotePgid" = $2 WHERE id = $1`, [job.id, pgid]);
            lines.splice(i, 1);
          }
        }
        log.write(stream, lines.map((l) => l + "\n").join(""));
        for (const l of lines) {
          onLine(l);
          if (stream === "stderr" && l.trim()) {
            lastStderr.push(l.trim().slice(0, 300));
            if (lastStderr.length > 3) lastStderr.shift();
          }
        }
      },
      end() {
        const rest = splitter.end();
        if (rest === null) return;
        log.write(stream, rest);
        onLine(rest);
      },
    };
  };
  const out = follow("stdout");
  const err = follow("stderr");
  const ended = new Promise<Ended>((resolve) => {
    let code: number | null = null;
    let signal: string | null = null;
    let exited = false;
    const close = () => {
      out.end();
      err.end();
      resolve({ code, signal, dropped: !exited });
    };
    ch.on("data", (d: Buffer) => out.data(d));
    ch.stderr.on("data", (d: Buffer) => err.data(d));
    ch.on("exit", (c: number | null, s?: string) => {
      exited = true;
      code = c;
      signal = s ?? null;
    });
    ch.on("close", close);
    conn.on("close", close);
    conn.on("error", () => {}); // reported by "close"
  });
  return { ended, pgid: () => pgid, lastStderr: () => lastStderr[lastStderr.length - 1] };
}
