// The partitioning migration (decision 20) on a database that already holds
// results: every row is moved into its month's partition with its
// run's project, ids keep counting from where they were, new rows land in the
// right month. The older migrations are replayed into a database of its own.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "@/lib/ops/migrate";

const PARTITIONING = "20261206010148_partitioned_results_retention";
const name = `migrate_partitions_${Date.now().toString(36)}`;
let admin: pg.Client;
let db: pg.Client;

const sql = (migration: string) => fs.readFileSync(path.join(MIGRATIONS_DIR, migration, "migration.sql"), "utf8");

beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = "/postgres";
  admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  url.pathname = `/${name}`;
  db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const before = fs.readdirSync(MIGRATIONS_DIR).filter((d) => d < PARTITIONING && fs.existsSync(path.join(MIGRATIONS_DIR, d, "migration.sql"))).sort();
  for (const m of before) await db.query(sql(m));
  // three months of results, and one row of a deleted run (this month)
  await db.query(`INSERT INTO projects (id, slug, name, "updatedAt") VALUES ('00000000-0000-0000-0000-000000000001', 'p', 'P', now())`);
  await db.query(`INSERT INTO runs (id, "projectId", mode, "startedAt", status, "updatedAt")
    SELECT md5('run' || i)::uuid, '00000000-0000-0000-0000-000000000001', 'parallel', timestamp '2026-09-15' + make_interval(days => i * 30), 'passed', now()
      FROM generate_series(0, 2) i`);
  await db.query(`INSERT INTO test_results ("runId", "testCaseId", "runStartedAt", status) SELECT r.id, gen_random_uuid(), r."startedAt", 'passed' FROM runs r, generate_series(1, 100)`);
  await db.query(`INSERT INTO test_results ("runId", "testCaseId", "runStartedAt", status) VALUES (gen_random_uuid(), gen_random_uuid(), now(), 'passed')`);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await admin?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin?.end();
});

describe("the partitioning migration on a database with data", () => {
  it("moves every result of a run into its month with the run's project, and new rows follow", async () => {
    await db.query(sql(PARTITIONING));

    const { rows: parts } = await db.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'test_results'::regclass ORDER BY 1`);
    expect(parts.map((p) => p.relname)).toEqual(expect.arrayContaining(["test_results_p2026_09", "test_results_p2026_10", "test_results_p2026_11"]));
    const { rows: [moved] } = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE "projectId" = '00000000-0000-0000-0000-000000000001')::int AS with_project, max(id)::int AS max FROM test_results`);
    expect(moved).toEqual({ n: 300, with_project: 300, max: 300 }); // the deleted run's row (id 301) is not copied
    const { rows: [month] } = await db.query(`SELECT count(*)::int AS n FROM test_results_p2026_10`);
    expect(month.n).toBe(100);

    await db.query(`SELECT runboard_month_partition('test_results', '2027-01-02')`);
    const { rows: [added] } = await db.query(
      `INSERT INTO test_results ("runId", "projectId", "testCaseId", "runStartedAt", status)
       VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', gen_random_uuid(), '2027-01-02', 'passed') RETURNING id, tableoid::regclass::text AS part`);
    expect(added).toEqual({ id: "302", part: "test_results_p2027_01" });
  });
});
