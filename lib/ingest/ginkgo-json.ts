// Parser for the file Ginkgo v2 writes with `ginkgo --json-report=FILE`: a JSON
// array with one types.Report per suite (github.com/onsi/ginkgo/v2/types).
// Only the fields Runboard uses are validated; Ginkgo adds fields over time
// (SpecEvents, semver constraints ...) and those must not break ingest.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertJsonDepth } from "@/lib/ingest/json-depth";
import { jsonErrorPosition } from "@/lib/ingest/json-error-position";
import { toDetails } from "@/lib/schemas/validation";
import { mergeWindows, parseTimestamp } from "./junit/times";
import {
  countTotals,
  truncateNames,
  truncateText,
  type ParsedReport,
  type ParsedTestCase,
} from "./report-types";
import type { ResultStatus } from "@/lib/schemas/status";

// Go marshals nil slices as null, so every list may be null or missing.
const strings = z.array(z.string()).nullish();

const codeLocationSchema = z
  .object({ FileName: z.string().optional(), LineNumber: z.number().int().optional(), FullStackTrace: z.string().optional() })
  .nullish();

const specReportSchema = z.object({
  ContainerHierarchyTexts: strings,
  ContainerHierarchyLabels: z.array(strings).nullish(),
  ContainerHierarchySemVerConstraints: z.array(strings).nullish(),
  LeafNodeType: z.string(),
  LeafNodeLocation: codeLocationSchema,
  LeafNodeLabels: strings,
  LeafNodeSemVerConstraints: strings,
  LeafNodeText: z.string().nullish(),
  State: z.string(),
  RunTime: z.number().nullish(),
  Failure: z
    .object({ Message: z.string().nullish(), Location: codeLocationSchema, ForwardedPanic: z.string().nullish() })
    .nullish(),
  NumAttempts: z.number().int().nullish(),
  MaxMustPassRepeatedly: z.number().int().nullish(),
  CapturedGinkgoWriterOutput: z.string().nullish(),
  CapturedStdOutErr: z.string().nullish(),
});
type SpecReport = z.infer<typeof specReportSchema>;

const suiteReportSchema = z.object({
  SuitePath: z.string().nullish(),
  SuiteDescription: z.string(),
  SuiteLabels: strings,
  SuiteSucceeded: z.boolean().nullish(),
  SpecialSuiteFailureReasons: strings,
  PreRunStats: z.object({ TotalSpecs: z.number().int().nullish() }).nullish(),
  StartTime: z.string().nullish(),
  EndTime: z.string().nullish(),
  RunTime: z.number().nullish(),
  SuiteConfig: z
    .object({
      RandomSeed: z.number().nullish(),
      LabelFilter: z.string().nullish(),
      FocusStrings: strings,
      SkipStrings: strings,
      FlakeAttempts: z.number().nullish(),
      FailFast: z.boolean().nullish(),
      DryRun: z.boolean().nullish(),
      ParallelTotal: z.number().nullish(),
    })
    .nullish(),
  SpecReports: z.array(specReportSchema).nullish(),
});
type SuiteReport = z.infer<typeof suiteReportSchema>;

const ginkgoJsonSchema = z.array(suiteReportSchema);

const MAX_DETAILS = 50;

const ERRORED_STATES = ["panicked", "interrupted", "aborted", "timedout"];
const STATUS = new Map<string, ResultStatus>([
  ["passed", "passed"],
  ["failed", "failed"],
  ["skipped", "skipped"],
  ["pending", "pending"],
  ...ERRORED_STATES.map((s): [string, ResultStatus] => [s, "errored"]),
]);
const FAILURE_STATES = new Set(["failed", ...ERRORED_STATES]);

