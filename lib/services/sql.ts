// Small helpers for the set-based writes that go through `pg` directly
// (bulk result rows); Prisma stays the access layer for everything else.
import type pg from "pg";
import { pool } from "@/lib/db";

/** Run fn in a transaction; inside an outer one (client given) it joins that instead. */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>, outer?: pg.PoolClient): Promise<T> {
  if (outer) return fn(outer);
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** One value in PostgreSQL's COPY text format. */
export function copyValue(v: string | number | boolean | null | undefined | Date): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== "string") return String(v);
  // Postgres text cannot hold NUL; COPY text format escapes \, tab, CR and LF.
  return v.replace(/\0/g, "").replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** Postgres text cannot hold NUL characters, which some reports contain. */
export function pgText(v: string | undefined | null): string | null {
  if (v === undefined || v === null) return null;
  return v.includes("\0") ? v.replace(/\0/g, "") : v;
}
