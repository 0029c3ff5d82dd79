// `runboard owners import|export` (a project's ownership rules as an OWNERS
// text file) and `runboard team create|add|remove|list`, straight in the
// database like `token`. An import with any bad line or unknown owner stores
// nothing and names the lines.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { type EnvVars, type Io, CliError, EXIT_OK, UsageError } from "@/lib/cli/io";
import { withDatabase } from "@/lib/cli/token";
import { parseOwnersFile, serializeOwnersFile } from "@/lib/ownership/owners-file";
import { projectSlugSchema } from "@/lib/schemas/run";

export const OWNERS_HELP = `Usage: runboard owners <command> --project SLUG [FILE]

Commands:
  import --project SLUG FILE   replace the project's ownership rules with FILE ("-" reads stdin)
  export --project SLUG        print them as an OWNERS file

OWNERS lines: "kind:pattern owner", the first match wins; kinds: requirement,
spec, classname, file, label; owner: @team or a user's e-mail. Example:
  requirement:BR-GATEWAY-0*   @gateway
  spec:*upload*               alice@example.com

Exit codes: 0 done, 1 bad file, unknown owner or database error, 2 usage error.`;

export const TEAM_HELP = `Usage: runboard team <command> [options]

Commands:
  create --team SLUG --name NAME [--member EMAIL]...   a team (written @SLUG in OWNERS)
  add --team SLUG --member EMAIL [--member EMAIL]...   add members
  remove --team SLUG --member EMAIL                    remove a member
  list                                                 teams and their members`;

function usage<T>(command: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message, command);
  }
}

export async function runOwners(argv: string[], env: EnvVars, io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h") {
    io.out(OWNERS_HELP);
    return command ? EXIT_OK : 2;
  }
  const { values: v, positionals } = usage("owners", () => parseArgs({ args: rest, strict: true, allowPositionals: true, options: { project: { type: "string" } } }));
  const slug = projectSlugSchema.safeParse(v.project);
  if (!slug.success) throw new UsageError(v.project ? `--project "${v.project}": ${slug.error.issues[0].message}` : "missing --project", "owners");
  if (command === "export") {
    return withDatabase(env, io, async () => {
      const { getProjectBySlugOrThrow } = await import("@/lib/services/get-project");
      const { listRules } = await import("@/lib/ownership/rules");
      const p = await getProjectBySlugOrThrow(slug.data);
      io.out(serializeOwnersFile(await listRules(p.id), p.slug).trimEnd());
      return EXIT_OK;
    });
  }
  if (command !== "import") throw new UsageError(`unknown owners command "${command}"`, "owners");
  if (positionals.length !== 1) throw new UsageError("give one OWNERS file (or - for stdin)", "owners");
  let text: string;
  try {
    text = fs.readFileSync(positionals[0] === "-" ? 0 : positionals[0], "utf8");
  } catch (e) {
    throw new CliError(`cannot read ${positionals[0]}: ${(e as Error).message}`);
  }
  const parsed = parseOwnersFile(text);
  if (parsed.errors.length) throw new CliError(`${positionals[0]}: nothing imported\n${parsed.errors.map((e) => `  line ${e.line}: ${e.message}`).join("\n")}`);
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (l.trim() && !l.trim().startsWith("#")) lines.push(i + 1);
  });
  return withDatabase(env, io, async () => {
    const { getProjectBySlugOrThrow } = await import("@/lib/services/get-project");
    const { replaceRules } = await import("@/lib/ownership/rules");
    const p = await getProjectBySlugOrThrow(slug.data);
    const n = await replaceRules(p.id, parsed.rules, (i) => `line ${lines[i]}`);
    io.out(`Imported ${n} ownership rule${n === 1 ? "" : "s"} into project ${p.slug}`);
    return EXIT_OK;
  });
}

export async function runTeam(argv: string[], env: EnvVars, io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h") {
    io.out(TEAM_HELP);
    return command ? EXIT_OK : 2;
  }
  const { values: v } = usage("team", () =>
    parseArgs({ args: rest, strict: true, options: { team: { type: "string" }, name: { type: "string" }, member: { type: "string", multiple: true } } }),
  );
  const team = typeof v.team === "string" ? v.team.replace(/^@/, "").toLowerCase() : "";
  const members = v.member ?? [];
  if (command !== "list" && !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(team)) throw new UsageError("--team SLUG: letters, digits, - or _", "team");
  return withDatabase(env, io, async () => {
    const t = await import("@/lib/ownership/teams");
    if (command === "list") {
      for (const x of await t.listTeams()) io.out(`@${x.slug}  ${x.name}: ${x.members.map((m) => m.user.email).join(", ") || "(no members)"}`);
    } else if (command === "create") {
      if (typeof v.name !== "string" || !v.name.trim()) throw new UsageError("missing --name", "team");
      await t.createTeam(team, v.name.trim());
      for (const m of members) await t.addTeamMember(team, m);
      io.out(`Created team @${team}${members.length ? ` with ${members.length} member${members.length === 1 ? "" : "s"}` : ""}`);
    } else if (command === "add" || command === "remove") {
      if (!members.length) throw new UsageError("missing --member", "team");
      for (const m of members) await (command === "add" ? t.addTeamMember(team, m) : t.removeTeamMember(team, m));
      io.out(`${command === "add" ? "Added" : "Removed"} ${members.join(", ")} ${command === "add" ? "to" : "from"} @${team}`);
    } else throw new UsageError(`unknown team command "${command}"`, "team");
    return EXIT_OK;
  });
}
