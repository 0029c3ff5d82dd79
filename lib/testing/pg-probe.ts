// Looking at a PostgreSQL server from a test without the app's pools: each call
// opens its own connection and closes it, so a server restart or a killed
// connection never leaves the test holding a dead one.
import pg from "pg";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One query on a fresh connection. */
export async function queryOnce<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => {});
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Resolves true once a statement matching `pattern` (ILIKE) is active on `database`; false after timeoutMs or when stopEarly says so. */
export async function waitForStatement(adminUrl: string, database: string, pattern: string, timeoutMs: number, stopEarly: () => boolean): Promise<boolean> {
  const c = new pg.Client({ connectionString: adminUrl });
  c.on("error", () => {});
  await c.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !stopEarly()) {
      const { rowCount } = await c.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query ILIKE $2 AND pid <> pg_backend_pid()`,
        [database, pattern],
      );
      if (rowCount) return true;
      await sleep(10);
    }
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}
