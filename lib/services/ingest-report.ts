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
import { named } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ParsedReport, ParsedTestCase, ReportTotals } from "@/lib/ingest/report-types";
import { requirementPatternSchema } from "@/lib/ingest/requirement-ids";
import { metrics } from "@/lib/metrics";
import { ensureMonthPartition } from "@/lib/retention/partitions";
import { refreshRequirementOutcomes } from "@/lib/services/refresh-requirement-outcomes";
import { TOTALS_COLUMNS, refreshRunSummary, totalsOf } from "@/lib/services/refresh-run-summary";
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

/** A report as stored, without the run's summary (its caller works that out once: the one-shot ingest). */
export interface StoredReport {
  reportId: string;
  duplicate: boolean;
  cases: number;
  format: ParsedReport["format"];
  dialect: string;
  warnings: string[];
  /** where the time went, ms (Server-Timing of POST /api/v1/runs/:id/junit) */
  stages?: Record<string, number>;
}

export interface IngestOutcome extends StoredReport {
  runStatus: string;
  totals: RunTotals;
}

/** Parses the report, handing testcases to onCases as they are read (see parseJunit's onCases). */
export type StreamingParse = (onCases?: (cases: ParsedTestCase[]) => Promise<void>) => Promise<ParsedReport>;

export type IngestReportInput = {
  runId: string;
  /**
   * false: the run's status, window and durations are left to the caller, who
   * works them out once after everything it stores in its transaction (each
   * refresh is two round trips and a new version of the run row with its 14
   * index entries: issue 17). The outcome then has no run status or totals.
   */
  summary?: boolean;
  /** project the caller is allowed to write to (the token's); checked against the run */
  projectId?: string;
  raw: Uint8Array;
  filename: string;
} & ({ report: ParsedReport; parse?: undefined } | { parse: StreamingParse; report?: undefined });

