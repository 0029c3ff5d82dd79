// npm run db:migrate | db:migration -- <name> | db:status | db:diff
import { parseEnv } from "@/lib/env";
import { processIo } from "@/lib/cli/io";
import { resolveDatabase } from "@/lib/ops/database";
import { createMigration, deployMigrations, diffSchemaAgainstMigrations, migrationStatus } from "@/lib/ops/migrate";

const [cmd, name] = process.argv.slice(2);
const database = await resolveDatabase(parseEnv());
let code = 0;
try {
  if (cmd === "deploy") {
    const applied = await deployMigrations(database.url);
    processIo.out(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations to apply.");
    process.env.DATABASE_URL = database.url;
    const { recomputeSignatures } = await import("@/lib/services/recompute-signatures");
    const { disconnectDb } = await import("@/lib/db");
    const regrouped = await recomputeSignatures().finally(() => disconnectDb());
    if (regrouped.stale) processIo.out(`Regrouped failures: ${regrouped.stale} signatures of an older normalization became ${regrouped.current} (${regrouped.results} results, ${regrouped.triageItems} triage items).`);
  } else if (cmd === "create") {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:migration -- <name> (lowercase, digits, _)");
    const created = await createMigration(database.url, name);
    processIo.out(created ? `Created prisma/migrations/${created}/migration.sql` : "No schema changes, no migration created.");
  } else if (cmd === "status") {
    const s = await migrationStatus(database.url);
    if (s.upToDate) processIo.out("Database schema is up to date.");
    else {
      if (s.pending.length) processIo.out(`Pending: ${s.pending.join(", ")}`);
      if (s.failed.length) processIo.out(`Failed: ${s.failed.join(", ")}`);
      if (s.edited.length) processIo.out(`Edited after apply: ${s.edited.join(", ")}`);
      code = 1;
    }
  } else if (cmd === "diff") {
    const d = await diffSchemaAgainstMigrations(database.url);
    if (d.differs) {
      processIo.out("schema.prisma and prisma/migrations disagree. Missing SQL:\n" + d.script);
      code = 2;
    } else processIo.out("schema.prisma and prisma/migrations agree.");
  } else {
    processIo.err("usage: migrate-cli deploy | create <name> | status | diff");
    code = 2;
  }
} catch (e) {
  processIo.err((e as Error).message);
  code = 1;
} finally {
  await database.stop();
}
process.exit(code);
