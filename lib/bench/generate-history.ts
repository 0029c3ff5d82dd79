// Load generator for the page benchmark: fills a fresh database with a long
// run history (by default 100k runs and ~10M results) using set-based SQL
// (INSERT ... SELECT generate_series) straight into the tables. It bypasses
// the ingest API on purpose: it is a load generator, and 10M results through
// the API would take an hour; the shapes (counters on the run, copied
// runStartedAt, signatures, phases, one gzipped report per run) match what
// ingest writes. Indexes of test_results are dropped during the load and
// rebuilt after it, and FK triggers are skipped for the session, which is
// what a bulk load into PostgreSQL does.
import { gzipSync } from "node:zlib";
import type pg from "pg";
import { SIGNATURE_VERSION } from "@/lib/analysis/failure-signature";
import { FILL_ALL_REQUIREMENT_OUTCOMES } from "@/lib/services/refresh-requirement-outcomes";

export interface HistoryShape {
  runs: number;
  /** target number of results; the share of large-suite runs is chosen to reach it */
  results: number;
  smallSuite: number;
  largeSuite: number;
  smallProjects: number;
}

export const DEFAULT_SHAPE: HistoryShape = { runs: 100_000, results: 10_000_000, smallSuite: 24, largeSuite: 1000, smallProjects: 4 };

/** Every how many runs one belongs to the large suite, to land near the results target. */
export function largeEvery(shape: HistoryShape): number {
  // one run in 33 fails in setup and has no results (see the runs INSERT)
  const withResults = (shape.runs * 32) / 33;
  // results = n * (small + (large - small) / every)  =>  every = n * (large - small) / (results - n * small)
  const extra = shape.results - withResults * shape.smallSuite;
  if (extra <= 0) return 0;
  return Math.max(1, Math.round((withResults * (shape.largeSuite - shape.smallSuite)) / extra));
}

const RESULT_INDEXES = [
  `CREATE INDEX "test_results_runId_status_idx" ON "test_results"("runId", "status")`,
  `CREATE INDEX "test_results_testCaseId_runStartedAt_idx" ON "test_results"("testCaseId", "runStartedAt" DESC)`,
];

