// The one Prisma client (prisma-client generator + PrismaPg adapter), cached on
// globalThis so Next's dev reloads do not open a pool per reload. No
// `server-only` here: the worker and CLI import it too.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

interface DbGlobals {
  prisma?: PrismaClient;
  pool?: pg.Pool;
}
const g = globalThis as unknown as { __runboardDb?: DbGlobals };
const store: DbGlobals = (g.__runboardDb ??= {});

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it to the embedded database)");
  return url;
}

/** Raw pg pool for set-based writes (COPY, unnest) and LISTEN/NOTIFY. */
export function pool(): pg.Pool {
  if (!store.pool) {
    store.pool = new pg.Pool({ connectionString: databaseUrl(), max: 10, connectionTimeoutMillis: 5000 });
    // An idle connection dropped by the server (restart, failover, shutdown) emits
    // "error" on the pool; unhandled, it would crash the process. The pool
    // replaces the connection on next use, so logging is all there is to do.
    store.pool.on("error", (e) => console.error(JSON.stringify({ level: "warn", msg: "idle database connection lost", error: e.message })));
    // A checked-out connection (a COPY, a worker's LISTEN) that the server drops
    // emits "error" on the client too; its pending query fails on its own.
    store.pool.on("connect", (client) => {
      client.on("error", (e) => console.error(JSON.stringify({ level: "warn", msg: "database connection lost", error: e.message })));
    });
  }
  return store.pool;
}

export function db(): PrismaClient {
  store.prisma ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl(), max: 10 }) });
  return store.prisma;
}

export async function disconnectDb(): Promise<void> {
  await store.prisma?.$disconnect();
  await store.pool?.end();
  store.prisma = undefined;
  store.pool = undefined;
}
