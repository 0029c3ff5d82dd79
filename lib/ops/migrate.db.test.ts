// Migration round trip on a real PostgreSQL: the test database was created
// empty and migrated by the global setup with the offline engine.
import fs from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { SCHEMA_PATH, diffSchemaAgainstMigrations, migrationStatus } from "@/lib/ops/migrate";

const url = () => process.env.DATABASE_URL!;

describe("migrations", () => {
  it("applied every migration to the fresh database, with Prisma's own bookkeeping table", async () => {
    const status = await migrationStatus(url());
    expect(status.upToDate).toBe(true);
    const c = new pg.Client({ connectionString: url() });
    await c.connect();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
    const tables = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    await c.end();
    expect(rows[0].n).toBe(fs.readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).length);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["runs", "phases", "test_results", "triage_items"]));
  });

  it("finds schema.prisma and prisma/migrations in agreement", async () => {
    const d = await diffSchemaAgainstMigrations(url());
    expect(d.script).toMatch(/empty|^\s*$/i);
    expect(d.differs).toBe(false);
  });

  it("notices when schema.prisma changes without a migration", async () => {
    const schema = fs.readFileSync(SCHEMA_PATH, "utf8").replace("model Run {", "model Run {\n  forgotten String?");
    const d = await diffSchemaAgainstMigrations(url(), schema);
    expect(d.differs).toBe(true);
    expect(d.script).toContain('"forgotten"');
  });
});
