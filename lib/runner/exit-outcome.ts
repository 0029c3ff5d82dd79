// How a command's end reads, for the runner and `runboard exec`: the job
// outcome (status and message), how still-open phases close, and whether its
// reports are worth collecting. Pure: the facts of the end in, a verdict out.
import type { JobOutcome } from "@/lib/runner/finalize-job";

export interface ExitFacts {
  /** why Runboard stopped the command, if it did */
  stop: "cancel" | "shutdown" | null;
  timedOut: boolean;
  /** the connection dropped before an exit status arrived; `droppedNote` says what became of the remote command */
  dropped: boolean;
  droppedNote?: string;
  code: number | null;
  signal: string | null;
  elapsedMs: number;
  /** for the messages */
  command: string;
  timeoutSec?: number;
  workingDir?: string | null;
  host?: { name: string; address: string };
  lastStderr?: string;
}

export interface ExitVerdict {
  outcome: JobOutcome;
  /** how phases still open at the end are closed */
  closePhases: "passed" | "failed" | "cancelled";
  /** the command ran to its end: its reports (failing specs included) are wanted */
  collectReports: boolean;
}

export const formatSeconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export function classifyExit(f: ExitFacts): ExitVerdict {
  const elapsed = formatSeconds(f.elapsedMs);
  const failed = (message: string, exitCode?: number | null, collectReports = false): ExitVerdict => ({
    outcome: exitCode === undefined ? { status: "failed", message } : { status: "failed", message, exitCode },
    closePhases: "failed",
    collectReports,
  });
  if (f.stop === "cancel") {
    return { outcome: { status: "cancelled", message: `Cancelled on request after ${elapsed}; the remote command was stopped`, exitCode: f.code }, closePhases: "cancelled", collectReports: false };
  }
  if (f.timedOut) {
    return { outcome: { status: "timed_out", message: `Timed out after ${f.timeoutSec} s (the template's limit); the remote command was stopped`, exitCode: f.code }, closePhases: "failed", collectReports: false };
  }
  if (f.stop === "shutdown") return failed(`The worker was shut down while the command ran (after ${elapsed}); the remote command was stopped`);
  if (f.dropped) return failed(`The SSH connection to ${f.host?.address ?? "the host"} dropped mid-run (after ${elapsed}); ${f.droppedNote ?? "the remote command may still run"}`);
  if (f.code === 0) return { outcome: { status: "succeeded", message: null, exitCode: 0 }, closePhases: "passed", collectReports: true };
  if (f.code === 127) return failed(`Command not found (exit 127): ${f.lastStderr ?? f.command}`, 127);
  if (f.code === 97 && f.workingDir) return failed(`The working directory ${f.workingDir} does not exist on ${f.host?.name ?? "the host"}`, 97);
  if (f.code === null) return failed(`The command was killed by signal ${f.signal ?? "unknown"} after ${elapsed}`);
  // failing specs usually mean a non-zero exit: their report is the interesting part
  return failed(`The command exited with code ${f.code} after ${elapsed}`, f.code, true);
}