export function parseGinkgoJson(text: string): ParsedReport {
  const data = parseJsonOrThrow(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  // Ginkgo writes an array; a bare Report object (a hand-rolled json.Marshal in
  // ReportAfterSuite) is accepted too. Not a z.union: its error would hide which
  // field of which spec is wrong.
  const result = ginkgoJsonSchema.safeParse(Array.isArray(data) || data === null || typeof data !== "object" ? data : [data]);
  if (!result.success) {
    throw new AppError("validation_failed", "Not a Ginkgo v2 JSON report", toDetails(result.error).slice(0, MAX_DETAILS));
  }
  const suites = result.data;
  const cases: ParsedTestCase[] = [];
  const warnings: string[] = [];
  const unknownStates = new Set<string>();
  let declaredTests: number | undefined;
  let itCount = 0;
  let durationNs: number | null = null;

  for (const suite of suites) {
    const total = suite.PreRunStats?.TotalSpecs;
    if (typeof total === "number") declaredTests = (declaredTests ?? 0) + total;
    if (typeof suite.RunTime === "number" && suite.RunTime >= 0) durationNs = (durationNs ?? 0) + suite.RunTime;
    for (const spec of suite.SpecReports ?? []) {
      const isIt = spec.LeafNodeType === "It";
      if (isIt) itCount++;
      // Suite-level nodes (BeforeSuite, AfterSuite, ReportAfterSuite, DeferCleanup
      // (Suite) ...) are reported next to the specs. A passing one is noise, but a
      // failed BeforeSuite is the only visible cause when every spec is "skipped",
      // so failed ones become cases, named "[BeforeSuite]" exactly as Ginkgo's
      // JUnit reporter names them.
      if (!isIt && !FAILURE_STATES.has(spec.State)) continue;
      if (!STATUS.has(spec.State)) unknownStates.add(spec.State);
      cases.push(toTestCase(suite, spec));
    }
  }

  for (const state of unknownStates) warnings.push(`unknown Ginkgo spec state "${state}" recorded as errored`);
  if (declaredTests !== undefined && declaredTests !== itCount) {
    warnings.push(`declared TotalSpecs=${declaredTests} but ${itCount} It specs found`);
  }
  return {
    format: "ginkgo-json",
    dialect: "ginkgo-v2",
    cases,
    totals: countTotals(cases),
    declared: declaredTests === undefined ? {} : { tests: declaredTests },
    durationMs: durationNs === null ? null : durationNs / 1e6,
    window: mergeWindows(suites.flatMap(suiteWindow)),
    properties: suiteProperties(suites),
    warnings,
  };
}

/** When a suite ran: StartTime to EndTime (or StartTime + RunTime); none when it has no StartTime. */
function suiteWindow(s: SuiteReport): { startMs: number; endMs: number }[] {
  const startMs = parseTimestamp(s.StartTime);
  if (startMs === null) return [];
  const runMs = typeof s.RunTime === "number" && s.RunTime >= 0 ? s.RunTime / 1e6 : 0;
  const endMs = Math.max(parseTimestamp(s.EndTime) ?? startMs + runMs, startMs);
  return [{ startMs, endMs }];
}

function toTestCase(suite: SuiteReport, spec: SpecReport): ParsedTestCase {
  const failure = spec.Failure ?? undefined;
  const status = STATUS.get(spec.State) ?? "errored";
  const isFailure = status === "failed" || status === "errored";
  const location = failure?.Location?.FileName ? failure.Location : (spec.LeafNodeLocation ?? undefined);
  // MustPassRepeatedly also raises NumAttempts, but those are required repeats,
  // not retries after a failure, so they count neither as retries nor as flaky.
  const attempts = (spec.MaxMustPassRepeatedly ?? 0) > 1 ? 1 : (spec.NumAttempts ?? 1);
  // Like the JUnit reporter, a panic's message is the panic value: "Test Panicked"
  // (Failure.Message) would put every panic in one failure group.
  const message = spec.State === "panicked" && failure?.ForwardedPanic ? failure.ForwardedPanic : failure?.Message;
  const labels = specLabels(spec);

  return truncateNames({
    suite: suite.SuiteDescription,
    classname: suite.SuiteDescription,
    name: junitName(spec, labels),
    file: location?.FileName || undefined,
    line: location?.LineNumber && location.LineNumber > 0 ? location.LineNumber : undefined,
    status,
    durationMs: typeof spec.RunTime === "number" && spec.RunTime >= 0 ? spec.RunTime / 1e6 : null,
    message: truncateText(message || undefined),
    details: isFailure ? truncateText(failureDetails(spec) || undefined) : undefined,
    failureType: isFailure ? spec.State : undefined,
    systemOut: truncateText(spec.CapturedStdOutErr || undefined),
    systemErr: truncateText(spec.CapturedGinkgoWriterOutput || undefined),
    retries: Math.max(attempts - 1, 0),
    flaky: status === "passed" && attempts > 1,
    properties: {},
    labels,
  });
}

/**
 * Mirrors GenerateJUnitReportWithConfig's default naming (ginkgo v2
 * reporters/junit_report.go) so a spec has the same identity whether the run
 * uploaded JUnit XML or JSON: "[It] <containers...> <leaf>", then " [labels]"
 * and " [semver constraints]" when present. Component semver constraints
 * (a map, newest Ginkgo only) are not mirrored.
 */
function junitName(spec: SpecReport, labels: string[]): string {
  const texts = [...(spec.ContainerHierarchyTexts ?? [])];
  if (spec.LeafNodeText) texts.push(spec.LeafNodeText);
  let name = `[${spec.LeafNodeType}]`;
  const fullText = texts.join(" ");
  if (fullText !== "") name += " " + fullText;
  if (labels.length > 0) name += " [" + labels.join(", ") + "]";
  const semver = dedupe([...(spec.ContainerHierarchySemVerConstraints ?? []), spec.LeafNodeSemVerConstraints]);
  if (semver.length > 0) name += " [" + semver.join(", ") + "]";
  return name.trim();
}

/** Container labels outermost first, then the leaf's, deduplicated (SpecReport.Labels()). */
function specLabels(spec: SpecReport): string[] {
  return dedupe([...(spec.ContainerHierarchyLabels ?? []), spec.LeafNodeLabels]);
}

function dedupe(lists: readonly (readonly string[] | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const list of lists) for (const item of list ?? []) out.add(item);
  return [...out];
}

function failureDetails(spec: SpecReport): string {
  const f = spec.Failure;
  if (!f) return "";
  const parts: string[] = [];
  if (f.Message) parts.push(f.Message);
  if (f.ForwardedPanic && spec.State === "panicked") parts.push(`panic: ${f.ForwardedPanic}`);
  if (f.Location?.FileName) parts.push(`${f.Location.FileName}:${f.Location.LineNumber ?? 0}`);
  if (f.Location?.FullStackTrace) parts.push(f.Location.FullStackTrace);
  return parts.join("\n");
}

/**
 * A few run-describing values under the property names Ginkgo's JUnit reporter
 * uses, so both formats give the same report properties. With several suites
 * differing values are joined with "\n" (the repeated-property convention).
 */
function suiteProperties(suites: readonly SuiteReport[]): Record<string, string> {
  const values = new Map<string, string[]>();
  const add = (key: string, value: string | number | boolean | null | undefined) => {
    if (value === null || value === undefined) return;
    const list = values.get(key) ?? [];
    if (!list.includes(String(value))) list.push(String(value));
    values.set(key, list);
  };
  for (const s of suites) {
    const c = s.SuiteConfig ?? undefined;
    add("SuitePath", s.SuitePath || undefined);
    add("SuiteSucceeded", s.SuiteSucceeded);
    add("SpecialSuiteFailureReason", s.SpecialSuiteFailureReasons?.join(",") || undefined);
    add("SuiteLabels", s.SuiteLabels?.length ? `[${s.SuiteLabels.join(",")}]` : undefined);
    add("StartTime", s.StartTime || undefined);
    add("RandomSeed", c?.RandomSeed);
    add("LabelFilter", c?.LabelFilter || undefined);
    add("FocusStrings", c?.FocusStrings?.join(",") || undefined);
    add("SkipStrings", c?.SkipStrings?.join(",") || undefined);
    add("FlakeAttempts", c?.FlakeAttempts);
    add("FailFast", c?.FailFast);
    add("DryRun", c?.DryRun);
    add("ParallelTotal", c?.ParallelTotal);
  }
  return Object.fromEntries([...values].map(([k, v]) => [k, v.join("\n")]));
}

function parseJsonOrThrow(text: string): unknown {
  assertJsonDepth(text, "The Ginkgo JSON report");
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    // V8 names the position for some errors only ("Unexpected token 'x', ... is
    // not valid JSON" has none), so locate it ourselves for a usable message.
    const position = jsonErrorPosition(text);
    const before = text.slice(0, position);
    const line = before.split("\n").length;
    const column = position - before.lastIndexOf("\n");
    throw new AppError("bad_request", `Invalid JSON at line ${line}, column ${column} (position ${position}): ${reason.slice(0, 200)}`, {
      position,
      line,
      column,
    });
  }
}
