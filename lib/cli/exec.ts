// `runboard exec [options] -- <command...>`: run a CI command with its output
// and exit code passed through unchanged, recognise its phases from the output
// with the runner's own line splitter and phase tracker, show it live on the
// run page (live-reporter.ts), and at the end upload the reports, the phases
// and the finish in one retried POST /api/v1/ingest. Runboard being down never
// changes the exit code, unless --strict.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { Writable } from "node:stream";
import { type EnvVars, type Io, EXIT_FAILURE, EXIT_OK, UsageError } from "@/lib/cli/io";
import { EXEC_HELP, type ExecOptions, parseExecOptions } from "@/lib/cli/exec-options";
import { LiveReporter } from "@/lib/cli/live-reporter";
import { type ReportPart, expandReportPatterns, readReportPart } from "@/lib/cli/report-files";
import { formatSummary, postIngest } from "@/lib/cli/upload";
import { classifyExit, formatSeconds } from "@/lib/runner/exit-outcome";
import { LineSplitter } from "@/lib/runner/line-splitter";
import { PhaseTracker } from "@/lib/runner/phase-protocol";
import type { PhaseInput } from "@/lib/schemas/phases";

export interface ExecSinks {
  stdout: Writable;
  stderr: Writable;
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** the command could not be started at all */
  spawnError?: string;
}

/** Run the command, feeding each output line to onLine; resolves with how it ended. */
function runCommand(o: ExecOptions, env: EnvVars, sinks: ExecSinks, cwd: string, onOutput: (stream: "stdout" | "stderr", bytes: Buffer) => void): Promise<Ended> {
  // the token is Runboard's, not the suite's
  const childEnv: NodeJS.ProcessEnv = { ...env } as NodeJS.ProcessEnv;
  delete childEnv.RUNBOARD_TOKEN;
  const child = spawn(o.command[0], o.command.slice(1), { cwd, env: childEnv, stdio: ["inherit", "pipe", "pipe"] });
  const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
  const onInt = forward("SIGINT");
  const onTerm = forward("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  child.stdout.on("data", (b: Buffer) => {
    sinks.stdout.write(b);
    onOutput("stdout", b);
  });
  child.stderr.on("data", (b: Buffer) => {
    sinks.stderr.write(b);
    onOutput("stderr", b);
  });
  return new Promise((resolve) => {
    const done = (e: Ended) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve(e);
    };
    child.on("error", (e: NodeJS.ErrnoException) => done({ code: e.code === "ENOENT" ? 127 : 126, signal: null, spawnError: `cannot run "${o.command[0]}": ${e.code ?? e.message}` }));
    child.on("close", (code, signal) => done({ code, signal }));
  });
}

/** The shell's convention: the code, or 128 + the signal's number. */
export function exitCodeOf(e: Ended): number {
  if (e.code !== null) return e.code;
  return 128 + ((e.signal && constants.signals[e.signal]) || 0);
}

export async function runExec(argv: string[], env: EnvVars, io: Io, cwd = process.cwd(), sinks: ExecSinks = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const o = await parseExecOptions(argv, env, cwd);
  if (o === "help") {
    io.out(EXEC_HELP);
    return EXIT_OK;
  }
  const started = Date.now();
  const startedAt = o.upload.metadata.startedAt ?? new Date(started).toISOString();
  const live = new LiveReporter(o.upload, io, o.tailBytes);
  await live.start(startedAt, `[runboard] $ ${o.command.join(" ")}\n`);

  const tracker = new PhaseTracker(o.patterns);
  const phases = new Map<string, PhaseInput>();
  const track = (updates: PhaseInput[]) => {
    for (const u of updates) phases.set(u.name, u);
    live.phases(updates);
  };
  const splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
  const ended = await runCommand(o, env, sinks, cwd, (stream, bytes) => {
    const lines = splitters[stream].push(bytes);
    if (lines.length) live.log(stream, lines.map((l) => `${l}\n`).join(""));
    for (const l of lines) track(tracker.line(l));
  });
  for (const stream of ["stdout", "stderr"] as const) {
    const rest = splitters[stream].end();
    if (rest !== null) {
      live.log(stream, rest);
      track(tracker.line(rest));
    }
  }
  if (ended.spawnError) io.err(`runboard: ${ended.spawnError}`);
  const code = exitCodeOf(ended);
  const verdict = classifyExit({ stop: null, timedOut: false, dropped: false, code: ended.code, signal: ended.signal, elapsedMs: Date.now() - started, command: o.command.join(" ") });
  track(tracker.closeAll(verdict.closePhases));
  live.log("system", `[runboard] ${verdict.outcome.message ?? `The command succeeded after ${formatSeconds(Date.now() - started)}`}\n`);
  await live.stop();

  const sent = await sendResults(o, startedAt, code, [...phases.values()], io, cwd);
  return !sent && o.strict ? EXIT_FAILURE : code;
}

/** The final upload: reports, every phase, the finish. False (and a note of what was not sent) when it failed. */
async function sendResults(o: ExecOptions, startedAt: string, code: number, phases: PhaseInput[], io: Io, cwd: string): Promise<boolean> {
  const parts: ReportPart[] = [];
  for (const pattern of o.upload.patterns) {
    try {
      const files = await expandReportPatterns([pattern], cwd);
      parts.push(...(await Promise.all(files.map((f) => readReportPart(f)))));
    } catch (e) {
      // a command that failed early often wrote no report: say so, send the rest
      if (!(e instanceof UsageError)) throw e;
      io.err(`runboard: ${e.message}`);
    }
  }
  const upload = {
    ...o.upload,
    metadata: { ...o.upload.metadata, startedAt, finish: o.upload.metadata.finish ?? true, status: o.upload.metadata.status ?? (code === 0 ? "passed" : "failed") },
  } as typeof o.upload;
  try {
    const phasesText = phases.length ? JSON.stringify({ phases }) : undefined;
    const { run, text, created } = await postIngest(upload, phasesText, parts, io);
    io.err(o.upload.json ? text : formatSummary(o.upload.url, run, created));
    return true;
  } catch (e) {
    const what = [`${parts.length} report file${parts.length === 1 ? "" : "s"}`, `${phases.length} phase${phases.length === 1 ? "" : "s"}`, "the run's finish"].join(", ");
    io.err(`runboard: could not send ${what} to Runboard: ${(e as Error).message}`);
    io.err(`runboard: the command's exit code (${code}) is kept${o.strict ? "; --strict: exiting 1" : ""}`);
    return false;
  }
}
