// Store one report for a run: the report file (gzipped, for download), spec
// identities (lib/services/upsert-test-cases.ts), failure signatures, the
// result rows by COPY, then the run's counters and its requirement grid summary
// (lib/services/refresh-requirement-outcomes.ts), all in one transaction. Given
// a parse function instead of a parsed report, rows are stored while the file
// is still being parsed (lib/services/result-writer.ts); a parse error rolls
// everything back. The same content sent twice for a run (same sha256) is
// stored once. Triage follows in its own short transaction once the results
// committed, before the caller gets its answer (lib/triage/triage-report.ts,
// decision 24): the project's triage lock is not held through the commit of
// the rows, so concurrent uploads to one project wait for triage only (issue #17).
import { webcrypto } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { AppError } from "@/lib/errors";
import type { ParsedReport, ParsedTestCase, ReportTotals } from "@/lib/ingest/report-types";
import { type RequirementPattern, requirementPatternSchema } from "@/lib/ingest/requirement-ids";
import { metrics } from "@/lib/metrics";
import { ensureMonthPartition } from "@/lib/retention/partitions";
import { refreshRequirementOutcomes } from "@/lib/services/refresh-requirement-outcomes";
import { lockRun, refreshRunSummary } from "@/lib/services/refresh-run-summary";
import { ResultWriter } from "@/lib/services/result-writer";
import { Stopwatch } from "@/lib/services/stopwatch";
import { afterCommit, afterCommitAwait, withTransaction } from "@/lib/services/sql";
import { rememberSpecIds } from "@/lib/services/spec-identity-cache";
import { type KnownRun, triageReportIn, triageReportOn } from "@/lib/triage/triage-report";

const gzipAsync = promisify(gzip);

export interface RunTotals extends ReportTotals {
  flaky: number;
  muted: number;
  declared: number | null;
}

export interface IngestOutcome {
  reportId: string;
  duplicate: boolean;
  cases: number;
  format: ParsedReport["format"];
  dialect: string;
  warnings: string[];
  runStatus: string;
  totals: RunTotals;
  /** where the time went, ms (Server-Timing of POST /api/v1/runs/:id/junit) */
  stages?: Record<string, number>;
}

/** Parses the report, handing testcases to onCases as they are read (see parseJunit's onCases). */
export type StreamingParse = (onCases?: (cases: ParsedTestCase[]) => Promise<void>) => Promise<ParsedReport>;

export type IngestReportInput = {
  runId: string;
  /** project the caller is allowed to write to (the token's); checked against the run */
  projectId?: string;
  raw: Uint8Array;
  filename: string;
} & ({ report: ParsedReport; parse?: undefined } | { parse: StreamingParse; report?: undefined });

export async function ingestReport(input: IngestReportInput, outer?: pg.PoolClient): Promise<IngestOutcome> {
  const { raw } = input;
  // both run on the thread pool, next to parsing and the database work
  const hashing = webcrypto.subtle.digest("SHA-256", raw).then((d) => Buffer.from(d).toString("hex"));
  const gzipping = gzipAsync(raw, { level: 1 });
  gzipping.catch(() => {});
  hashing.catch(() => {});
  const sw = new Stopwatch();
  return withTransaction(async (client) => {
    const run = await lockRunOf(client, input);
    const contentHash = await hashing;
    // the run row is locked: no other ingest of this run can add the same report meanwhile
    const existing = await client.query(`SELECT id, "triagedAt" IS NULL AS untriaged FROM reports WHERE "runId" = $1 AND "contentHash" = $2`, [run.id, contentHash]);
    if (existing.rowCount) {
      // a retry after its first attempt stored the rows but not triage (a crash between the two commits)
      if (existing.rows[0].untriaged) await triageAfterCommit(client, existing.rows[0].id);
      return duplicateOutcome(client, input, run.id, existing.rows[0].id);
    }

    const reportId = uuidv7();
    await ensureMonthPartition("test_results", run.startedAt, client, (hook) => afterCommit(client, hook));
    const writer = new ResultWriter(client, { runId: run.id, projectId: run.projectId, reportId, runStartedAt: run.startedAt, pattern: await projectPattern(client, run.projectId) });
    sw.lap("setup");
    const report = await storeRows(input, writer, sw);
    if (writer.written !== report.cases.length) throw new Error(`stored ${writer.written} of ${report.cases.length} results`);
    // ids are cached only once they exist for good
    afterCommit(client, () => rememberSpecIds(run.projectId, writer.specIds));

    const at = await runTime(client, run, report.window?.startMs);
    const mutedCases = await mutedTestCases(client, [...new Set(writer.failingCaseIds)]);
    const muted = writer.failingCaseIds.reduce((n, id) => (mutedCases.has(id) ? n + 1 : n), 0);
    const durationMs = report.durationMs ?? sumDurations(report.cases);
    await insertReport(client, { reportId, runId: run.id, filename: input.filename, contentHash, raw, gzipped: await gzipping, report, durationMs });
    await addToRunCounters(client, run.id, report, { flaky: writer.flaky, muted, durationMs });
    await refreshRunSummary(client, run.id);
    await refreshRequirementOutcomes(client, run);
    const totals = await readTotals(client, run.id);
    sw.lap("finish");
    const stages: Record<string, number> = { ...sw.stages, ids: writer.times.lookups, lines: writer.times.lines, "copy-wait": writer.times.copyWait };
    await triageAfterCommit(client, reportId, stages, { runId: run.id, projectId: run.projectId, startedAt: run.startedAt, at });
    const totalSeconds = sw.total() / 1000;
    afterCommit(client, () => {
      const m = metrics();
      m.ingestReports.inc({ outcome: "stored" });
      m.ingestBytes.inc(raw.byteLength);
      m.ingestCases.inc(report.cases.length);
      m.ingestDuration.observe(totalSeconds);
    });
    return {
      reportId, duplicate: false, cases: report.cases.length, format: report.format, dialect: report.dialect, warnings: report.warnings,
      ...totals, stages,
    };
  }, outer);
}

