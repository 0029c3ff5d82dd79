// Small helpers for the set-based writes that go through `pg` directly
// (bulk result rows); Prisma stays the access layer for everything else.
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { txPool } from "@/lib/db";
import { log } from "@/lib/log";

const afterCommitHooks = new WeakMap<pg.PoolClient, (() => void)[]>();
const followUps = new WeakMap<pg.PoolClient, ((client: pg.PoolClient) => Promise<void>)[]>();

/**
 * Run hook once the transaction on this client has committed (never after a rollback).
 * Returns false when the client is not in a transaction of withTransaction: nothing is kept.
 */
export function afterCommit(client: pg.PoolClient, hook: () => void): boolean {
  const list = afterCommitHooks.get(client);
  list?.push(hook);
  return !!list;
}

/**
 * Run task once the outermost transaction on this client has committed,
 * before withTransaction returns, on the same connection (no second trip
 * through a busy pool): the task runs its own transaction on it. Its error is
 * the caller's error, though what committed stays. Returns false when the
 * client is not in a transaction of withTransaction (a caller's own): the
 * caller then does the work itself.
 */
export function afterCommitAwait(client: pg.PoolClient, task: (client: pg.PoolClient) => Promise<void>): boolean {
  const list = followUps.get(client);
  list?.push(task);
  return !!list;
}

/** Run fn in a transaction; inside an outer one (client given) it joins that instead. */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>, outer?: pg.PoolClient): Promise<T> {
  if (outer) return fn(outer);
  const client = await txPool().connect();
  // a connection dropped mid-transaction emits "error" on the client; the
  // pending query rejects on its own, so only keep the event from crashing the process
  let broken = false;
  const onError = (e: Error) => {
    broken = true;
    log().warn({ err: { message: e.message } }, "database connection lost during a transaction");
  };
  client.on("error", onError);
  const hooks: (() => void)[] = [];
  const tasks: ((client: pg.PoolClient) => Promise<void>)[] = [];
  afterCommitHooks.set(client, hooks);
  followUps.set(client, tasks);
  try {
    await client.query("BEGIN");
    const out = await fn(client);
    await client.query("COMMIT");
    afterCommitHooks.delete(client);
    followUps.delete(client);
    for (const h of hooks) {
      try {
        h();
      } catch (e) {
        // committed is committed: a failing hook must not turn success into an error
        log().error({ err: { message: String(e) } }, "after-commit hook failed");
      }
    }
    for (const task of tasks) await task(client);
    return out;
  } catch (e) {
    // after a failed follow-up this rolls back the follow-up's own transaction, if still open
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    afterCommitHooks.delete(client);
    followUps.delete(client);
    client.off("error", onError);
    client.release(broken); // a broken connection is closed, not returned to the pool
  }
}

const COPY_SPECIAL = /[\\\t\n\r\0]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "" };

/** One value in PostgreSQL's COPY text format. */
export function copyValue(v: string | number | boolean | null | undefined | Date): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "string") {
    // most values need no escaping: test once, replace only when needed.
    // Postgres text cannot hold NUL; COPY text format escapes \\, tab, CR and LF.
    return COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r\0]/g, (c) => COPY_ESCAPES[c]) : v;
  }
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** A text[] literal for COPY (elements quoted; the result still goes through copyValue). */
export function copyArray(items: readonly string[]): string {
  return `{${items.map((i) => `"${i.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

/** Postgres text cannot hold NUL characters, which some reports contain. */
export function pgText(v: string | undefined | null): string | null {
  if (v === undefined || v === null) return null;
  return v.includes("\0") ? v.replace(/\0/g, "") : v;
}

/** Stream COPY text-format lines into a table (columns quoted by the caller). */
export async function copyLines(client: pg.PoolClient, sql: string, lines: string[]): Promise<void> {
  const stream = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
    const chunk = 2000;
    let i = 0;
    const write = () => {
      while (i < lines.length) {
        const ok = stream.write(lines.slice(i, i + chunk).join(""));
        i += chunk;
        if (!ok) return void stream.once("drain", write);
      }
      stream.end();
    };
    write();
  });
}
