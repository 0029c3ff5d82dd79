// Two uploads creating the same month's partition at once (found by
// lib/http/multi-process.db.test.ts as a 500: relation "test_results_p…"
// already exists). The second caller waits on the partition's advisory lock
// while the first creates it; once the first commits, the second must find the
// partition and go on, not fail on a stale catalog cache.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "@/lib/testing/test-database";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase(process.env.DATABASE_URL!, "partition_race");
});

afterAll(async () => {
  await testDb?.drop();
});

it("lets the second of two concurrent callers use the partition the first one created", async () => {
  const a = new pg.Client({ connectionString: testDb.url });
  const b = new pg.Client({ connectionString: testDb.url });
  await a.connect();
  await b.connect();
  try {
    const month = "2031-05-17 10:00:00";
    // b has looked the partition up before (as every upload does) and found none
    expect((await b.query(`SELECT to_regclass('test_results_p2031_05') AS r`)).rows[0].r).toBeNull();
    await a.query("BEGIN");
    await a.query(`SELECT runboard_month_partition('test_results', $1::timestamp)`, [month]);
    await b.query("BEGIN");
    const second = b.query(`SELECT runboard_month_partition('test_results', $1::timestamp) AS part`, [month]);
    await new Promise((r) => setTimeout(r, 300)); // b now waits on the partition's lock
    await a.query("COMMIT");
    const { rows } = await second;
    expect(rows[0].part).toBe("test_results_p2031_05");
    // b's transaction is still usable: it can write into the month
    await b.query(`INSERT INTO test_results ("runId", "projectId", "testCaseId", "runStartedAt", status)
                   VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), $1, 'passed')`, [month]).catch((e) => {
      // foreign keys refuse the made-up ids; what matters is that the partition exists and the transaction is alive
      if (!/foreign key/.test(String(e.message))) throw e;
    });
    await b.query("ROLLBACK");
  } finally {
    await a.end();
    await b.end();
  }
});
