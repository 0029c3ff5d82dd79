// The embedded PostgreSQL's superuser password (security review item 7): a
// random password per data directory in a mode-600 file beside it, the old
// well-known "postgres" refused, older data directories moved on start.
// Real embedded PostgreSQL servers in a temp dir; no DATABASE_URL needed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPg, startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { LEGACY_PASSWORD, passwordFile } from "@/lib/ops/embedded-pg-password";
import { deployMigrations } from "@/lib/ops/migrate";

let work = "";
let epg: EmbeddedPg | undefined;
const dirOf = (name: string) => path.join(work, name, "pg");

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-epg-password-"));
  fs.chmodSync(work, 0o755); // as root, PostgreSQL runs as user "postgres" and must reach its data directory
});
afterEach(async () => {
  await epg?.stop().catch(() => {});
  epg = undefined;
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function start(dataDir: string) {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  epg = await startEmbeddedPostgres({ dataDir, database: "runboard" });
  return epg;
}

/** null when the server lets `password` in as postgres, else the SQLSTATE it refused with. */
async function signIn(port: number, password: string): Promise<string | null> {
  const c = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  c.on("error", () => {});
  try {
    await c.connect();
    await c.query("select 1");
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  } finally {
    await c.end().catch(() => {});
  }
}

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("a new embedded data directory", () => {
  it("gets a random superuser password in a mode-600 file beside it, and the password 'postgres' is refused", async () => {
    const dir = dirOf("new");
    const { port, url } = await start(dir);
    const file = passwordFile(dir);
    expect(file).toBe(path.join(path.dirname(dir), "pg.password"));
    const password = fs.readFileSync(file, "utf8").trim();
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(dir)).filter((f) => f.startsWith("pg.password")), "no .init/.next left behind").toEqual(["pg.password"]);

    expect(await signIn(port, LEGACY_PASSWORD)).toBe("28P01"); // invalid_password
    expect(await signIn(port, "")).not.toBeNull();
    expect(await signIn(port, password)).toBeNull();
    expect(new URL(url).password).toBe(password);
    expect(await query(url, "select current_user as u")).toEqual([{ u: "postgres" }]);

    // every pg_hba.conf rule asks for a SCRAM password: none trusts a local user
    const rules = fs.readFileSync(path.join(dir, "pg_hba.conf"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule).toMatch(/\sscram-sha-256$/);

    // a restart keeps the password
    await epg!.stop();
    const again = await start(dir);
    expect(new URL(again.url).password).toBe(password);
    expect(await signIn(again.port, LEGACY_PASSWORD)).toBe("28P01");
  }, 120_000);
});

describe("a data directory made before per-directory passwords (superuser password 'postgres', no password file)", () => {
  it("is moved to a random password on start, and the app's migrations run on it", async () => {
    const dir = dirOf("legacy");
    const first = await start(dir);
    await query(first.adminUrl, `ALTER USER postgres WITH PASSWORD '${LEGACY_PASSWORD}'`);
    fs.rmSync(passwordFile(dir));
    await first.stop();
    const { port, url } = await start(dir);

    const password = fs.readFileSync(passwordFile(dir), "utf8").trim();
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(fs.statSync(passwordFile(dir)).mode & 0o777).toBe(0o600);
    expect(await signIn(port, LEGACY_PASSWORD)).toBe("28P01");
    expect(await signIn(port, password)).toBeNull();
    await deployMigrations(url);
    expect(await query(url, `select count(*)::int > 0 as ok from "_prisma_migrations"`)).toEqual([{ ok: true }]);
  }, 120_000);

  it("a change cut off after ALTER USER (the new password only in pg.password.next) is completed on the next start", async () => {
    const dir = dirOf("cut");
    const first = await start(dir);
    const pending = "0123456789abcdef0123456789abcdef0123456789abcdef";
    await query(first.adminUrl, `ALTER USER postgres WITH PASSWORD '${pending}'`);
    fs.rmSync(passwordFile(dir));
    fs.writeFileSync(`${passwordFile(dir)}.next`, pending, { mode: 0o600 });
    await first.stop();

    const again = await start(dir);
    expect(fs.readFileSync(passwordFile(dir), "utf8").trim()).toBe(pending);
    expect(fs.existsSync(`${passwordFile(dir)}.next`)).toBe(false);
    expect(await query(again.url, "select 1 as one")).toEqual([{ one: 1 }]);
  }, 120_000);
});