export async function ingestReport(input: IngestReportInput & { summary: false }, outer?: pg.PoolClient): Promise<StoredReport>;
export async function ingestReport(input: IngestReportInput, outer?: pg.PoolClient): Promise<IngestOutcome>;
export async function ingestReport(input: IngestReportInput, outer?: pg.PoolClient): Promise<IngestOutcome | StoredReport> {
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
    const existing = await client.query(named("ingest-same-report", `SELECT id, "triagedAt" IS NULL AS untriaged FROM reports WHERE "runId" = $1 AND "contentHash" = $2`, [run.id, contentHash]));
    if (existing.rowCount) {
      // a retry after its first attempt stored the rows but not triage (a crash between the two commits)
      if (existing.rows[0].untriaged) await triageAfterCommit(client, existing.rows[0].id);
      return duplicateOutcome(client, input, run.id, existing.rows[0].id);
    }

    const reportId = uuidv7();
    await ensureMonthPartition("test_results", run.startedAt, client, (hook) => afterCommit(client, hook));
    const writer = new ResultWriter(client, { runId: run.id, projectId: run.projectId, reportId, runStartedAt: run.startedAt, pattern: run.pattern });
    sw.lap("setup");
    const report = await storeRows(input, writer, sw);
    if (writer.written !== report.cases.length) throw new Error(`stored ${writer.written} of ${report.cases.length} results`);
    // ids are cached only once they exist for good
    afterCommit(client, () => rememberSpecIds(run.projectId, writer.specIds));

    const at = runTime(run, report.window?.startMs);
    const durationMs = report.durationMs ?? sumDurations(report.cases);
    await insertReportAndCount(client, { reportId, runId: run.id, filename: input.filename, contentHash, raw, gzipped: await gzipping, report, durationMs }, writer);
    // the run's status and counters for the answer (refreshRequirementOutcomes does not change the run)
    const totals = input.summary === false ? null : (await refreshRunSummary(client, run.id))!;
    await refreshRequirementOutcomes(client, run);
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
    const stored: StoredReport = { reportId, duplicate: false, cases: report.cases.length, format: report.format, dialect: report.dialect, warnings: report.warnings, stages };
    return totals ? { ...stored, runStatus: totals.runStatus, totals: totals.totals } : stored;
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

/**
 * The run, locked until commit, checked against the caller's project, with
 * what the ingest reads of it and its project in the same round trip: the
 * earliest evidence of its start so far (phases or reports; the run's own
 * columns come from the locked row version) and the requirement-ID pattern.
 */
async function lockRunOf(client: pg.PoolClient, input: IngestReportInput) {
  const { rows: [row] } = await client.query<{
    id: string; projectId: string; startedAt: Date; startedAtSource: string; evidenceAt: Date | null; requirementPattern: unknown;
  }>(named("ingest-lock-run",
    `SELECT r.id, r."projectId", r."startedAt", r."startedAtSource"::text AS "startedAtSource",
            CASE WHEN r."windowStartSource" IN ('phases', 'reports') THEN r."windowStart" AT TIME ZONE 'UTC' END AS "evidenceAt",
            (SELECT "requirementPattern" FROM projects WHERE id = r."projectId") AS "requirementPattern"
       FROM runs r WHERE r.id = $1 FOR UPDATE OF r`,
    [input.runId],
  ));
  if (!row) throw new AppError("not_found", `Run ${input.runId} does not exist`);
  if (input.projectId && row.projectId !== input.projectId) throw new AppError("forbidden", "This run belongs to another project");
  // undefined: the default pattern
  const pattern = requirementPatternSchema.safeParse(row.requirementPattern);
  return { ...row, pattern: pattern.success ? pattern.data : undefined };
}

/** The same content was stored for this run before: nothing is written, the run's totals are answered. */
async function duplicateOutcome(client: pg.PoolClient, input: IngestReportInput, runId: string, reportId: string): Promise<IngestOutcome | StoredReport> {
  afterCommit(client, () => metrics().ingestReports.inc({ outcome: "duplicate" }));
  const report = input.report ?? (await input.parse());
  const stored: StoredReport = { reportId, duplicate: true, cases: report.cases.length, format: report.format, dialect: report.dialect, warnings: report.warnings };
  return input.summary === false ? stored : { ...stored, ...(await readTotals(client, runId)) };
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

/**
 * The report row, the run's counters and the count of this report's failures
 * whose spec is muted, in one statement (issue #17: each round trip costs more
 * CPU than these writes).
 */
async function insertReportAndCount(
  client: pg.PoolClient,
  r: { reportId: string; runId: string; filename: string; contentHash: string; raw: Uint8Array; gzipped: Buffer; report: ParsedReport; durationMs: number | null },
  n: Pick<ResultWriter, "flaky" | "failingCaseIds">,
): Promise<void> {
  const { report } = r;
  const t = report.totals;
  const { rows: [done] } = await client.query(named("ingest-report-counters",
    `WITH report AS (
       INSERT INTO reports (id, "runId", filename, format, dialect, "contentHash", "sizeBytes", "contentGzip", "caseCount", declared, warnings, "durationMs",
                            "windowStart", "windowEnd", "triagedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12,
               to_timestamp($13::float8 / 1000) AT TIME ZONE 'UTC', to_timestamp($14::float8 / 1000) AT TIME ZONE 'UTC', NULL)
       ON CONFLICT ("runId", "contentHash") DO NOTHING
       RETURNING 1),
     -- a failing result counts as muted when its spec's triage item is muted (failingCaseIds: one entry per failing result)
     muted AS (SELECT count(*)::int AS n FROM unnest($24::uuid[]) AS f(id)
                WHERE f.id IN (SELECT "testCaseId" FROM triage_items WHERE status = 'muted' AND "testCaseId" = ANY($24::uuid[])))
     UPDATE runs SET "testsTotal" = "testsTotal" + $15, "testsPassed" = "testsPassed" + $16, "testsFailed" = "testsFailed" + $17,
       "testsErrored" = "testsErrored" + $18, "testsSkipped" = "testsSkipped" + $19, "testsPending" = "testsPending" + $20,
       "testsFlaky" = "testsFlaky" + $21, "testsMuted" = "testsMuted" + (SELECT n FROM muted),
       "testsDeclared" = CASE WHEN $22::int IS NULL THEN "testsDeclared" ELSE coalesce("testsDeclared", 0) + $22::int END,
       "testDurationMs" = CASE WHEN $23::int IS NULL THEN "testDurationMs" ELSE coalesce("testDurationMs", 0) + $23::int END
     WHERE id = $2
     RETURNING (SELECT count(*) FROM report)::int AS stored`,
    [r.reportId, r.runId, r.filename.slice(0, 255), report.format, report.dialect, r.contentHash, r.raw.byteLength,
      r.gzipped, report.cases.length, JSON.stringify(report.declared), JSON.stringify(report.warnings),
      r.durationMs === null ? null : Math.round(r.durationMs), report.window?.startMs ?? null, report.window?.endMs ?? null,
      t.tests, t.passed, t.failed, t.errored, t.skipped, t.pending, n.flaky,
      report.declared.tests ?? null, r.durationMs === null ? null : Math.round(r.durationMs), n.failingCaseIds],
  ));
  // the statement's changes roll back with the transaction
  if (done?.stored !== 1) throw new Error("report stored concurrently despite the run lock");
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

export async function readTotals(client: pg.PoolClient | pg.Pool, runId: string): Promise<{ runStatus: string; totals: RunTotals }> {
  const { rows } = await client.query(`SELECT r.status, ${TOTALS_COLUMNS} FROM runs r WHERE r.id = $1`, [runId]);
  return { runStatus: rows[0].status, totals: totalsOf(rows[0]) };
}

/**
 * When the run happened, for triage dates ("first failed", "opened"): the
 * claimed start, else the earliest evidence so far (phases recorded before,
 * this report's testsuite timestamps), the request time only when there is none.
 */
function runTime(run: { startedAt: Date; startedAtSource: string; evidenceAt: Date | null }, reportStartMs: number | undefined): Date {
  if (run.startedAtSource === "claimed") return run.startedAt;
  const evidence = [run.evidenceAt?.getTime(), reportStartMs].filter((t): t is number => typeof t === "number");
  return evidence.length ? new Date(Math.min(...evidence)) : run.startedAt;
}
