// The pools' sizes come from the environment (RUNBOARD_DB_POOL_MAX,
// RUNBOARD_PRISMA_POOL_MAX; docs/operations.md "Database connections"):
// more concurrent queries than connections wait their turn, and never open more.
import { afterEach, describe, expect, it } from "vitest";
import { db, disconnectDb, pool } from "@/lib/db";
import { queryOnce } from "@/lib/testing/pg-probe";

const ENV = ["RUNBOARD_DB_POOL_MAX", "RUNBOARD_PRISMA_POOL_MAX"] as const;
const marker = `pool-size-${Date.now()}`;

/** Connections of this database whose last query carries `tag` (each pool's queries are tagged below). */
async function connectionsTagged(tag: string): Promise<number> {
  const url = new URL(process.env.DATABASE_URL!);
  const [r] = await queryOnce<{ n: number }>(process.env.DATABASE_URL!, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE $2 AND pid <> pg_backend_pid()`, [url.pathname.slice(1), `%${tag}%`]);
  return r.n;
}

/** The most connections seen carrying `tag` while `work` runs, sampled every 50 ms. */
async function peakWhile(tag: string, work: Promise<unknown[]>): Promise<{ peak: number; done: number }> {
  let finished = false;
  const result = work.finally(() => (finished = true));
  let peak = 0;
  while (!finished) {
    peak = Math.max(peak, await connectionsTagged(tag));
    await new Promise((r) => setTimeout(r, 50));
  }
  return { peak, done: (await result).length };
}

afterEach(async () => {
  await disconnectDb();
  for (const k of ENV) delete process.env[k];
});

describe("database pool sizes", () => {
  it("the pg pool opens at most RUNBOARD_DB_POOL_MAX connections; the queries beyond it wait and then run", async () => {
    process.env.RUNBOARD_DB_POOL_MAX = "2";
    await disconnectDb();
    const tag = `${marker}-pg`;
    const queries = Array.from({ length: 5 }, () => pool().query(`SELECT pg_sleep(0.3)::text AS slept, '${tag}' AS tag`));
    expect(await peakWhile(tag, Promise.all(queries))).toEqual({ peak: 2, done: 5 });
  });

  it("Prisma's pool opens at most RUNBOARD_PRISMA_POOL_MAX connections", async () => {
    process.env.RUNBOARD_PRISMA_POOL_MAX = "3";
    await disconnectDb();
    const tag = `${marker}-prisma`;
    const queries = Array.from({ length: 6 }, () => db().$queryRawUnsafe(`SELECT pg_sleep(0.3)::text AS slept, '${tag}' AS tag`));
    expect(await peakWhile(tag, Promise.all(queries))).toEqual({ peak: 3, done: 6 });
  });

  it("a size that is not a whole number of at least 2 stops the pool from opening, naming the variable", async () => {
    process.env.RUNBOARD_DB_POOL_MAX = "lots";
    await disconnectDb();
    expect(() => pool()).toThrow(/RUNBOARD_DB_POOL_MAX/);
  });
});
