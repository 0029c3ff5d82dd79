// `runboard exec` options: everything `upload` takes (the same flags and
// RUNBOARD_* variables), phase patterns, the live log tail and --strict, then
// "--" and the command.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type EnvVars, UsageError, envValue } from "@/lib/cli/io";
import { type UploadOptions, parseUploadOptions } from "@/lib/cli/upload-options";
import { type PhasePattern, phasePatternSchema } from "@/lib/runner/phase-protocol";

export interface ExecOptions {
  upload: UploadOptions;
  command: string[];
  patterns: PhasePattern[];
  /** the newest output kept for the live log (bytes); 0: no live log */
  tailBytes: number;
  strict: boolean;
}

export const EXEC_HELP = `Usage: runboard exec [options] -- <command> [args...]

Run a CI command unchanged (its output and exit code pass through), and show it
live on its Runboard run page: the run is created when the command starts,
phases are posted as they start and end, and the last part of the output is
posted while it runs. When the command ends, the --junit reports are uploaded
and the run is finished (one POST /api/v1/ingest, retried).

Phases come from the output: "##runboard phase start|end name=..." lines
(docs/runner-phase-protocol.md) and regex patterns.

Takes every option of "runboard upload" (--url, --token, --project, --mode,
--junit, --external-id, --branch, --status, --label, --retries, ...; see
"runboard upload --help"), none of them required but --url, --token, --project
and --mode, and:

  --phase-pattern REGEX    a line matching REGEX starts the phase named by its
                           first group, ending the previous one; repeatable
                           e.g. 'PHASE [0-9]+: (.+?)\\.\\.\\.'
  --phase-patterns FILE    JSON array of patterns, the run templates' format:   RUNBOARD_PHASE_PATTERNS
                           [{ "pattern", "start" | "end", "status"?, "parent"?, "group"? }]
  --log-tail KB            live output kept and posted (default 64, 0: none)  RUNBOARD_LOG_TAIL_KB
  --strict                 exit 1 when Runboard could not be told everything   RUNBOARD_STRICT
                           (without it CI never fails because the dashboard is down)

Exit code: the command's (128 + signal number when a signal ended it), 2 on a
usage error, 1 with --strict when something could not be sent.`;

async function readPatternsFile(file: string, cwd: string): Promise<PhasePattern[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path.resolve(cwd, file), "utf8"));
  } catch (e) {
    throw new UsageError(`cannot read --phase-patterns "${file}": ${(e as Error).message}`, "exec");
  }
  const list = Array.isArray(json) ? json : (json as { phasePatterns?: unknown })?.phasePatterns;
  const checked = phasePatternSchema.array().max(100).safeParse(list);
  if (!checked.success) {
    const lines = checked.error.issues.map((i) => `  ${i.path.join(".") || "/"}: ${i.message}`);
    throw new UsageError(`--phase-patterns "${file}" is not a list of phase patterns:\n${lines.join("\n")}`, "exec");
  }
  return checked.data;
}

/** --phase-pattern REGEX: its first group names the phase the line starts. */
function patternFlag(raw: string): PhasePattern {
  let groups = 0;
  try {
    groups = new RegExp(`${raw}|`).exec("")!.length - 1;
  } catch (e) {
    throw new UsageError(`--phase-pattern is not a valid regular expression: ${(e as Error).message}`, "exec");
  }
  if (groups < 1) throw new UsageError(`--phase-pattern needs a group naming the phase, e.g. 'PHASE [0-9]+: (.+)', got "${raw}"`, "exec");
  return phasePatternSchema.parse({ pattern: raw, start: "$1" });
}

export async function parseExecOptions(argv: string[], env: EnvVars, cwd: string): Promise<ExecOptions | "help"> {
  const dash = argv.indexOf("--");
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const command = dash < 0 ? [] : argv.slice(dash + 1);
  const parsed = parseUploadOptions(own, env, undefined, "exec", {
    "phase-pattern": { type: "string", multiple: true }, "phase-patterns": { type: "string" },
    "log-tail": { type: "string" }, strict: { type: "boolean" },
  });
  if (parsed === "help") return "help";
  if (!command.length) throw new UsageError("no command: put it after --, e.g. runboard exec --mode parallel -- make e2e", "exec");
  const { extra, ...upload } = parsed;
  const file = (extra["phase-patterns"] as string | undefined) ?? envValue(env, "RUNBOARD_PHASE_PATTERNS");
  const patterns = [
    ...(file ? await readPatternsFile(file, cwd) : []),
    ...((extra["phase-pattern"] as string[] | undefined) ?? []).map(patternFlag),
  ];
  const tailRaw = (extra["log-tail"] as string | undefined) ?? envValue(env, "RUNBOARD_LOG_TAIL_KB") ?? "64";
  const tailKb = Number(tailRaw);
  if (!Number.isInteger(tailKb) || tailKb < 0 || tailKb > 1024) throw new UsageError(`--log-tail must be a whole number of KB from 0 to 1024, got "${tailRaw}"`, "exec");
  const strictEnv = envValue(env, "RUNBOARD_STRICT");
  const strict = (extra.strict as boolean | undefined) ?? (strictEnv !== undefined && !/^(0|false|no)$/i.test(strictEnv));
  return { upload, command, patterns, tailBytes: tailKb * 1024, strict };
}
