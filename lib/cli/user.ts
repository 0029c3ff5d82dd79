// `runboard user create|list|password`: people who sign in to the web UI,
// straight in the database like `token`. A generated password is printed once.
import { parseArgs } from "node:util";
import { type EnvVars, type Io, EXIT_OK, UsageError } from "@/lib/cli/io";
import { withDatabase } from "@/lib/cli/token";
import { accountRoleOf } from "@/lib/auth/roles";

export const USER_HELP = `Usage: runboard user <command> [options]

Commands:
  create --email E --name N --role viewer|triager|lead|admin [--project SLUG]... [--password-stdin]
                      create a user; viewer, triager and lead are roles in the --project(s)
                      (runboard member add gives more); without --password-stdin a password
                      is generated and printed once
  list                list users: admin or member, and each member's projects and roles
  role --email E --role admin|member   make someone an admin, or a member again
  password --email E [--password-stdin]   set a new password (generated when not given); ends their sessions

Exit codes: 0 done, 1 failure, 2 usage error.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

export async function runUser(argv: string[], env: EnvVars, io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h") {
    io.out(USER_HELP);
    return command ? EXIT_OK : 2;
  }
  let v;
  try {
    v = parseArgs({
      args: rest,
      strict: true,
      options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, project: { type: "string", multiple: true }, "password-stdin": { type: "boolean" } },
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message, "user");
  }
  const password = v["password-stdin"] ? await readStdin() : undefined;
  if (command === "list") {
    return withDatabase(env, io, async () => {
      const { db } = await import("@/lib/db");
      const users = await db().user.findMany({
        orderBy: { email: "asc" },
        select: { email: true, name: true, role: true, projectRoles: { select: { role: true, project: { select: { slug: true } } } } },
      });
      for (const u of users) {
        const roles = u.projectRoles.map((m) => `${m.project.slug}:${m.role}`).sort().join(",");
        io.out(`${u.email}\t${accountRoleOf(u.role)}\t${u.name}${roles ? `\t${roles}` : ""}`);
      }
      return EXIT_OK;
    });
  }
  if (!v.email) throw new UsageError("missing --email", "user");
  if (command === "create") {
    if (!v.name || !v.role) throw new UsageError("create needs --email, --name and --role", "user");
    return withDatabase(env, io, async () => {
      const { createUser } = await import("@/lib/auth/users");
      const u = await createUser({ email: v.email!, name: v.name!, role: v.role as "viewer", password, projects: v.project });
      io.out(`Created ${u.email} (${u.role}${v.project?.length && u.role !== "admin" ? ` in ${v.project.join(", ")}` : ""}).`);
      if (u.role !== "admin" && !v.project?.length) io.out(`${u.email} belongs to no project yet: runboard member add --project SLUG --email ${u.email} --role ${u.role}`);
      if (u.generatedPassword) io.out(`Password (shown once): ${u.generatedPassword}`);
      return EXIT_OK;
    });
  }
  if (command === "role") {
    if (!v.role) throw new UsageError("role needs --role", "user");
    return withDatabase(env, io, async () => {
      const { userIdByEmail } = await import("@/lib/auth/users");
      const { setAccountRole } = await import("@/lib/services/set-account-role");
      await setAccountRole(await userIdByEmail(v.email!), v.role!);
      io.out(`${v.email} is now ${v.role}.`);
      return EXIT_OK;
    });
  }
  if (command === "password") {
    return withDatabase(env, io, async () => {
      const { setPasswordByEmail } = await import("@/lib/auth/users");
      const generated = await setPasswordByEmail(v.email!, password);
      io.out(`Password of ${v.email} changed; their sessions ended.`);
      if (generated) io.out(`Password (shown once): ${generated}`);
      return EXIT_OK;
    });
  }
  throw new UsageError(`unknown user command "${command}"`, "user");
}
