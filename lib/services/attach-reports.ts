// Attach one or more report files to a run, all in one transaction: a bad file
// rejects the whole request and stores nothing. ingestReportFiles stores each
// file's rows while parsing it; parseReportFiles + storeReportFiles parse
// everything first (the one-shot ingest route, which validates before creating the run).
import type pg from "pg";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseReport } from "@/lib/ingest/parse-report";
import type { ParsedReport } from "@/lib/ingest/report-types";
import { type IngestOutcome, type StoredReport, ingestReport } from "@/lib/services/ingest-report";
import { withIngestSlot } from "@/lib/services/ingest-slots";
import { withTransaction } from "@/lib/services/sql";

export interface ReportFile {
  filename: string;
  bytes: Uint8Array;
}

export interface ParsedFile extends ReportFile {
  report: ParsedReport;
}

/** Parse every file; errors name the file they come from. */
export async function parseReportFiles(files: ReportFile[]): Promise<ParsedFile[]> {
  if (!files.length) throw new AppError("validation_failed", "No report file in the request", [{ path: "files", message: "at least one JUnit XML or Ginkgo JSON file is required" }]);
  const out: ParsedFile[] = [];
  for (const f of files) {
    try {
      out.push({ ...f, report: await parseReport(f.bytes, { maxCases: env().RUNBOARD_MAX_CASES }) });
    } catch (e) {
      if (e instanceof AppError && files.length > 1) {
        throw new AppError(e.code, `${f.filename}: ${e.message}`, e.details);
      }
      throw e;
    }
  }
  return out;
}

/** Parse and store every file in one transaction, each file's rows stored while it is parsed. */
export async function ingestReportFiles(
  runId: string,
  files: ReportFile[],
  opts: { projectId?: string },
  outer?: pg.PoolClient,
): Promise<IngestOutcome[]> {
  if (!files.length) throw new AppError("validation_failed", "No report file in the request", [{ path: "files", message: "at least one JUnit XML or Ginkgo JSON file is required" }]);
  const maxCases = env().RUNBOARD_MAX_CASES;
  // a caller's open transaction is not kept waiting for a slot (it holds a connection)
  const slot = outer ? <T,>(fn: () => Promise<T>) => fn() : withIngestSlot;
  return slot(() => withTransaction(async (client) => {
    const outcomes: IngestOutcome[] = [];
    for (const f of files) {
      try {
        outcomes.push(
          await ingestReport({
            runId, projectId: opts.projectId, raw: f.bytes, filename: f.filename,
            parse: (onCases) => parseReport(f.bytes, { maxCases, onCases }),
          }, client),
        );
      } catch (e) {
        if (e instanceof AppError && files.length > 1 && e.code !== "not_found" && e.code !== "forbidden") {
          throw new AppError(e.code, `${f.filename}: ${e.message}`, e.details);
        }
        throw e;
      }
    }
    return outcomes;
  }, outer));
}

export async function storeReportFiles(
  runId: string,
  files: ParsedFile[],
  opts: { projectId?: string },
  outer?: pg.PoolClient,
): Promise<StoredReport[]> {
  return withTransaction(async (client) => {
    const outcomes: StoredReport[] = [];
    for (const f of files) {
      outcomes.push(
        await ingestReport({ runId, projectId: opts.projectId, report: f.report, raw: f.bytes, filename: f.filename, summary: false }, client),
      );
    }
    return outcomes;
  }, outer);
}
