// `npm start` / `npm run dev`: validate the environment, pick the database
// (DATABASE_URL or embedded PostgreSQL under .data/), apply migrations, load
// the demo on first start, build if the production build is missing or stale,
// then run the web app and the worker until Ctrl-C, and stop everything
// (PostgreSQL included) cleanly.
import { type ChildProcess, spawn } from "node:child_process";
import { processIo } from "@/lib/cli/io";
import path from "node:path";
import { type Env, dataDir, parseEnvOrExit } from "@/lib/env";
import { SECRET_KEY_FILE, ensureSecretKeyFile } from "@/lib/runner/secret-box";
import { buildIfStale, buildUploaderIfStale } from "@/lib/ops/build";
import { NoEmbeddedBuildError, resolveDatabase } from "@/lib/ops/database";
import { deployMigrations } from "@/lib/ops/migrate";
import { webNodeOptions } from "@/lib/ops/node-options";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dev = process.argv.includes("--dev");
const log = (msg: string) => processIo.out(`[runboard] ${msg}`);

const env: Env = parseEnvOrExit();

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

/** The first admin on an empty user table: from RUNBOARD_ADMIN_* or generated and printed once. */
async function ensureAdmin() {
  const { authSecret } = await import("@/lib/auth/secret");
  authSecret(); // generated before the children start, so they all read the same one
  const { ensureFirstAdmin } = await import("@/lib/auth/users");
  const admin = await ensureFirstAdmin(env.RUNBOARD_ADMIN_EMAIL, env.RUNBOARD_ADMIN_PASSWORD);
  if (!admin) return;
  if (admin.password) log(`created the first admin: ${admin.email} with password ${admin.password} (shown this once; change it with \`npx runboard user password --email ${admin.email}\`)`);
  else log(`created the first admin ${admin.email} (password from RUNBOARD_ADMIN_PASSWORD)`);
}

async function main() {
  const database = await resolveDatabase(env).catch((e) => {
    if (!(e instanceof NoEmbeddedBuildError)) throw e;
    processIo.err(e.message); // one line, no stack: the fix is a setting
    process.exit(1);
  });
  log(database.embedded
    ? `embedded PostgreSQL at ${database.url.replace(/:[^:@/]+@/, ":***@")} (data in ${env.RUNBOARD_DATA_DIR}/pg, superuser password in ${env.RUNBOARD_DATA_DIR}/pg.password)`
    : "using DATABASE_URL");
  process.env.DATABASE_URL = database.url;
  if (database.embedded && !env.RUNBOARD_SECRET_KEY) {
    // runner hosts' SSH keys are encrypted with it; the web app and worker read the same file (never printed)
    const file = path.join(dataDir(env), SECRET_KEY_FILE);
    if (ensureSecretKeyFile(dataDir(env))) log(`generated the key that encrypts runner hosts' SSH keys: ${file} (mode 600; back it up with the database)`);
  }
  const children: ChildProcess[] = [];
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    for (const c of children) if (c.exitCode === null && c.pid) try { process.kill(-c.pid, "SIGTERM"); } catch { /* gone */ }
    await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => { const t = setTimeout(() => { try { process.kill(-c.pid!, "SIGKILL"); } catch { /* gone */ } r(null); }, 8000); c.once("exit", () => { clearTimeout(t); r(null); }); }))));
    await database.stop().catch((e) => processIo.err(`[runboard] stopping PostgreSQL failed: ${(e as Error)?.stack ?? e}`));
    log("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    const applied = await deployMigrations(database.url);
    log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
    const { recomputeSignatures } = await import("@/lib/services/recompute-signatures");
    const regrouped = await recomputeSignatures();
    if (regrouped.stale) log(`regrouped failures: ${regrouped.stale} signatures of an older normalization became ${regrouped.current} (${regrouped.results} results, ${regrouped.triageItems} triage items)`);
    await ensureAdmin();
    if (env.RUNBOARD_DEMO) {
      const { db } = await import("@/lib/db");
      if ((await db().project.count()) === 0) {
        const { loadGatewayDemo } = await import("@/lib/demo/gateway-demo");
        const t = Date.now();
        const { runs } = await loadGatewayDemo();
        log(`loaded the Gateway demo: ${runs} runs through the ingest services in ${Date.now() - t} ms`);
      }
    }
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    if (!dev && buildIfStale()) log("built the production app");
    if (dev) buildUploaderIfStale(false); // GET /runboard.mjs
  } catch (e) {
    processIo.err(`[runboard] ${(e as Error).message}`);
    return stop(1);
  }

  const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(env.PORT) };
  // detached: each child leads its own process group, so stopping kills next-server too.
  // lib/ops/web-server.ts runs Next.js and tells it each request's real client address.
  const web = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["lib/ops/web-server.ts", ...(dev ? ["--dev"] : [])], {
    cwd: ROOT, env: { ...childEnv, NODE_ENV: dev ? "development" : "production", NODE_OPTIONS: webNodeOptions(process.env.NODE_OPTIONS) }, stdio: "inherit", detached: true,
  });
  children.push(web);
  if (env.RUNBOARD_WORKER) {
    children.push(spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["lib/worker/main.ts"], { cwd: ROOT, env: childEnv, stdio: "inherit", detached: true }));
  }
  for (const c of children) c.once("exit", (code) => { if (!stopping) { log(`a child process exited (${code}); stopping`); void stop(code ?? 1); } });
  const local = `http://localhost:${env.PORT}`;
  if (await waitForHealth(`${local}/api/health`, web)) log(`Runboard is up at ${local}`);
}

void main();
