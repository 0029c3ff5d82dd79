// Retention on the partitioned tables (decision 20), on a database of its own
// (dropping a month must not touch other test files' rows): expired result
// rows and job logs go, per project inside the months that stay, or whole
// months once every project's retention has passed them; runs stay.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enforceRetention } from "@/lib/retention/enforce-retention";
import { listMonthPartitions } from "@/lib/retention/partitions";
import { type TestDatabase, createTestDatabase } from "@/lib/testing/test-database";

const DAY = 86_400_000;
const now = new Date();
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);
let testDb: TestDatabase;
let db: pg.Pool;

async function project(slug: string, days: number | null): Promise<string> {
  const { rows } = await db.query(`INSERT INTO projects (id, slug, name, "resultRetentionDays", "updatedAt") VALUES (gen_random_uuid(), $1, $1, $2, now()) RETURNING id`, [slug, days]);
  return rows[0].id;
}

/** a finished run with `n` results, stored as ingest stores them (the month's partition created first) */
async function run(projectId: string, startedAt: Date, n: number): Promise<string> {
  const { rows } = await db.query(
    `INSERT INTO runs (id, "projectId", mode, "startedAt", "finishedAt", status, "testsTotal", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'parallel', $2, $2, 'passed', $3, now()) RETURNING id`, [projectId, startedAt, n]);
  await db.query(`SELECT runboard_month_partition('test_results', $1::timestamp)`, [startedAt]);
  await db.query(
    `INSERT INTO test_results ("runId", "projectId", "testCaseId", "runStartedAt", status)
     SELECT $1, $2, gen_random_uuid(), $3, 'passed' FROM generate_series(1, $4)`, [rows[0].id, projectId, startedAt, n]);
  return rows[0].id;
}

/** a finished provisioning job with one log chunk (its template and host are not needed here: FK checks off for the insert) */
async function job(projectId: string, createdAt: Date): Promise<string> {
  const c = await db.connect();
  const { rows } = await c.query(`SET session_replication_role = replica`).then(() => c.query(
    `INSERT INTO provisioning_jobs (id, "projectId", "templateId", "runnerHostId", status, "createdAt")
     VALUES (gen_random_uuid(), $1, gen_random_uuid(), gen_random_uuid(), 'succeeded', $2) RETURNING id`, [projectId, createdAt])).finally(() => c.release(true));
  await db.query(`SELECT runboard_month_partition('job_log_chunks', $1::timestamp)`, [createdAt]);
  await db.query(`INSERT INTO job_log_chunks ("jobId", seq, stream, text, "createdAt") VALUES ($1, 1, 'stdout', 'hello', $2)`, [rows[0].id, createdAt]);
  return rows[0].id;
}

const results = async (runId: string) => Number((await db.query(`SELECT count(*) AS n FROM test_results WHERE "runId" = $1`, [runId])).rows[0].n);
const logs = async (jobId: string) => Number((await db.query(`SELECT count(*) AS n FROM job_log_chunks WHERE "jobId" = $1`, [jobId])).rows[0].n);

beforeAll(async () => {
  testDb = await createTestDatabase(process.env.DATABASE_URL!, "retention");
  db = new pg.Pool({ connectionString: testDb.url, max: 3 });
});

afterAll(async () => {
  await db?.end();
  await testDb?.drop();
});

describe("retention", () => {
  it("deletes a project's expired results and job logs inside the months, keeping other projects', the runs and every month", async () => {
    const limited = await project("limited", 60);
    const forever = await project("forever", null);
    const old = await run(limited, daysAgo(120), 50);
    const recent = await run(limited, daysAgo(10), 40);
    const kept = await run(forever, daysAgo(120), 30);
    const oldJob = await job(limited, daysAgo(120));
    const keptJob = await job(forever, daysAgo(120));
    const monthsBefore = (await listMonthPartitions(db, "test_results")).map((p) => p.name);

    const out = await enforceRetention(now, db);

    expect(out.dropped).toEqual([]);
    expect(out.deleted).toBe(50 + 1);
    expect([await results(old), await results(recent), await results(kept)]).toEqual([0, 40, 30]);
    expect([await logs(oldJob), await logs(keptJob)]).toEqual([0, 1]);
    expect(Number((await db.query(`SELECT count(*) AS n FROM runs`)).rows[0].n)).toBe(3);
    // the months stay, and the coming month exists before anything is written to it
    const monthsAfter = (await listMonthPartitions(db, "test_results")).map((p) => p.name);
    expect(monthsAfter).toEqual(expect.arrayContaining(monthsBefore));
    expect(monthsAfter.at(-1)! > monthsBefore.at(-1)!).toBe(true);
    // nothing left to do: a second pass deletes nothing
    expect((await enforceRetention(now, db)).deleted).toBe(0);
  });

  it("drops whole months once every project's retention has passed them", async () => {
    await db.query(`UPDATE projects SET "resultRetentionDays" = 60`);
    const oldMonth = (await listMonthPartitions(db, "test_results"))[0];
    expect(oldMonth.to.getTime()).toBeLessThan(daysAgo(60).getTime());

    const out = await enforceRetention(now, db);

    expect(out.dropped).toEqual(expect.arrayContaining([oldMonth.name, oldMonth.name.replace("test_results", "job_log_chunks")]));
    expect((await listMonthPartitions(db, "test_results")).map((p) => p.name)).not.toContain(oldMonth.name);
    expect(Number((await db.query(`SELECT count(*) AS n FROM test_results WHERE "runStartedAt" < $1`, [daysAgo(60)])).rows[0].n)).toBe(0);
    // recent results and every run are still there
    expect(Number((await db.query(`SELECT count(*) AS n FROM test_results`)).rows[0].n)).toBe(40);
    expect(Number((await db.query(`SELECT count(*) AS n FROM runs`)).rows[0].n)).toBe(3);
  });
});
