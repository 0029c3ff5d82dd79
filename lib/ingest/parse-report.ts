// Pick the parser by content: Ginkgo's --json-report is a JSON array, all
// else is treated as JUnit XML (every dialect goes through one parser).
import { AppError } from "@/lib/errors";
import { parseGinkgoJson } from "@/lib/ingest/ginkgo-json";
import { parseJunit } from "@/lib/ingest/junit/parse-junit";
import type { ParsedReport, ParsedTestCase } from "@/lib/ingest/report-types";

export function looksLikeJson(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length && i < 1024; i++) {
    const b = bytes[i];
    if (b === 0xef || b === 0xbb || b === 0xbf || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    return b === 0x5b || b === 0x7b; // [ or {
  }
  return false;
}

/** onCases: receives the testcases while they are parsed (JUnit) or all at once (Ginkgo JSON); see parseJunit. */
export async function parseReport(
  bytes: Uint8Array,
  opts: { maxCases?: number; onCases?: (cases: ParsedTestCase[]) => Promise<void> } = {},
): Promise<ParsedReport> {
  if (looksLikeJson(bytes)) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new AppError("bad_request", "The report is not valid UTF-8");
    }
    const report = parseGinkgoJson(text);
    if (opts.maxCases !== undefined && report.cases.length > opts.maxCases) {
      throw new AppError("validation_failed", `The report has ${report.cases.length} test cases; at most ${opts.maxCases} are accepted per file`);
    }
    await opts.onCases?.(report.cases);
    return report;
  }
  return parseJunit(bytes, { maxCases: opts.maxCases, onCases: opts.onCases });
}