export async function generateHistory(client: pg.PoolClient | pg.Client, shape: HistoryShape, log: (msg: string) => void) {
  const every = largeEvery(shape);
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    const r = await client.query(sql, params);
    log(`${what}: ${r.rowCount ?? 0} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SET max_parallel_maintenance_workers = 2`);
  // FK checks are row triggers; skipping them is what makes 10M rows a minute, not ten
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SELECT setseed(0.42)`);

  await step("projects", `
    INSERT INTO projects (id, slug, name, "updatedAt")
    SELECT gen_random_uuid(), 'bench-' || i, 'Bench ' || i, now() FROM generate_series(0, $1) i`, [shape.smallProjects]);
  // project bench-<smallProjects> is the large suite
  await client.query(`
    CREATE TEMP TABLE bench_projects AS
    SELECT id, (regexp_replace(slug, '\\D', '', 'g'))::int AS idx,
           CASE WHEN slug = 'bench-' || $1 THEN $2::int ELSE $3::int END AS specs
      FROM projects WHERE slug LIKE 'bench-%'`, [shape.smallProjects, shape.largeSuite, shape.smallSuite]);
  await step("test_cases", `
    INSERT INTO test_cases (id, "projectId", "identityHash", suite, classname, name, file, "requirementIds", "testIds")
    SELECT gen_random_uuid(), p.id, md5(p.id::text || s), 'Bench Suite ' || p.idx, 'Bench Suite ' || p.idx,
           format('[It] Test %s: area %s (BR-BENCH-%s) should behave', lpad(s::text, 4, '0'), s % 37, lpad((s % 120)::text, 3, '0')),
           format('test/e2e/bench/%s_test.go', s), ARRAY['BR-BENCH-' || lpad((s % 120)::text, 3, '0')], ARRAY[]::text[]
      FROM bench_projects p, generate_series(1, p.specs) s`);
  await client.query(`CREATE TEMP TABLE bench_cases AS
    SELECT id, "projectId", row_number() OVER (PARTITION BY "projectId" ORDER BY name)::int AS n FROM test_cases`);
  await client.query(`CREATE INDEX ON bench_cases ("projectId", n)`);
  await step("failure_signatures", `
    INSERT INTO failure_signatures (id, "projectId", hash, text)
    SELECT md5(p.id::text || 'sig' || k)::uuid, p.id, '${SIGNATURE_VERSION}:' || left(md5(p.id::text || 'sig' || k), 16),
           (ARRAY['[FAILED] Timed out after <n>s. RemediationRequest was not created',
                  '[FAILED] Expected <int>: <n> to equal <int>: <n>',
                  'dial tcp <ip>:<n>: connect: connection refused',
                  '[FAILED] failed to load fixture testdata/<path>: no such file or directory',
                  '[FAILED] Expected <string>: "P1" to equal <string>: "P0"'])[k]
      FROM bench_projects p, generate_series(1, 5) k`);

  // Runs: newest last, one every ~5 minutes, a third sequential, a few still running, ~3 % with a failed setup.
  await step("runs", `
    INSERT INTO runs (id, "projectId", mode, "externalId", branch, "commitSha", "runnerHost", source, "startedAt", "finishedAt",
                      "setupDurationMs", "testDurationMs", "durationMs", status, "claimedStatus", "setupOk", "updatedAt")
    SELECT gen_random_uuid(), p.id, CASE WHEN n % 3 = 0 THEN 'sequential' ELSE 'parallel' END, 'ci-' || n,
           CASE WHEN n % 10 < 7 THEN 'main' ELSE 'feature/change-' || (n % 400) END,
           substr(md5((n / 3)::text), 1, 12), 'runner-' || (n % 8), 'bench', t.started,
           CASE WHEN running THEN NULL ELSE t.started + make_interval(secs => (setup + tests) / 1000.0) END,
           CASE WHEN running THEN NULL ELSE setup END,
           CASE WHEN running OR setup_failed THEN NULL ELSE tests END,
           CASE WHEN running THEN NULL ELSE setup + tests END,
           CASE WHEN running THEN 'running' WHEN setup_failed THEN 'errored' ELSE 'passed' END::"RunStatus",
           CASE WHEN running THEN NULL ELSE 'passed' END,
           CASE WHEN running THEN NULL ELSE NOT setup_failed END, now()
      FROM generate_series(1, $1::int) n
      CROSS JOIN LATERAL (SELECT n > $1::int - 3 AS running, n % 33 = 7 AS setup_failed) f
      JOIN bench_projects p ON p.idx = CASE WHEN $2::int > 0 AND n % $2::int = 0 THEN $3::int ELSE n % $3::int END
      CROSS JOIN LATERAL (SELECT now() - make_interval(mins => ($1::int - n) * 5) AS started,
                                 CASE WHEN n % 3 = 0 THEN 400000 ELSE 280000 END + (random() * 40000)::int AS setup,
                                 p.specs * (1200 + (random() * 600)::int) AS tests) t`,
    [shape.runs, every, shape.smallProjects]);

  await step("phases (top level)", `
    INSERT INTO phases (id, "runId", name, position, status, "startedAt", "finishedAt", "durationMs", attributes)
    SELECT md5(r.id::text || k)::uuid, r.id, (ARRAY['Phase 1: Kind cluster + CRDs + namespace', 'Phase 2: Build & deploy images',
             'Phase 3: DataStorage deployment', 'Phase 4: Gateway deployment'])[k], k * 10,
           CASE WHEN r."setupOk" = false AND k = 2 THEN 'failed' ELSE 'passed' END::"PhaseStatus",
           r."startedAt" + make_interval(secs => (ARRAY[0, 0.26, 0.76, 0.88])[k] * r."setupDurationMs" / 1000.0),
           r."startedAt" + make_interval(secs => (ARRAY[0.26, 0.76, 0.88, 1])[k] * r."setupDurationMs" / 1000.0),
           ((ARRAY[0.26, 0.5, 0.12, 0.12])[k] * r."setupDurationMs")::int, '{}'
      FROM runs r, generate_series(1, 4) k
     WHERE r."setupDurationMs" IS NOT NULL AND (r."setupOk" OR k <= 2)`);
  await step("phases (parallel builds)", `
    INSERT INTO phases (id, "runId", name, "parentId", "group", position, status, "startedAt", "finishedAt", "durationMs", attributes)
    SELECT md5(r.id::text || 'b' || k)::uuid, r.id, (ARRAY['Gateway image', 'DataStorage image', 'PostgreSQL + Redis'])[k],
           md5(r.id::text || 2)::uuid, CASE WHEN r.mode = 'parallel' THEN 'images' END, 20 + k,
           CASE WHEN r."setupOk" = false AND k = 2 THEN 'failed' ELSE 'passed' END::"PhaseStatus",
           r."startedAt" + make_interval(secs => 0.26 * r."setupDurationMs" / 1000.0),
           r."startedAt" + make_interval(secs => (0.26 + (ARRAY[0.45, 0.37, 0.16])[k]) * r."setupDurationMs" / 1000.0),
           ((ARRAY[0.45, 0.37, 0.16])[k] * r."setupDurationMs")::int,
           jsonb_build_object('peakMemoryMb', (ARRAY[2150, 1830, 640])[k] + (random() * 200)::int)
             || CASE WHEN r."setupOk" = false AND k = 2 THEN '{"oomKills": 1}'::jsonb ELSE '{}'::jsonb END
      FROM runs r, generate_series(1, 3) k
     WHERE r."setupDurationMs" IS NOT NULL`);
  const report = gzipSync(Buffer.from(`<?xml version="1.0"?><testsuites><!-- generated by the page benchmark --></testsuites>`));
  await step("reports", `
    INSERT INTO reports (id, "runId", filename, format, dialect, "contentHash", "sizeBytes", "contentGzip", "caseCount", declared)
    SELECT md5(r.id::text || 'report')::uuid, r.id, 'junit-e2e.xml', 'junit', 'ginkgo-v2', md5(r.id::text), 90, $1, p.specs,
           jsonb_build_object('tests', p.specs)
      FROM runs r JOIN bench_projects p ON p.id = r."projectId"
     WHERE r.status <> 'running' AND r."setupOk"`, [report]);

  for (const name of ["test_results_runId_status_idx", "test_results_testCaseId_runStartedAt_idx"]) {
    await client.query(`DROP INDEX IF EXISTS "${name}"`);
  }
  // Drive the join run by run (nested loop over runs in start order) so a run's results sit together on
  // disk, as they do after ingest's one COPY per report; a hash join would scatter them over the table.
  await client.query(`SET enable_hashjoin = off`);
  await client.query(`SET enable_mergejoin = off`);
  // ~88 % pass, ~7 % fail (a fifth of them flaky specs), ~1 % error, ~4 % skipped; durations 0.5-3 s
  // monthly partitions (decision 20), as ingest creates them
  await step("partitions", `SELECT runboard_month_partition('test_results', m) FROM (SELECT DISTINCT date_trunc('month', "startedAt") AS m FROM runs) x`);
  await step("test_results", `
    INSERT INTO test_results ("runId", "projectId", "testCaseId", "reportId", "runStartedAt", status, "durationMs", message, retries, flaky, "signatureId")
    SELECT r.id, r."projectId", c.id, md5(r.id::text || 'report')::uuid, r."startedAt", o.status::"ResultStatus",
           CASE WHEN o.status = 'skipped' THEN 0 ELSE 500 + (random() * 2500)::int END,
           CASE WHEN o.status IN ('failed', 'errored') THEN format('[FAILED] Timed out after %s.%ss. spec %s of run %s', 10 + c.n % 50, c.n % 1000, c.n, r."externalId") END,
           CASE WHEN o.roll < 0.005 THEN 1 ELSE 0 END, o.roll < 0.005,
           CASE WHEN o.status IN ('failed', 'errored') THEN md5(r."projectId"::text || 'sig' || (1 + c.n % 5))::uuid END
      FROM runs r
      JOIN bench_cases c ON c."projectId" = r."projectId"
      -- the reference to c.n makes PostgreSQL draw a new number per row, not once
      CROSS JOIN LATERAL (SELECT random() + 0 * c.n AS roll) x
      CROSS JOIN LATERAL (SELECT CASE WHEN x.roll < 0.88 THEN 'passed' WHEN x.roll < 0.95 THEN 'failed'
                                      WHEN x.roll < 0.96 THEN 'errored' ELSE 'skipped' END AS status, x.roll) o
     WHERE r.status <> 'running' AND r."setupOk"`);
  await client.query(`RESET enable_hashjoin`);
  await client.query(`RESET enable_mergejoin`);
  for (const sql of RESULT_INDEXES) await step(`index ${sql.match(/"(\w+)"/)![1]}`, sql);
  // the spec's first seen, which ingest keeps (migration 20261206035512; its triggers are off during this load):
  // the earliest run start, one probe of the (testCaseId, runStartedAt) index per spec (the runs here have no window start)
  await step("spec first seen", `
    UPDATE test_cases tc SET "firstSeenAt" = f.at
      FROM (SELECT c.id, (SELECT min(r."runStartedAt") FROM test_results r WHERE r."testCaseId" = c.id) AS at FROM test_cases c) f
     WHERE tc.id = f.id AND f.at IS NOT NULL`);
  await step("run counters", `
    UPDATE runs r SET "testsTotal" = a.total, "testsPassed" = a.passed, "testsFailed" = a.failed, "testsErrored" = a.errored,
                      "testsSkipped" = a.skipped, "testsFlaky" = a.flaky,
                      status = CASE WHEN a.failed + a.errored > 0 THEN 'failed' ELSE 'passed' END::"RunStatus"
      FROM (SELECT "runId", count(*)::int AS total, count(*) FILTER (WHERE status = 'passed')::int AS passed,
                   count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*) FILTER (WHERE status = 'errored')::int AS errored,
                   count(*) FILTER (WHERE status = 'skipped')::int AS skipped, count(*) FILTER (WHERE flaky)::int AS flaky
              FROM test_results GROUP BY "runId") a
     WHERE a."runId" = r.id`);
  // the requirement grid's per-run summaries, as the ingest writes them (it is bypassed here)
  await step("requirement grid summaries", FILL_ALL_REQUIREMENT_OUTCOMES);
  await client.query(`SET session_replication_role = origin`);
  // a database in steady state: visibility map set and statistics current, so autovacuum does not
  // start on 10M fresh rows in the middle of the measurements; then flush the dirty pages
  await step("vacuum analyze", `VACUUM (ANALYZE)`);
  await step("checkpoint", `CHECKPOINT`);
}
