// The typed result of parsing one test report (JUnit XML in any dialect, or
// Ginkgo v2's JSON report). Parsers produce this; lib/services store it.
// Pure data: no I/O, no database types.

import type { ResultStatus } from "@/lib/schemas/status";

/** Longest stored text field (message, details, system-out/err), in UTF-16 code units. */
export const MAX_TEXT_FIELD = 64 * 1024;
export const TRUNCATION_MARKER = "\n…[truncated by Runboard: original was longer than 64 KB]";

export interface ParsedTestCase {
  /** Suite path from the outermost named testsuite inward, joined with " / " ("" when unnamed). */
  suite: string;
  classname: string;
  /** Name as the tool wrote it (Ginkgo: "[It] Describe Context It"). */
  name: string;
  file?: string;
  line?: number;
  status: ResultStatus;
  /** Milliseconds; null when the report gives no usable time (missing, unparsable). Negative times are kept as null too. */
  durationMs: number | null;
  /** Short failure/error/skip message (the message attribute, or first line of the body when there is none). */
  message?: string;
  /** Full failure/error body (stack trace etc.). */
  details?: string;
  failureType?: string;
  systemOut?: string;
  systemErr?: string;
  /** Extra attempts recorded in the report (Surefire/nextest flakyFailure, rerunFailure ...). */
  retries: number;
  /** Passed in the end after at least one failed attempt within this report. */
  flaky: boolean;
  /** testcase-level <property> elements (name -> value; repeated names joined with "\n"). */
  properties: Record<string, string>;
  /** Labels/tags the tool reports (Ginkgo labels). */
  labels: string[];
}

/** The number of test cases, and of each result status. A run's totals (RunTotals) extend these. */
export type ReportTotals = { tests: number } & Record<ResultStatus, number>;

export interface DeclaredTotals {
  tests?: number;
  failures?: number;
  errors?: number;
  skipped?: number;
}

export interface ParsedReport {
  format: "junit" | "ginkgo-json";
  /** Best guess of the producing tool, e.g. "ginkgo-v2", "surefire", "jest-junit"; "junit" when unknown. */
  dialect: string;
  cases: ParsedTestCase[];
  /** Counted from the test cases, never from declared attributes. */
  totals: ReportTotals;
  /** What the report itself declared at its root (or the sum of its top-level suites). */
  declared: DeclaredTotals;
  /** Wall time of the report in ms when declared (root or sum of top-level suites), else null. */
  durationMs: number | null;
  /**
   * When the report's suites ran, ms since the epoch: earliest testsuite
   * `timestamp` (Ginkgo: StartTime) to the latest timestamp + time (EndTime).
   * Absent when no suite says when it ran.
   */
  window?: { startMs: number; endMs: number } | null;
  /** Report-level properties (testsuite <properties>, Ginkgo suite config). */
  properties: Record<string, string>;
  /** Human-readable notes such as "declared tests=204 but 5 testcases found". */
  warnings: string[];
}

export function countTotals(cases: readonly ParsedTestCase[]): ReportTotals {
  const t: ReportTotals = { tests: cases.length, passed: 0, failed: 0, errored: 0, skipped: 0, pending: 0 };
  for (const c of cases) t[c.status]++;
  return t;
}

/** Suite, class, spec and file names: far longer than any real one, short enough to index and show. */
export const MAX_NAME_FIELD = 4096;
const NAME_MARKER = "…[truncated]";

/** Names longer than MAX_NAME_FIELD are cut and marked (identity then uses the cut name, consistently). */
export function truncateNames(c: ParsedTestCase): ParsedTestCase {
  const cut = (s: string) => (s.length <= MAX_NAME_FIELD ? s : s.slice(0, MAX_NAME_FIELD - NAME_MARKER.length) + NAME_MARKER);
  c.suite = cut(c.suite);
  c.classname = cut(c.classname);
  c.name = cut(c.name);
  if (c.file !== undefined) c.file = cut(c.file);
  return c;
}

/** Truncate a text field to MAX_TEXT_FIELD, marking the cut. */
export function truncateText(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  if (s.length <= MAX_TEXT_FIELD) return s;
  return s.slice(0, MAX_TEXT_FIELD - TRUNCATION_MARKER.length) + TRUNCATION_MARKER;
}
