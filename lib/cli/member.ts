// `runboard member add|remove|list`: who holds which role in a project, straight
// in the database like `token` (the admin path; leads use the settings page).
import { parseArgs } from "node:util";
import { type EnvVars, type Io, CliError, EXIT_OK, UsageError } from "@/lib/cli/io";
import { withDatabase } from "@/lib/cli/token";
import { projectSlugSchema } from "@/lib/schemas/run";

export const MEMBER_HELP = `Usage: runboard member <command> --project SLUG [options]

Commands:
  add --project SLUG (--email E | --team SLUG) --role viewer|triager|lead
                  give a person or a team a role in the project (or change it)
  remove --project SLUG (--email E | --team SLUG)
                  take them out of the project
  list --project SLUG
                  the project's people and teams with their roles

A person's role in a project is the highest of their own and their teams'.
Admins read and change every project without being members.

Exit codes: 0 done, 1 unknown project, person or team, 2 usage error.`;

export async function runMember(argv: string[], env: EnvVars, io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h") {
    io.out(MEMBER_HELP);
    return command ? EXIT_OK : 2;
  }
  let v;
  try {
    v = parseArgs({ args: rest, strict: true, options: { project: { type: "string" }, email: { type: "string" }, team: { type: "string" }, role: { type: "string" } } }).values;
  } catch (e) {
    throw new UsageError((e as Error).message, "member");
  }
  const slug = projectSlugSchema.safeParse(v.project);
  if (!slug.success) throw new UsageError(v.project ? `--project "${v.project}": ${slug.error.issues[0].message}` : "missing --project", "member");
  if (!["add", "remove", "list"].includes(command)) throw new UsageError(`unknown member command "${command}" (add, remove, list)`, "member");
  if (command !== "list" && !v.email === !v.team) throw new UsageError("give --email or --team", "member");
  if (command === "add" && !v.role) throw new UsageError("add needs --role viewer|triager|lead", "member");
  return withDatabase(env, io, async () => {
    const { getProjectBySlugOrThrow } = await import("@/lib/services/get-project");
    const { findProjectMembers } = await import("@/lib/queries/find-project-members");
    const project = await getProjectBySlugOrThrow(slug.data);
    if (command === "list") {
      for (const m of await findProjectMembers(project.id)) io.out(`${m.handle}\t${m.role}\t${m.name}`);
      return EXIT_OK;
    }
    if (command === "add") {
      const { setProjectMember } = await import("@/lib/services/set-project-member");
      const m = await setProjectMember(project.id, { email: v.email, team: v.team, role: v.role });
      io.out(`${"email" in m ? m.email : `@${m.team}`} is ${m.role} in ${project.slug}.`);
      return EXIT_OK;
    }
    const handle = v.email ? v.email.trim().toLowerCase() : `@${v.team!.replace(/^@/, "")}`;
    const member = (await findProjectMembers(project.id)).find((m) => m.handle === handle);
    if (!member) throw new CliError(`${handle} is not a member of ${project.slug}`);
    const { removeProjectMember } = await import("@/lib/services/remove-project-member");
    await removeProjectMember(project.id, member.id);
    io.out(`${handle} is no longer a member of ${project.slug}.`);
    return EXIT_OK;
  });
}
