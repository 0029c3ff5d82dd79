// Entry of the `runboard` CLI (bin/runboard.mjs loads it through tsx). The
// HTTP-only commands (upload, exec) are also served as GET /runboard.mjs (remote.ts).
// Dispatches to a command and maps failures to exit codes: 0 ok, 1 failure,
// 2 usage error. Never prints the token: commands only print what they chose to.
import { type EnvVars, type Io, EXIT_OK, EXIT_USAGE, UsageError, processIo } from "@/lib/cli/io";
import { runMember } from "@/lib/cli/member";
import { runOwners, runTeam } from "@/lib/cli/owners";
import { runProject } from "@/lib/cli/project";
import { runToken } from "@/lib/cli/token";
import { REMOTE_COMMANDS, withExitCodes } from "@/lib/cli/remote";
import { runUser } from "@/lib/cli/user";

export const MAIN_HELP = `Usage: runboard <command> [options]

Commands:
  upload        send test reports and phase timings of a CI run to Runboard
  exec          run a CI command (-- <command...>) with live phases and log on
                the run page, then send its reports
  token create  create an API token (--create-project: and the project)
  token list    list a project's tokens
  token revoke  revoke a token
  project create  create a project (project show|set too)
  project show  print a project's settings
  project set   set the timing target, phase mapping, requirement-ID prefixes
  user create   create a user of the web UI (user list|role|password too)
  owners import replace a project's ownership rules from an OWNERS file (owners export too)
  team create   create a team of users that can own triage items (team add|remove|list too)
  member add    give a person or a team a role in a project (member remove|list too)

Run "runboard <command> --help" for a command's options.`;

export async function main(argv: string[], env: EnvVars = process.env, io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  return withExitCodes(io, async () => {
    if (!command || command === "help" || command === "--help" || command === "-h") {
      // asked for: stdout and 0; no command at all is a usage error
      if (!command) {
        io.err(MAIN_HELP);
        return EXIT_USAGE;
      }
      io.out(MAIN_HELP);
      return EXIT_OK;
    }
    const remote = REMOTE_COMMANDS[command];
    if (remote) return remote(rest, env, io);
    if (command === "token") return runToken(rest, env, io);
    if (command === "project") return runProject(rest, env, io);
    if (command === "user") return runUser(rest, env, io);
    if (command === "owners") return runOwners(rest, env, io);
    if (command === "team") return runTeam(rest, env, io);
    if (command === "member") return runMember(rest, env, io);
    throw new UsageError(`unknown command "${command}"`);
  });
}
