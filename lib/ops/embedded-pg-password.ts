// The embedded PostgreSQL's superuser password: random per data directory and
// kept beside it (RUNBOARD_DATA_DIR/pg.password, mode 600, like secret.key and
// auth-secret), never the well-known "postgres" any local user could try.
// Data directories made before this (password "postgres") are moved to a
// random one on their next start. The change is two-phase so a crash at any
// point leaves a password on disk that still works:
//   pg.password.init  the one-time initdb password (the library hands it to
//                     initdb through a temp file other users may read, so it never stays)
//   pg.password.next  the password being set, written before ALTER USER
//   pg.password       the password in use, renamed from .next after ALTER USER
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** What data directories created before per-directory passwords used. */
export const LEGACY_PASSWORD = "postgres";

export function passwordFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.password`);
}

const stages = (file: string) => ({ current: file, next: `${file}.next`, init: `${file}.init` });

export function newPassword(): string {
  return randomBytes(24).toString("hex");
}

export function readSecret(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

function writeSecret(file: string, value: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${value}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** The password for a new data directory's initdb, kept until settlePassword replaces it. */
export function initPassword(dataDir: string): string {
  const p = newPassword();
  writeSecret(stages(passwordFile(dataDir)).init, p);
  return p;
}

/** The password that works now: the file's, or for an older data directory "postgres". */
export function currentPassword(dataDir: string): string {
  return readSecret(passwordFile(dataDir)) ?? LEGACY_PASSWORD;
}

async function withClient<T>(port: number, password: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  c.on("error", () => {});
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

async function accepts(port: number, password: string): Promise<boolean> {
  try {
    return await withClient(port, password, async () => true);
  } catch (e) {
    if ((e as { code?: string }).code === "28P01") return false; // password authentication failed
    throw e;
  }
}

/**
 * After the server started: make its superuser password the one in the
 * password file, moving from whichever known password still works. Returns it.
 */
export async function settlePassword(dataDir: string, port: number): Promise<string> {
  const f = stages(passwordFile(dataDir));
  const candidates: [string, string | undefined][] = [
    [f.current, readSecret(f.current)], [f.next, readSecret(f.next)], [f.init, readSecret(f.init)], ["legacy", LEGACY_PASSWORD],
  ];
  let working: [string, string] | undefined;
  for (const [where, p] of candidates) {
    if (p !== undefined && (await accepts(port, p))) {
      working = [where, p];
      break;
    }
  }
  if (!working) throw new Error(`The embedded PostgreSQL refuses the password in ${f.current}; restore that file from a backup of the data directory`);
  const [where, password] = working;
  if (where === f.next) fs.renameSync(f.next, f.current); // the change went through, the rename did not
  if (where === f.current || where === f.next) {
    fs.rmSync(f.init, { force: true });
    return password;
  }
  const next = newPassword();
  writeSecret(f.next, next);
  await withClient(port, password, async (c) => {
    await c.query(`SET password_encryption = 'scram-sha-256'`);
    await c.query(`ALTER USER postgres WITH PASSWORD '${next}'`); // hex: nothing to quote
  });
  fs.renameSync(f.next, f.current);
  fs.rmSync(f.init, { force: true });
  return next;
}

/** Remove the password files of a data directory that is being deleted. */
export function removePasswordFiles(dataDir: string) {
  for (const file of Object.values(stages(passwordFile(dataDir)))) fs.rmSync(file, { force: true });
}
