// The one Prisma client (prisma-client generator + PrismaPg adapter), cached on
// globalThis so Next's dev reloads do not open a pool per reload. No
// `server-only` here: the worker and CLI import it too.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { parseEnv } from "@/lib/env";
import { log } from "@/lib/log";

interface DbGlobals {
  prisma?: PrismaClient;
  pool?: pg.Pool;
  txPool?: pg.Pool;
}
const g = globalThis as unknown as { __runboardDb?: DbGlobals };
const store: DbGlobals = (g.__runboardDb ??= {});

/**
 * The database settings, read when a pool opens. parseEnv rather than the
 * cached env(): the launcher and the CLI set DATABASE_URL (the embedded
 * database's) after their own start-up has read the environment.
 */
function settings() {
  const e = parseEnv();
  if (!e.DATABASE_URL) throw new Error("DATABASE_URL is not set (npm start sets it to the embedded database)");
  return { url: e.DATABASE_URL, poolMax: e.RUNBOARD_DB_POOL_MAX, prismaPoolMax: e.RUNBOARD_PRISMA_POOL_MAX };
}

/**
 * How long an unused connection stays open. pg's default, 10 s, closed them
 * between two views of a quiet dashboard: the next view then paid for a new
 * server process and its empty catalog caches (planning a page's query took
 * 27 ms on a fresh connection against 7 ms on a used one), 150-250 ms per view
 * when views came 12 s apart (issue 17).
 */
export const IDLE_CONNECTION_MS = 5 * 60_000;

function openPool(max: number): pg.Pool {
  const p = new pg.Pool({ connectionString: settings().url, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: IDLE_CONNECTION_MS });
  // An idle connection dropped by the server (restart, failover, shutdown) emits
  // "error" on the pool; unhandled, it would crash the process. The pool
  // replaces the connection on next use, so logging is all there is to do.
  p.on("error", (e) => log().warn({ error: e.message }, "idle database connection lost"));
  // A checked-out connection (a COPY, a worker's LISTEN) that the server drops
  // emits "error" on the client too; its pending query fails on its own.
  p.on("connect", (client) => {
    client.on("error", (e) => log().warn({ error: e.message }, "database connection lost"));
  });
  return p;
}

/**
 * Raw pg pool for set-based writes (COPY, unnest), the plain-SQL reads of the
 * browse pages, LISTEN/NOTIFY and the job queue. Each process opens this pool,
 * the transactions' (txPool) and Prisma's: 2 x RUNBOARD_DB_POOL_MAX +
 * RUNBOARD_PRISMA_POOL_MAX connections at most (docs/operations.md, "Database connections").
 */
export function pool(): pg.Pool {
  store.pool ??= openPool(settings().poolMax);
  return store.pool;
}

/**
 * The transactions' own pool (withTransaction in lib/services/sql.ts), the same
 * size as pool(): an upload holds its connection for its whole transaction
 * (COPY, then the project's triage lock, waited for in line), and 20 of them
 * at once would otherwise take every connection the pages' one-statement
 * reads need, which then queue behind the uploads (issue 17: reader p95 under
 * write load).
 */
export function txPool(): pg.Pool {
  store.txPool ??= openPool(settings().poolMax);
  return store.txPool;
}

/**
 * A statement PostgreSQL parses once per connection and, after a few
 * executions, plans once (a generic plan), for the statements every CI request
 * runs (issue #17): parsing and planning them each time cost about as much as
 * running them. One text per name (names are per connection).
 */
export function named(name: string, text: string, values: unknown[]): pg.QueryConfig {
  return { name: `rb-${name}`, text, values };
}

export function db(): PrismaClient {
  if (!store.prisma) {
    const s = settings();
    store.prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: s.url, max: s.prismaPoolMax, idleTimeoutMillis: IDLE_CONNECTION_MS }) });
  }
  return store.prisma;
}

export async function disconnectDb(): Promise<void> {
  await store.prisma?.$disconnect();
  await store.pool?.end();
  await store.txPool?.end();
  store.prisma = undefined;
  store.pool = undefined;
  store.txPool = undefined;
}
