// Offline stand-in for `prisma migrate`: Prisma's own Wasm schema engine driven
// through @prisma/adapter-pg. Same prisma/migrations layout and
// _prisma_migrations table as the real CLI, so both agree wherever they run.
// Why: the Prisma CLI only drives a native engine that cannot be downloaded on
// these machines (docs/decisions/0001-offline-migrations.md).
/* eslint-disable @typescript-eslint/no-explicit-any -- the Wasm engine and adapter internals are untyped */
import fs from "node:fs";
import { processIo } from "@/lib/cli/io";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { parse } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
const filters = { externalTables: [], externalEnums: [] };

// One Wasm instance per process: the generated bindings cache views of the
// instance's memory, so instantiating a second one corrupts the first's strings.
let bindings: Promise<any> | undefined;

function loadBindings(): Promise<any> {
  bindings ??= (async () => {
    const g = globalThis as any;
    // Without a registry, engine panics surface as opaque TypeErrors.
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m: string) => processIo.err(`[schema-engine panic] ${m}`) };
    const bgPath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg: any = await import(pathToFileURL(bgPath).href);
    // Node 20 cannot import the .wasm entry: instantiate by hand.
    const wasm = new WebAssembly.Module(fs.readFileSync(path.join(path.dirname(bgPath), "schema_engine_bg.wasm")));
    const instance = new WebAssembly.Instance(wasm, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as any).__wbindgen_start();
    return bg;
  })();
  return bindings;
}

async function loadEngine(adapterFactory: unknown, datamodels: [string, string][]): Promise<any> {
  const bg = await loadBindings();
  const log = process.env.DEBUG_SCHEMA_ENGINE ? (m: string) => processIo.err(`[engine] ${m}`) : () => {};
  return bg.SchemaEngine.new({ datamodels }, log, adapterFactory);
}

// adapter-pg cannot map Postgres' internal "char" type (OID 18, e.g.
// pg_constraint.contype) that the schema describer reads: report it as text.
function patchCharColumns(adapter: any) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter));
  if (proto.__charPatched) return adapter;
  proto.__charPatched = true;
  const charCols = new WeakMap<object, number[]>();
  const { performIO, queryRaw } = proto;
  proto.performIO = async function (q: unknown) {
    const res = await performIO.call(this, q);
    const idx: number[] = [];
    res?.fields?.forEach((f: any, i: number) => {
      if (f.dataTypeID === 18) {
        f.dataTypeID = 25;
        idx.push(i);
      }
    });
    if (idx.length) charCols.set(res.rows, idx);
    return res;
  };
  proto.queryRaw = async function (q: unknown) {
    const out = await queryRaw.call(this, q);
    charCols.get(out.rows)?.forEach((i) => {
      out.columnTypes[i] = ColumnTypeEnum.Character;
    });
    return out;
  };
  return adapter;
}

// Our own shadow database: PrismaPg#connectToShadowDb() with a URL connects to
// the MAIN database in 7.10 and drops the shadow before closing its pool.
function migrationFactory(mainUrl: string) {
  const cfg: any = { ...parse(mainUrl) };
  const connect = async (c: any) => patchCharColumns(await new PrismaPg(c).connect());
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    connect: () => connect(cfg),
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
      const admin = async (sql: string) => {
        const c = new pg.Client(cfg);
        await c.connect();
        try {
          await c.query(sql);
        } finally {
          await c.end();
        }
      };
      await admin(`CREATE DATABASE "${name}"`);
      const adapter = await connect({ ...cfg, database: name });
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}

