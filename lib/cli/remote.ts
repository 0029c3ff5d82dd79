// The commands that only talk to a Runboard server over HTTP (upload, exec):
// what the served uploader (GET /runboard.mjs) runs, and what `runboard`
// dispatches to for them. Also the one mapping of failures to exit codes:
// 0 ok, 1 failure, 2 usage error.
import { type EnvVars, type Io, CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from "@/lib/cli/io";
import { runExec } from "@/lib/cli/exec";
import { runUpload } from "@/lib/cli/upload";

export const REMOTE_COMMANDS: Record<string, (argv: string[], env: EnvVars, io: Io) => Promise<number>> = {
  upload: runUpload,
  exec: runExec,
};

export const UPLOADER_HELP = `Usage: node runboard.mjs <command> [options]

The Runboard uploader: needs Node 18 or later and nothing else.

Commands:
  upload   send test reports and phase timings of a CI run to Runboard
  exec     run a command (-- <command...>), show its phases and output live
           on the run page, then send its reports

Run "node runboard.mjs <command> --help" for a command's options;
"node runboard.mjs --version" prints the version (the server's).`;

/** Run a command body, mapping its failures to exit codes and one-line messages (never a token). */
export async function withExitCodes(io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`runboard: ${e.message}`);
      io.err(`Run "runboard ${e.command ?? ""}${e.command ? " " : ""}--help" for usage.`);
      return EXIT_USAGE;
    }
    if (e instanceof CliError) {
      io.err(`runboard: ${e.message}`);
      return EXIT_FAILURE;
    }
    io.err(`runboard: ${(e as Error)?.stack ?? String(e)}`);
    return EXIT_FAILURE;
  }
}

/** The served uploader's entry: upload, exec, help and version. */
export function runRemote(argv: string[], env: EnvVars, io: Io, version: string): Promise<number> {
  const [command, ...rest] = argv;
  return withExitCodes(io, async () => {
    if (command === "--version" || command === "-V") {
      io.out(version);
      return EXIT_OK;
    }
    if (!command || command === "help" || command === "--help" || command === "-h") {
      (command ? io.out : io.err)(UPLOADER_HELP);
      return command ? EXIT_OK : EXIT_USAGE;
    }
    const run = REMOTE_COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}" (the uploader has: ${Object.keys(REMOTE_COMMANDS).join(", ")})`);
    return run(rest, env, io);
  });
}
