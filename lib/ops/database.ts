// Which PostgreSQL to use: DATABASE_URL when set, else the embedded server
// under RUNBOARD_DATA_DIR (started here, stopped by the caller).
import path from "node:path";
import { type Env, dataDir } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function resolveDatabase(e: Env): Promise<ResolvedDatabase> {
  if (e.DATABASE_URL) return { url: e.DATABASE_URL, embedded: false, stop: async () => {} };
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dataDir(e), "pg"),
    database: "runboard",
    port: e.EMBEDDED_PG_PORT,
  });
  return { url: pg.url, embedded: true, stop: pg.stop };
}
