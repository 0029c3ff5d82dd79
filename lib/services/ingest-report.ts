// Store one report for a run: the report file (gzipped, for download), spec
// identities (lib/services/upsert-test-cases.ts), failure signatures, the
// result rows by COPY, then the run's counters, all in one transaction. Given
// a parse function instead of a parsed report, rows are stored while the file
// is still being parsed (lib/services/result-writer.ts); a parse error rolls
// everything back. The same content sent twice for a run (same sha256) is
// stored once.
import { webcrypto } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { AppError } from "@/lib/errors";
import type { ParsedReport, ParsedTestCase, ReportTotals } from "@/lib/ingest/report-types";
import { type RequirementPattern, requirementPatternSchema } from "@/lib/ingest/requirement-ids";
import { metrics } from "@/lib/metrics";
import { lockRun, refreshRunSummary } from "@/lib/services/refresh-run-summary";
import { ResultWriter } from "@/lib/services/result-writer";
import { afterCommit, withTransaction } from "@/lib/services/sql";
import { rememberSpecIds } from "@/lib/services/spec-identity-cache";
import { updateTriage } from "@/lib/triage/update-triage";

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
  const t0 = performance.now();
  return withTransaction(async (client) => {
    const run = await lockRun(client, input.runId);
    if (!run) throw new AppError("not_found", `Run ${input.runId} does not exist`);
    if (input.projectId && run.projectId !== input.projectId) {
      throw new AppError("forbidden", "This run belongs to another project");
    }
    const contentHash = await hashing;
    // the run row is locked: no other ingest of this run can add the same report meanwhile
    const existing = await client.query(`SELECT id FROM reports WHERE "runId" = $1 AND "contentHash" = $2`, [run.id, contentHash]);
    if (existing.rowCount) {
      afterCommit(client, () => metrics().ingestReports.inc({ outcome: "duplicate" }));
      const report = input.report ?? (await input.parse());
      const totals = await readTotals(client, run.id);
      return {
        reportId: existing.rows[0].id, duplicate: true, cases: report.cases.length, format: report.format, dialect: report.dialect,
        warnings: report.warnings, ...totals,
      };
    }

    const reportId = uuidv7();
    const pattern = await projectPattern(client, run.projectId);
    const writer = new ResultWriter(client, { runId: run.id, projectId: run.projectId, reportId, runStartedAt: run.startedAt, pattern });
    const tParse = performance.now();
    let inAdd = 0;
    let tParsed = tParse;
    let report: ParsedReport;
    try {
      if (input.report) {
        report = input.report;
        await writer.add(report.cases);
        tParsed = performance.now();
        await writer.finish();
      } else {
        report = await input.parse(async (cases) => {
          const t = performance.now();
          await writer.add(cases);
          inAdd += performance.now() - t;
        });
        tParsed = performance.now();
        // container-structure-test times are rewritten once the whole report was seen
        if (report.dialect === "container-structure-test") await writer.rewrite(report.cases);
        else await writer.finish();
      }
    } catch (e) {
      await writer.abort();
      throw e;
    }
    const tStored = performance.now();
    if (writer.written !== report.cases.length) throw new Error(`stored ${writer.written} of ${report.cases.length} results`);
    // ids are cached only once they exist for good
    afterCommit(client, () => rememberSpecIds(run.projectId, writer.specIds));

    const mutedCases = await mutedTestCases(client, [...new Set(writer.failingCaseIds)]);
    const muted = writer.failingCaseIds.reduce((n, id) => (mutedCases.has(id) ? n + 1 : n), 0);
    const flaky = writer.flaky;
    const tTriage = performance.now();
    await updateTriage(client, { ...run, at: await runTime(client, run, report.window?.startMs) }, reportId);
    const triageMs = performance.now() - tTriage;
    const durationMs = report.durationMs ?? sumDurations(report.cases);
    const ins = await client.query(
      `INSERT INTO reports (id, "runId", filename, format, dialect, "contentHash", "sizeBytes", "contentGzip", "caseCount", declared, warnings, "durationMs",
                            "windowStart", "windowEnd")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12,
               to_timestamp($13::float8 / 1000) AT TIME ZONE 'UTC', to_timestamp($14::float8 / 1000) AT TIME ZONE 'UTC')
       ON CONFLICT ("runId", "contentHash") DO NOTHING`,
      [reportId, run.id, input.filename.slice(0, 255), report.format, report.dialect, contentHash, raw.byteLength,
        await gzipping, report.cases.length, JSON.stringify(report.declared), JSON.stringify(report.warnings),
        durationMs === null ? null : Math.round(durationMs), report.window?.startMs ?? null, report.window?.endMs ?? null],
    );
    if (!ins.rowCount) throw new Error("report stored concurrently despite the run lock");
    const t = report.totals;
    await client.query(
      `UPDATE runs SET "testsTotal" = "testsTotal" + $2, "testsPassed" = "testsPassed" + $3, "testsFailed" = "testsFailed" + $4,
         "testsErrored" = "testsErrored" + $5, "testsSkipped" = "testsSkipped" + $6, "testsPending" = "testsPending" + $7,
         "testsFlaky" = "testsFlaky" + $8, "testsMuted" = "testsMuted" + $9,
         "testsDeclared" = CASE WHEN $10::int IS NULL THEN "testsDeclared" ELSE coalesce("testsDeclared", 0) + $10::int END,
         "testDurationMs" = CASE WHEN $11::int IS NULL THEN "testDurationMs" ELSE coalesce("testDurationMs", 0) + $11::int END
       WHERE id = $1`,
      [run.id, t.tests, t.passed, t.failed, t.errored, t.skipped, t.pending, flaky, muted,
        report.declared.tests ?? null, durationMs === null ? null : Math.round(durationMs)],
    );
    await refreshRunSummary(client, run.id);
    const totals = await readTotals(client, run.id);
    const tEnd = performance.now();
    const stages = {
      setup: tParse - t0,
      parse: tParsed - tParse - inAdd,
      "parse-waits": inAdd,
      "store-tail": tStored - tParsed,
      "ids": writer.times.lookups,
      "lines": writer.times.lines,
      "copy-wait": writer.times.copyWait,
      triage: triageMs,
      finish: tEnd - tStored - triageMs,
    };
    afterCommit(client, () => {
      const m = metrics();
      m.ingestReports.inc({ outcome: "stored" });
      m.ingestBytes.inc(raw.byteLength);
      m.ingestCases.inc(report.cases.length);
      m.ingestDuration.observe((tEnd - t0) / 1000);
    });
    return {
      reportId, duplicate: false, cases: report.cases.length, format: report.format, dialect: report.dialect, warnings: report.warnings,
      ...totals, stages,
    };
  }, outer);
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
