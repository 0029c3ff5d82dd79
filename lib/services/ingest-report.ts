// Store one parsed report for a run: the report file (gzipped, for download),
// spec identities (lib/services/upsert-test-cases.ts), failure signatures, and the result
// rows by COPY, then the run's counters, all in one transaction. The same
// content sent twice for a run (same sha256) is stored once.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { failureSignature } from "@/lib/analysis/failure-signature";
import { AppError } from "@/lib/errors";
import type { ParsedReport, ParsedTestCase } from "@/lib/ingest/report-types";
import { type RequirementPattern, requirementPatternSchema } from "@/lib/ingest/requirement-ids";
import { lockRun, refreshRunSummary } from "@/lib/services/refresh-run-summary";
import { afterCommit, copyLines, copyValue, pgText, withTransaction } from "@/lib/services/sql";
import { rememberSpecIds } from "@/lib/services/spec-identity-cache";
import { upsertTestCases } from "@/lib/services/upsert-test-cases";
import { updateTriage } from "@/lib/triage/update-triage";

export interface RunTotals {
  tests: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  pending: number;
  flaky: number;
  muted: number;
  declared: number | null;
}

export interface IngestOutcome {
  reportId: string;
  duplicate: boolean;
  cases: number;
  warnings: string[];
  runStatus: string;
  totals: RunTotals;
}

async function upsertSignatures(client: pg.PoolClient, projectId: string, texts: Map<string, string>) {
  const ids = new Map<string, string>();
  if (!texts.size) return ids;
  const hashes = [...texts.keys()];
  const { rows } = await client.query(
    `INSERT INTO failure_signatures (id, "projectId", hash, text)
     SELECT gen_random_uuid(), $1, h, t FROM unnest($2::text[], $3::text[]) AS x(h, t)
     ON CONFLICT ("projectId", hash) DO UPDATE SET "lastSeenAt" = now()
     RETURNING id, hash`,
    [projectId, hashes, hashes.map((h) => pgText(texts.get(h))!)],
  );
  for (const r of rows) ids.set(r.hash, r.id);
  return ids;
}

export interface IngestReportInput {
  runId: string;
  /** project the caller is allowed to write to (the token's); checked against the run */
  projectId?: string;
  report: ParsedReport;
  raw: Uint8Array;
  filename: string;
}

export async function ingestReport(input: IngestReportInput, outer?: pg.PoolClient): Promise<IngestOutcome> {
  const { report, raw } = input;
  const contentHash = createHash("sha256").update(raw).digest("hex");
  return withTransaction(async (client) => {
    const run = await lockRun(client, input.runId);
    if (!run) throw new AppError("not_found", `Run ${input.runId} does not exist`);
    if (input.projectId && run.projectId !== input.projectId) {
      throw new AppError("forbidden", "This run belongs to another project");
    }
    const reportId = uuidv7();
    const durationMs = report.durationMs ?? sumDurations(report.cases);
    const ins = await client.query(
      `INSERT INTO reports (id, "runId", filename, format, dialect, "contentHash", "sizeBytes", "contentGzip", "caseCount", declared, warnings, "durationMs")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12)
       ON CONFLICT ("runId", "contentHash") DO NOTHING RETURNING id`,
      [reportId, run.id, input.filename.slice(0, 255), report.format, report.dialect, contentHash, raw.byteLength,
        gzipSync(raw, { level: 1 }), report.cases.length, JSON.stringify(report.declared), JSON.stringify(report.warnings),
        durationMs === null ? null : Math.round(durationMs)],
    );
    if (!ins.rowCount) {
      const existing = await client.query(`SELECT id FROM reports WHERE "runId" = $1 AND "contentHash" = $2`, [run.id, contentHash]);
      const totals = await readTotals(client, run.id);
      return { reportId: existing.rows[0].id, duplicate: true, cases: report.cases.length, warnings: report.warnings, ...totals };
    }

    const pattern = await projectPattern(client, run.projectId);
    const { hashes, ids: caseIds } = await upsertTestCases(client, run.projectId, report.cases, pattern);
    // ids are cached only once they exist for good
    afterCommit(client, () => rememberSpecIds(run.projectId, caseIds));
    const sigTexts = new Map<string, string>();
    const sigOf: (string | null)[] = report.cases.map((c) => {
      if (c.status !== "failed" && c.status !== "errored") return null;
      const s = failureSignature(c.message, c.details);
      sigTexts.set(s.hash, s.signature);
      return s.hash;
    });
    const sigIds = await upsertSignatures(client, run.projectId, sigTexts);

    const failingIds = report.cases.flatMap((c, i) => (c.status === "failed" || c.status === "errored" ? [caseIds.get(hashes[i])!] : []));
    const mutedCases = await mutedTestCases(client, failingIds);
    let muted = 0;
    let flaky = 0;
    const startedAt = run.startedAt.toISOString();
    const lines = report.cases.map((c, i) => {
      const caseId = caseIds.get(hashes[i])!;
      if ((c.status === "failed" || c.status === "errored") && mutedCases.has(caseId)) muted++;
      if (c.flaky) flaky++;
      const sig = sigOf[i];
      return [run.id, caseId, reportId, startedAt, c.status, c.durationMs === null ? null : Math.round(c.durationMs),
        c.message, c.details, c.failureType, c.systemOut, c.systemErr, c.retries, c.flaky, sig ? sigIds.get(sig) : null]
        .map(copyValue).join("\t") + "\n";
    });
    if (lines.length) {
      await copyLines(
        client,
        `COPY test_results ("runId", "testCaseId", "reportId", "runStartedAt", status, "durationMs", message, details,
          "failureType", "systemOut", "systemErr", retries, flaky, "signatureId") FROM STDIN`,
        lines,
      );
    }

    await updateTriage(client, run, reportId);

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
    return { reportId, duplicate: false, cases: report.cases.length, warnings: report.warnings, ...totals };
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
