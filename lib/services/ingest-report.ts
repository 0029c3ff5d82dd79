// Store one parsed report for a run: the report file (gzipped, for download),
// spec identities (upserted set-based), failure signatures, and the result
// rows by COPY, then the run's counters, all in one transaction. The same
// content sent twice for a run (same sha256) is stored once.
import { createHash, randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { failureSignature } from "@/lib/analysis/failure-signature";
import { AppError } from "@/lib/errors";
import type { ParsedReport, ParsedTestCase } from "@/lib/ingest/report-types";
import { type RequirementPattern, extractIds } from "@/lib/ingest/requirement-ids";
import { lockRun, refreshRunSummary } from "@/lib/services/refresh-run-summary";
import { copyValue, pgText, withTransaction } from "@/lib/services/sql";

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

export function caseIdentity(c: Pick<ParsedTestCase, "suite" | "classname" | "name">): string {
  return createHash("sha256").update(`${c.suite}\u0000${c.classname}\u0000${c.name}`).digest("hex");
}

/** Resolve (creating where new) the test_cases rows of a report: identity hash -> id. */
async function upsertTestCases(
  client: pg.PoolClient,
  projectId: string,
  cases: ParsedTestCase[],
  pattern: RequirementPattern | undefined,
): Promise<Map<string, string>> {
  const unique = new Map<string, ParsedTestCase>();
  for (const c of cases) {
    const h = caseIdentity(c);
    if (!unique.has(h)) unique.set(h, c);
  }
  const hashes = [...unique.keys()];
  const ids = new Map<string, string>();
  // Most specs exist already: one indexed read, then insert only the new ones.
  const { rows } = await client.query(
    `SELECT id, "identityHash" FROM test_cases WHERE "projectId" = $1 AND "identityHash" = ANY($2::text[])`,
    [projectId, hashes],
  );
  for (const r of rows) ids.set(r.identityHash, r.id);
  const missing = hashes.filter((h) => !ids.has(h));
  if (missing.length) {
    const cols = { id: [] as string[], hash: [] as string[], suite: [] as string[], cls: [] as string[], name: [] as string[], file: [] as (string | null)[], req: [] as string[], tid: [] as string[] };
    for (const h of missing) {
      const c = unique.get(h)!;
      const found = extractIds([c.name, c.classname, c.suite, ...Object.values(c.properties)], pattern);
      cols.id.push(randomUUID());
      cols.hash.push(h);
      cols.suite.push(pgText(c.suite)!);
      cols.cls.push(pgText(c.classname)!);
      cols.name.push(pgText(c.name)!);
      cols.file.push(pgText(c.file));
      // arrays of arrays cannot be unnested row-wise: pass them as JSON
      cols.req.push(JSON.stringify(found.requirementIds));
      cols.tid.push(JSON.stringify(found.testIds));
    }
    const inserted = await client.query(
      `INSERT INTO test_cases (id, "projectId", "identityHash", suite, classname, name, file, "requirementIds", "testIds")
       SELECT t.id, $1, t.hash, t.suite, t.cls, t.name, t.file,
              ARRAY(SELECT jsonb_array_elements_text(t.req::jsonb)), ARRAY(SELECT jsonb_array_elements_text(t.tid::jsonb))
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
              AS t(id, hash, suite, cls, name, file, req, tid)
       ON CONFLICT ("projectId", "identityHash") DO NOTHING
       RETURNING id, "identityHash"`,
      [projectId, cols.id, cols.hash, cols.suite, cols.cls, cols.name, cols.file, cols.req, cols.tid],
    );
    for (const r of inserted.rows) ids.set(r.identityHash, r.id);
    if (inserted.rowCount !== missing.length) {
      // a concurrent ingest created some of them first
      const again = await client.query(
        `SELECT id, "identityHash" FROM test_cases WHERE "projectId" = $1 AND "identityHash" = ANY($2::text[])`,
        [projectId, missing.filter((h) => !ids.has(h))],
      );
      for (const r of again.rows) ids.set(r.identityHash, r.id);
    }
  }
  return ids;
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

async function copyResults(client: pg.PoolClient, lines: string[]) {
  const stream = client.query(
    copyFrom(
      `COPY test_results ("runId", "testCaseId", "reportId", "runStartedAt", status, "durationMs", message, details,
        "failureType", "systemOut", "systemErr", retries, flaky, "signatureId") FROM STDIN`,
    ),
  );
  await new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
    const chunk = 2000;
    let i = 0;
    const write = () => {
      while (i < lines.length) {
        const ok = stream.write(lines.slice(i, i + chunk).join(""));
        i += chunk;
        if (!ok) return void stream.once("drain", write);
      }
      stream.end();
    };
    write();
  });
}

export interface IngestReportInput {
  runId: string;
  /** project the caller is allowed to write to (the token's); checked against the run */
  projectId?: string;
  report: ParsedReport;
  raw: Uint8Array;
  filename: string;
  pattern?: RequirementPattern;
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
    const reportId = randomUUID();
    const durationMs = report.durationMs ?? sumDurations(report.cases);
    const ins = await client.query(
      `INSERT INTO reports (id, "runId", filename, format, dialect, "contentHash", "sizeBytes", "contentGzip", "caseCount", declared, warnings, "durationMs")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12)
       ON CONFLICT ("runId", "contentHash") DO NOTHING RETURNING id`,
      [reportId, run.id, input.filename.slice(0, 255), report.format, report.dialect, contentHash, raw.byteLength,
        gzipSync(raw), report.cases.length, JSON.stringify(report.declared), JSON.stringify(report.warnings),
        durationMs === null ? null : Math.round(durationMs)],
    );
    if (!ins.rowCount) {
      const existing = await client.query(`SELECT id FROM reports WHERE "runId" = $1 AND "contentHash" = $2`, [run.id, contentHash]);
      const totals = await readTotals(client, run.id);
      return { reportId: existing.rows[0].id, duplicate: true, cases: report.cases.length, warnings: report.warnings, ...totals };
    }

    const caseIds = await upsertTestCases(client, run.projectId, report.cases, input.pattern);
    const sigTexts = new Map<string, string>();
    const sigOf: (string | null)[] = report.cases.map((c) => {
      if (c.status !== "failed" && c.status !== "errored") return null;
      const s = failureSignature(c.message, c.details);
      sigTexts.set(s.hash, s.signature);
      return s.hash;
    });
    const sigIds = await upsertSignatures(client, run.projectId, sigTexts);

    const mutedCases = await mutedTestCases(client, [...caseIds.values()]);
    let muted = 0;
    let flaky = 0;
    const startedAt = run.startedAt.toISOString();
    const lines = report.cases.map((c, i) => {
      const caseId = caseIds.get(caseIdentity(c))!;
      if ((c.status === "failed" || c.status === "errored") && mutedCases.has(caseId)) muted++;
      if (c.flaky) flaky++;
      const sig = sigOf[i];
      return [run.id, caseId, reportId, startedAt, c.status, c.durationMs === null ? null : Math.round(c.durationMs),
        c.message, c.details, c.failureType, c.systemOut, c.systemErr, c.retries, c.flaky, sig ? sigIds.get(sig) : null]
        .map(copyValue).join("\t") + "\n";
    });
    if (lines.length) await copyResults(client, lines);

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