/**
 * Triage the report once the results committed (awaited before the answer:
 * its items exist when the upload answers); inside a caller's own transaction, at once in it.
 * stages.triage: the triage transaction's time, its lock wait included.
 */
async function triageAfterCommit(client: pg.PoolClient, reportId: string, stages?: Record<string, number>, known?: KnownRun): Promise<void> {
  const deferred = afterCommitAwait(client, async (free) => {
    const t = performance.now();
    await triageReportOn(free, reportId, known);
    if (stages) stages.triage = performance.now() - t;
  });
  if (!deferred) await triageReportIn(client, reportId, known);
}

/** The run, locked until commit, checked against the caller's project. */
async function lockRunOf(client: pg.PoolClient, input: IngestReportInput) {
  const run = await lockRun(client, input.runId);
  if (!run) throw new AppError("not_found", `Run ${input.runId} does not exist`);
  if (input.projectId && run.projectId !== input.projectId) throw new AppError("forbidden", "This run belongs to another project");
  return run;
}

/** The same content was stored for this run before: nothing is written, the run's totals are answered. */
async function duplicateOutcome(client: pg.PoolClient, input: IngestReportInput, runId: string, reportId: string): Promise<IngestOutcome> {
  afterCommit(client, () => metrics().ingestReports.inc({ outcome: "duplicate" }));
  const report = input.report ?? (await input.parse());
  const totals = await readTotals(client, runId);
  return { reportId, duplicate: true, cases: report.cases.length, format: report.format, dialect: report.dialect, warnings: report.warnings, ...totals };
}

