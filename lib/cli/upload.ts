// `runboard upload`: one multipart POST /api/v1/ingest with the run metadata,
// the phases and every report file, retried on transient failures, then a
// short summary (or the server's JSON with --json).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type EnvVars, type Io, CliError, EXIT_OK, UsageError, formatBytes } from "@/lib/cli/io";
import { NetworkFailure, formatApiError, sendWithRetry } from "@/lib/cli/http";
import { type ReportPart, expandReportPatterns, readReportPart } from "@/lib/cli/report-files";
import { UPLOAD_HELP, type UploadOptions, parseUploadOptions } from "@/lib/cli/upload-options";
import { specsSummary } from "@/lib/format";
import { phasesPayloadSchema } from "@/lib/schemas/phases";

export interface IngestAnswer {
  id: string;
  status: string;
  claimedStatus: string | null;
  externalId: string | null;
  totals: { tests: number; passed: number; failed: number; errored: number; skipped: number; pending: number; flaky: number };
  phases?: unknown[];
  reports: { filename: string; duplicate: boolean; cases: number; warnings: string[] }[];
}

/** Read and check the phases file; the text is sent as written. */
async function readPhases(file: string, cwd: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), "utf8");
  } catch (e) {
    throw new UsageError(`cannot read --phases "${file}": ${(e as Error).message}`, "upload");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--phases "${file}" is not valid JSON: ${(e as Error).message}`, "upload");
  }
  const checked = phasesPayloadSchema.safeParse(json);
  if (!checked.success) {
    const lines = checked.error.issues.map((i) => `  ${i.path.join(".") || "/"}: ${i.message}`);
    throw new UsageError(`--phases "${file}" is not a valid phases payload ({ "phases": [...] }):\n${lines.join("\n")}`, "upload");
  }
  return text;
}

function buildForm(o: UploadOptions, phases: string | undefined, parts: ReportPart[]): FormData {
  const form = new FormData();
  form.set("metadata", JSON.stringify(o.metadata));
  if (phases !== undefined) form.set("phases", phases);
  for (const p of parts) {
    const type = p.gzipped ? "application/gzip" : p.filename.endsWith(".json") ? "application/json" : "application/xml";
    form.append("junit", new Blob([p.bytes as Uint8Array<ArrayBuffer>], { type }), p.filename);
  }
  return form;
}

/** "Run <url>", status, "16 of 24 run, 0 passed, 16 failed, 8 skipped", one line per report and warning. */
export function formatSummary(base: string, run: IngestAnswer, created: boolean): string {
  const t = run.totals;
  const counts = specsSummary({
    testsTotal: t.tests, testsPassed: t.passed, testsFailed: t.failed, testsErrored: t.errored, testsSkipped: t.skipped, testsPending: t.pending,
  });
  const extra = [
    t.tests ? `${t.failed} failed` : "",
    t.errored ? `${t.errored} errored` : "",
    t.tests ? `${t.skipped} skipped` : "",
    t.pending ? `${t.pending} pending` : "",
    t.flaky ? `${t.flaky} flaky` : "",
  ].filter(Boolean);
  const claimed = run.claimedStatus && run.claimedStatus !== run.status ? ` (CI claimed ${run.claimedStatus})` : "";
  const lines = [
    `Run ${base}/runs/${run.id}${created ? "" : " (existing run with this external id, updated)"}`,
    `  status:  ${run.status}${claimed}`,
    `  tests:   ${[counts, ...extra].join(", ")}`,
  ];
  if (run.phases?.length) lines.push(`  phases:  ${run.phases.length}`);
  for (const r of run.reports ?? []) {
    lines.push(`  report:  ${r.filename}, ${r.cases} case${r.cases === 1 ? "" : "s"}${r.duplicate ? " (already stored, skipped)" : ""}`);
    for (const w of r.warnings ?? []) lines.push(`  warning: ${r.filename}: ${w}`);
  }
  return lines.join("\n");
}

/** Relative to the working directory when below it, else absolute. */
function shownPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

export async function runUpload(argv: string[], env: EnvVars, io: Io, cwd = process.cwd()): Promise<number> {
  const o = parseUploadOptions(argv, env);
  if (o === "help") {
    io.out(UPLOAD_HELP);
    return EXIT_OK;
  }
  const files = await expandReportPatterns(o.patterns, cwd);
  const phases = o.phasesPath ? await readPhases(o.phasesPath, cwd) : undefined;
  const parts = await Promise.all(files.map((f) => readReportPart(f)));
  const endpoint = `${o.url}/api/v1/ingest`;
  if (o.generatedExternalId) {
    io.err(`No external id given or found in CI variables; using ${o.metadata.externalId} (pass --external-id to make re-runs of this command update the same run)`);
  }

  if (o.verbose) {
    io.err(`POST ${endpoint}${o.ci ? ` (CI: ${o.ci})` : ""}`);
    io.err(`  metadata: ${JSON.stringify(o.metadata)}`);
    if (phases !== undefined) io.err(`  phases: ${o.phasesPath}`);
    for (const p of parts) io.err(`  junit: ${shownPath(p.path, cwd)} (${formatBytes(p.sizeBytes)}${p.gzipped ? `, sent gzipped: ${formatBytes(p.bytes.length)}` : ""})`);
  }

  const { run, text, created } = await postIngest(o, phases, parts, io);
  io.out(o.json ? text : formatSummary(o.url, run, created));
  return EXIT_OK;
}

/**
 * One POST /api/v1/ingest with retries (network errors, 5xx, 429); throws
 * CliError naming why the server refused or could not be reached.
 */
export async function postIngest(o: UploadOptions, phases: string | undefined, parts: ReportPart[], io: Io): Promise<{ run: IngestAnswer; text: string; created: boolean }> {
  const endpoint = `${o.url}/api/v1/ingest`;
  let res: Response;
  try {
    res = await sendWithRetry(
      () =>
        fetch(endpoint, {
          method: "POST",
          headers: { authorization: `Bearer ${o.token}`, accept: "application/json", "user-agent": "runboard-cli" },
          body: buildForm(o, phases, parts),
          // a redirect would turn the POST into a GET and drop the body
          redirect: "manual",
          signal: AbortSignal.timeout(o.timeoutMs),
        }),
      { retries: o.retries, baseMs: o.retryBaseMs },
      (a) => io.err(`Attempt ${a.attempt}/${a.of} failed (${a.reason}); retrying in ${a.delayMs < 1000 ? `${a.delayMs} ms` : `${(a.delayMs / 1000).toFixed(1)} s`}`),
    );
  } catch (e) {
    if (e instanceof NetworkFailure) throw new CliError(`Cannot reach ${endpoint}: ${e.message}`);
    throw e;
  }

  const text = await res.text();
  if (res.status >= 300 && res.status < 400) {
    throw new CliError(`The server redirected (HTTP ${res.status}) to ${res.headers.get("location") ?? "?"}; pass that base URL as --url`);
  }
  if (!res.ok) throw new CliError(formatApiError(res.status, text));
  let run: IngestAnswer;
  try {
    run = JSON.parse(text) as IngestAnswer;
  } catch {
    throw new CliError(`The server answered HTTP ${res.status} but not with JSON; is ${o.url} a Runboard server?`);
  }
  return { run, text, created: res.status === 201 };
}