function listMigrations() {
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  const lockfile = {
    path: "migration_lock.toml",
    content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
  };
  const dirs = fs.existsSync(MIGRATIONS_DIR)
    ? fs
        .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const migrationDirectories = dirs.map((name) => {
    let content: { tag: "ok" | "error"; value: string };
    try {
      content = { tag: "ok", value: fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8") };
    } catch (e) {
      content = { tag: "error", value: (e as Error).message };
    }
    return { path: name, migrationFile: { path: "migration.sql", content } };
  });
  return { baseDir: MIGRATIONS_DIR, lockfile, migrationDirectories, shadowDbInitScript: "" };
}

async function withEngine<T>(
  url: string,
  fn: (engine: any, schema: any) => Promise<T>,
  schemaContent = fs.readFileSync(SCHEMA_PATH, "utf8"),
): Promise<T> {
  const schema = { files: [{ path: SCHEMA_PATH, content: schemaContent }] };
  const factory: any = bindMigrationAwareSqlAdapterFactory(migrationFactory(url) as any);
  const engine = await loadEngine(factory, [[SCHEMA_PATH, schemaContent]]);
  try {
    return await fn(engine, schema);
  } catch (e: any) {
    // adapter errors sit in the registry, referenced by id in the message
    const id = /External error id#(\d+)/.exec(String(e?.message))?.[1];
    const inner = id ? factory.errorRegistry.consumeError(Number(id))?.error : undefined;
    throw new Error(`Migration error: ${inner ? JSON.stringify(inner) : (e?.message ?? e)}`);
  } finally {
    engine.free();
  }
}

/** Apply pending migrations (= `prisma migrate deploy`). Returns the names applied. */
export async function deployMigrations(url: string): Promise<string[]> {
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: listMigrations(), filters });
    return out.appliedMigrationNames as string[];
  });
}

/** Create a migration from the schema diff (= `prisma migrate dev --create-only`). */
export async function createMigration(url: string, name: string): Promise<string | null> {
  return withEngine(url, async (engine, schema) => {
    const migrationsList = listMigrations();
    // The Wasm build gives createMigration no shadow DB: devDiagnostic caches the history schema it needs.
    const { action } = await engine.devDiagnostic({ migrationsList, filters });
    if (action.tag === "reset") throw new Error(`Drift: the dev database needs a reset. ${action.reason}`);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters });
    if (appliedMigrationNames.length) await engine.devDiagnostic({ migrationsList, filters });
    const out = await engine.createMigration({ draft: false, migrationName: name, migrationsList, schema, filters });
    if (out.migrationScript === null) return null;
    const dir = path.join(MIGRATIONS_DIR, out.generatedMigrationName);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `migration.${out.extension}`), out.migrationScript);
    fs.writeFileSync(
      path.join(MIGRATIONS_DIR, "migration_lock.toml"),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
    );
    return out.generatedMigrationName as string;
  });
}

export interface MigrationStatus {
  pending: string[];
  failed: string[];
  edited: string[];
  upToDate: boolean;
  raw: unknown;
}

export async function migrationStatus(url: string): Promise<MigrationStatus> {
  return withEngine(url, async (engine) => {
    const d = await engine.diagnoseMigrationHistory({
      migrationsList: listMigrations(),
      optInToShadowDatabase: false,
      filters,
    });
    const pending: string[] =
      d.history?.diagnostic === "databaseIsBehind" ? d.history.unappliedMigrationNames : [];
    return {
      pending,
      failed: d.failedMigrationNames,
      edited: d.editedMigrationNames,
      upToDate: !d.history && !d.failedMigrationNames.length && !d.editedMigrationNames.length,
      raw: d,
    };
  });
}

/** SQL that would bring the migrations to schema.prisma; empty when they agree. No database needed beyond the engine's shadow. */
export async function diffSchemaAgainstMigrations(
  url: string,
  schemaContent?: string,
): Promise<{ differs: boolean; script: string }> {
  return withEngine(url, async (engine, schema) => {
    const out = await engine.diff({
      from: { tag: "migrations", ...listMigrations() },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: true,
      filters,
    });
    return { differs: out.exitCode === 2, script: out.stdout ?? "" };
  }, schemaContent);
}