/** Parse (unless parsed already) while the writer stores the rows; a parse or store error aborts the COPY. */
async function storeRows(input: IngestReportInput, writer: ResultWriter, sw: Stopwatch): Promise<ParsedReport> {
  let inAdd = 0;
  try {
    let report: ParsedReport;
    if (input.report) {
      report = input.report;
      await writer.add(report.cases);
    } else {
      report = await input.parse(async (cases) => {
        const t = performance.now();
        await writer.add(cases);
        inAdd += performance.now() - t;
      });
    }
    sw.lap("parse");
    sw.move(inAdd, "parse", "parse-waits");
    await writer.finish();
    sw.lap("store-tail");
    return report;
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

async function insertReport(
  client: pg.PoolClient,
  r: { reportId: string; runId: string; filename: string; contentHash: string; raw: Uint8Array; gzipped: Buffer; report: ParsedReport; durationMs: number | null },
): Promise<void> {
  const { report } = r;
  const ins = await client.query(
    `INSERT INTO reports (id, "runId", filename, format, dialect, "contentHash", "sizeBytes", "contentGzip", "caseCount", declared, warnings, "durationMs",
                          "windowStart", "windowEnd", "triagedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12,
             to_timestamp($13::float8 / 1000) AT TIME ZONE 'UTC', to_timestamp($14::float8 / 1000) AT TIME ZONE 'UTC', NULL)
     ON CONFLICT ("runId", "contentHash") DO NOTHING`,
    [r.reportId, r.runId, r.filename.slice(0, 255), report.format, report.dialect, r.contentHash, r.raw.byteLength,
      r.gzipped, report.cases.length, JSON.stringify(report.declared), JSON.stringify(report.warnings),
      r.durationMs === null ? null : Math.round(r.durationMs), report.window?.startMs ?? null, report.window?.endMs ?? null],
  );
  if (!ins.rowCount) throw new Error("report stored concurrently despite the run lock");
}

async function addToRunCounters(client: pg.PoolClient, runId: string, report: ParsedReport, n: { flaky: number; muted: number; durationMs: number | null }): Promise<void> {
  const t = report.totals;
  await client.query(
    `UPDATE runs SET "testsTotal" = "testsTotal" + $2, "testsPassed" = "testsPassed" + $3, "testsFailed" = "testsFailed" + $4,
       "testsErrored" = "testsErrored" + $5, "testsSkipped" = "testsSkipped" + $6, "testsPending" = "testsPending" + $7,
       "testsFlaky" = "testsFlaky" + $8, "testsMuted" = "testsMuted" + $9,
       "testsDeclared" = CASE WHEN $10::int IS NULL THEN "testsDeclared" ELSE coalesce("testsDeclared", 0) + $10::int END,
       "testDurationMs" = CASE WHEN $11::int IS NULL THEN "testDurationMs" ELSE coalesce("testDurationMs", 0) + $11::int END
     WHERE id = $1`,
    [runId, t.tests, t.passed, t.failed, t.errored, t.skipped, t.pending, n.flaky, n.muted,
      report.declared.tests ?? null, n.durationMs === null ? null : Math.round(n.durationMs)],
  );
}

/** The project's requirement-ID pattern; undefined means the default one. */
async function projectPattern(client: pg.PoolClient, projectId: string): Promise<RequirementPattern | undefined> {
  const { rows } = await client.query(`SELECT "requirementPattern" FROM projects WHERE id = $1`, [projectId]);
  const r = requirementPatternSchema.safeParse(rows[0]?.requirementPattern);
  return r.success ? r.data : undefined;
}

function sumDurations(cases: ParsedTestCase[]): number | null {
  let sum = 0;
  let any = false;
  for (const c of cases) {
    if (c.durationMs !== null) {
      sum += c.durationMs;
      any = true;
    }
  }
  return any ? sum : null;
}

async function mutedTestCases(client: pg.PoolClient, caseIds: string[]): Promise<Set<string>> {
  if (!caseIds.length) return new Set();
  const { rows } = await client.query(
    `SELECT "testCaseId" FROM triage_items WHERE status = 'muted' AND "testCaseId" = ANY($1::uuid[])`,
    [caseIds],
  );
  return new Set(rows.map((r) => r.testCaseId));
}

export async function readTotals(client: pg.PoolClient | pg.Pool, runId: string): Promise<{ runStatus: string; totals: RunTotals }> {
  const { rows } = await client.query(
    `SELECT status, "testsTotal", "testsPassed", "testsFailed", "testsErrored", "testsSkipped", "testsPending",
            "testsFlaky", "testsMuted", "testsDeclared" FROM runs WHERE id = $1`,
    [runId],
  );
  const r = rows[0];
  return {
    runStatus: r.status,
    totals: {
      tests: r.testsTotal, passed: r.testsPassed, failed: r.testsFailed, errored: r.testsErrored, skipped: r.testsSkipped,
      pending: r.testsPending, flaky: r.testsFlaky, muted: r.testsMuted, declared: r.testsDeclared,
    },
  };
}

/**
 * When the run happened, for triage dates ("first failed", "opened"): the
 * claimed start, else the earliest evidence so far (phases recorded before,
 * this report's testsuite timestamps), the request time only when there is none.
 */
async function runTime(client: pg.PoolClient, run: { id: string; startedAt: Date; startedAtSource: string }, reportStartMs: number | undefined): Promise<Date> {
  if (run.startedAtSource === "claimed") return run.startedAt;
  const { rows } = await client.query<{ at: Date | null }>(
    `SELECT "windowStart" AT TIME ZONE 'UTC' AS at FROM runs WHERE id = $1 AND "windowStartSource" IN ('phases', 'reports')`,
    [run.id],
  );
  const evidence = [rows[0]?.at?.getTime(), reportStartMs].filter((t): t is number => typeof t === "number");
  return evidence.length ? new Date(Math.min(...evidence)) : run.startedAt;
}
