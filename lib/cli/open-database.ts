// The database for CLI commands that talk to PostgreSQL directly: DATABASE_URL,
// or the embedded server under RUNBOARD_DATA_DIR. When `npm start` already runs
// that embedded server it holds the data directory, so a second one cannot
// start: connect to the running one (its port is in postmaster.pid) and leave
// it running.
import fs from "node:fs";
import path from "node:path";
import { type Env, dataDir } from "@/lib/env";
import { type ResolvedDatabase, resolveDatabase } from "@/lib/ops/database";
import { embeddedUrl } from "@/lib/ops/embedded-postgres";
import { currentPassword } from "@/lib/ops/embedded-pg-password";

/** Port of a live embedded PostgreSQL on this data directory, if any. */
export function runningEmbeddedPort(pgDir: string): number | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!(pid > 0) || !(port > 0)) return undefined;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: alive but owned by another user (as root, the server runs as "postgres")
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return undefined;
  }
  return port;
}

export async function openCliDatabase(e: Env): Promise<ResolvedDatabase> {
  if (!e.DATABASE_URL) {
    const pgDir = path.join(dataDir(e), "pg");
    const port = runningEmbeddedPort(pgDir);
    // the password file and database name of lib/ops/embedded-postgres.ts and lib/ops/database.ts
    if (port) return { url: embeddedUrl(port, currentPassword(pgDir), "runboard"), embedded: true, stop: async () => {} };
  }
  return resolveDatabase(e);
}

/** Prisma's "table does not exist": the database was never migrated. */
export function isMissingSchema(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === "P2021" || /relation "?[\w.]+"? does not exist|table .* does not exist/i.test(err?.message ?? "");
}
