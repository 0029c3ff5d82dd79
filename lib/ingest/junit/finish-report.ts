// End-of-document work: declared-vs-counted checks, report duration, dialect
// fix-ups and the warnings that explain what the parser could not take at
// face value.
import {
  countTotals,
  type DeclaredTotals,
  type ParsedReport,
  type ParsedTestCase,
  type ReportTotals,
} from "@/lib/ingest/report-types";
import type { DialectSniffer } from "./dialect";
import { MAX_PLAUSIBLE_SECONDS, nsMistakenForSecondsToMs, plausibleMs, secondsToMs } from "./times";

const COUNT = /^\s*\d+\s*$/;
type DeclaredKey = keyof DeclaredTotals;

/** Sums tests/failures/errors/skipped attributes over the elements it is shown. */
export class DeclaredCounter {
  readonly totals: DeclaredTotals = {};

  add(attrs: Record<string, string>): void {
    this.addOne("tests", attrs.tests);
    this.addOne("failures", attrs.failures);
    this.addOne("errors", attrs.errors);
    // Old pytest wrote skips= instead of skipped=.
    this.addOne("skipped", attrs.skipped ?? attrs.skips);
  }

  get isEmpty(): boolean {
    return Object.keys(this.totals).length === 0;
  }

  private addOne(key: DeclaredKey, raw: string | undefined): void {
    if (raw === undefined || !COUNT.test(raw)) return;
    this.totals[key] = (this.totals[key] ?? 0) + Number(raw);
  }
}

export interface ReportFacts {
  rootDeclared: DeclaredCounter;
  /** Sum over the root's direct testsuite children. */
  topDeclared: DeclaredCounter;
  rootSeconds: number | null;
  topSeconds: number | null;
  /** earliest testsuite timestamp to the latest timestamp + time, ms since the epoch */
  window: { startMs: number; endMs: number } | null;
  reportProperties: Map<string, string>;
  strayResults: { element: string; suite: string }[];
  strayCount: number;
  nestedCases: number;
  notRunStatus: Map<string, number>;
  badCaseTimes: number;
  /** Cases whose time was implausibly long (already nulled), with the value, in case the dialect explains it. */
  implausibleTimes: { c: ParsedTestCase; ms: number }[];
  droppedProperties: number;
}

const COUNTED: Record<DeclaredKey, { noun: string; count: (t: ReportTotals) => number }> = {
  tests: { noun: "testcases", count: (t) => t.tests },
  failures: { noun: "failed testcases", count: (t) => t.failed },
  errors: { noun: "errored testcases", count: (t) => t.errored },
  skipped: { noun: "skipped testcases", count: (t) => t.skipped + t.pending },
};

export function finishReport(cases: ParsedTestCase[], facts: ReportFacts, sniffer: DialectSniffer): ParsedReport {
  const warnings: string[] = [];
  const dialect = sniffer.detect();

  let durationMs = secondsToMs(facts.rootSeconds ?? facts.topSeconds);
  let implausible = facts.implausibleTimes.length;
  if (dialect === "container-structure-test") {
    // It serialises Go time.Duration (nanoseconds) into time=; convert rather than drop.
    durationMs = nsMistakenForSecondsToMs(durationMs);
    for (const c of cases) c.durationMs = nsMistakenForSecondsToMs(c.durationMs);
    for (const { c, ms } of facts.implausibleTimes) c.durationMs = nsMistakenForSecondsToMs(ms);
    implausible = 0;
    warnings.push("time values read as nanoseconds (container-structure-test writes Go durations)");
  }
  if (plausibleMs(durationMs) !== durationMs) {
    implausible++;
    durationMs = null;
  }
  if (implausible > 0) {
    const days = MAX_PLAUSIBLE_SECONDS / 86400;
    warnings.push(`${implausible} time value(s) longer than ${days} days were treated as missing`);
  }
  if (facts.badCaseTimes > 0) {
    warnings.push(`${facts.badCaseTimes} testcase time value(s) were negative or unparsable and were treated as missing`);
  }

  const totals = countTotals(cases);
  const declared = facts.rootDeclared.isEmpty ? facts.topDeclared.totals : facts.rootDeclared.totals;
  for (const key of Object.keys(COUNTED) as DeclaredKey[]) {
    const d = declared[key];
    if (d === undefined) continue;
    const n = COUNTED[key].count(totals);
    if (d !== n) warnings.push(`declared ${key}=${d} but ${n} ${COUNTED[key].noun} found`);
  }

  for (const s of facts.strayResults) {
    const where = s.suite === "" ? "an unnamed testsuite" : `testsuite "${s.suite}"`;
    warnings.push(`<${s.element}> directly under ${where} (outside any testcase) was not counted as a test`);
  }
  if (facts.strayCount > facts.strayResults.length) {
    warnings.push(`${facts.strayCount - facts.strayResults.length} more <failure>/<error>/<skipped> outside testcases were not counted`);
  }
  if (facts.nestedCases > 0) {
    warnings.push(`${facts.nestedCases} <testcase> element(s) nested inside another testcase were ignored`);
  }
  if (facts.droppedProperties > 0) {
    warnings.push(`${facts.droppedProperties} report-level property entries beyond the first ${facts.reportProperties.size} names were dropped`);
  }
  for (const [status, n] of facts.notRunStatus) {
    warnings.push(`${n} testcase(s) have status="${status}" but no <skipped> element; counted by their child elements (passed)`);
  }

  return {
    format: "junit",
    dialect,
    cases,
    totals,
    declared,
    durationMs,
    window: facts.window,
    properties: Object.fromEntries(facts.reportProperties),
    warnings,
  };
}
