// The JUnit state machine: consumes saxes events and builds the ParsedReport.
// Only a stack of small ints (one per open element) plus the current testcase
// are kept; everything else is streamed past. The element's kind is decided by
// its name and its parent's kind, so unknown subtrees are ignored wholesale.
import { AppError } from "@/lib/errors";
import { truncateText, type ParsedReport, type ParsedTestCase } from "@/lib/ingest/report-types";
import { BoundedText } from "./bounded-text";
import { CaseBuilder } from "./case-builder";
import { DeclaredCounter, finishReport, type ReportFacts } from "./finish-report";
import { DialectSniffer } from "./dialect";
import { parseSeconds, parseTimestamp, plausibleMs, secondsToMs } from "./times";

export const MAX_DEPTH = 256;
/** Report-level properties kept; Surefire repeats ~60 JVM properties per suite, real reports stay far below this. */
export const MAX_REPORT_PROPERTIES = 1000;

const NONE = -1;
const OTHER = 0;
const ROOT = 1; // <testsuites>
const SUITE = 2;
const CASE = 3;
const RESULT = 4; // failure / error / skipped inside a testcase
const CASE_TEXT = 5; // system-out / system-err inside a testcase
const PROPERTIES = 6;
const PROPERTY = 7;

export interface BuilderHooks {
  /** saxes only assembles text nodes while a text handler is set, so capture is switched on demand. */
  setTextCapture(on: boolean): void;
  /** Reject the document as malformed at the current parser position. */
  malformed(reason: string): never;
}

type Tag = { name: string; attributes: Record<string, string> };

export class JunitBuilder {
  private readonly kinds: number[] = [];
  private readonly suitePaths: string[] = [];
  private readonly cases: ParsedTestCase[] = [];
  private handedOut = 0;
  private readonly sniffer = new DialectSniffer();
  private readonly facts: ReportFacts;
  private current: CaseBuilder | null = null;
  private capture: BoundedText | null = null;
  private captureLen = -1;
  private propertyName: string | null = null;
  private rootName: string | null = null;

  constructor(
    private readonly maxCases: number,
    private readonly hooks: BuilderHooks,
  ) {
    this.facts = {
      rootDeclared: new DeclaredCounter(),
      topDeclared: new DeclaredCounter(),
      rootSeconds: null,
      topSeconds: null,
      window: null,
      reportProperties: new Map(),
      strayResults: [],
      strayCount: 0,
      nestedCases: 0,
      notRunStatus: new Map(),
      badCaseTimes: 0,
      implausibleTimes: [],
      droppedProperties: 0,
    };
  }

  open(tag: Tag): void {
    const depth = this.kinds.length;
    if (depth >= MAX_DEPTH) this.hooks.malformed(`elements are nested deeper than ${MAX_DEPTH} levels`);
    const parent = depth === 0 ? NONE : this.kinds[depth - 1];
    const { name, attributes: attrs } = tag;
    let kind = OTHER;
    switch (parent) {
      case NONE:
        kind = this.openRoot(name, attrs);
        break;
      case ROOT:
      case SUITE:
        if (name === "testsuite") kind = this.openSuite(attrs, depth);
        else if (name === "testcase") kind = this.openCase(attrs);
        else if (name === "properties") kind = PROPERTIES;
        // Report mergers sometimes wrap whole <testsuites> documents in another one.
        else if (name === "testsuites") kind = ROOT;
        else if (name === "failure" || name === "error" || name === "skipped") this.strayResult(name);
        break;
      case CASE:
        kind = this.openInCase(name, attrs, depth);
        break;
      case PROPERTIES:
        if (name === "property") kind = this.openProperty(attrs, depth);
        break;
    }
    this.kinds.push(kind);
  }

  close(): void {
    const len = this.kinds.length;
    const kind = this.kinds.pop();
    if (len === this.captureLen) this.stopCapture(kind);
    if (kind === SUITE) this.suitePaths.pop();
    else if (kind === RESULT) this.current?.closeResult();
    else if (kind === CASE) this.closeCase();
  }

  text(t: string): void {
    if (this.kinds.length === this.captureLen) this.capture!.append(t);
  }

  cdata(t: string): void {
    if (this.kinds.length === this.captureLen) this.capture!.append(t);
  }

  comment(t: string): void {
    this.sniffer.comment(t);
  }

  /**
   * The testcases completed since the last call (they stay part of the report).
   * While the report may be container-structure-test's (every name so far has
   * its prefix), they are held back: its times are nanoseconds, rewritten by
   * finish(); the last call (final, after finish) hands out everything.
   */
  takeNewCases(final = false): ParsedTestCase[] {
    if (!final && this.sniffer.nanosecondTimes) return [];
    const out = this.cases.slice(this.handedOut);
    this.handedOut = this.cases.length;
    return out;
  }

  finish(): ParsedReport {
    if (this.rootName !== null && this.rootName !== "testsuites" && this.rootName !== "testsuite") {
      const message = `not a JUnit report: root element <${this.rootName}>`;
      throw new AppError("validation_failed", message, [{ path: "/", message }]);
    }
    return finishReport(this.cases, this.facts, this.sniffer);
  }

  private openRoot(name: string, attrs: Record<string, string>): number {
    this.rootName = name;
    // A foreign root is only reported after the whole document proved well-formed.
    if (name !== "testsuites" && name !== "testsuite") return OTHER;
    this.sniffer.root(name, attrs);
    this.facts.rootDeclared.add(attrs);
    this.facts.rootSeconds = parseSeconds(attrs.time);
    this.addWindow(attrs);
    if (name === "testsuites") return ROOT;
    this.suitePaths.push(suiteName(attrs));
    return SUITE;
  }

  private openSuite(attrs: Record<string, string>, depth: number): number {
    this.sniffer.suite(attrs);
    this.addWindow(attrs);
    const parentPath = this.suitePaths.length === 0 ? "" : this.suitePaths[this.suitePaths.length - 1];
    const name = suiteName(attrs);
    this.suitePaths.push(name === "" ? parentPath : parentPath === "" ? name : `${parentPath} / ${name}`);
    if (depth === 1) {
      // Direct children of the root: their totals stand in for a root that declares none.
      this.facts.topDeclared.add(attrs);
      const s = parseSeconds(attrs.time);
      if (s !== null) this.facts.topSeconds = (this.facts.topSeconds ?? 0) + s;
    }
    return SUITE;
  }

  /** A suite's `timestamp` (its start) and `time` (its length) widen the report's window. */
  private addWindow(attrs: Record<string, string>): void {
    const startMs = parseTimestamp(attrs.timestamp);
    if (startMs === null) return;
    const endMs = startMs + (plausibleMs(secondsToMs(parseSeconds(attrs.time))) ?? 0);
    const w = this.facts.window;
    this.facts.window = w === null ? { startMs, endMs } : { startMs: Math.min(w.startMs, startMs), endMs: Math.max(w.endMs, endMs) };
  }

  private openCase(attrs: Record<string, string>): number {
    if (this.cases.length >= this.maxCases) {
      // Thrown from inside the saxes callback, so parsing stops right here.
      const message = `the report has more than ${this.maxCases} test cases`;
      throw new AppError("validation_failed", message, [{ path: "/", message }]);
    }
    this.sniffer.testcase(attrs);
    const path = this.suitePaths.length === 0 ? "" : this.suitePaths[this.suitePaths.length - 1];
    this.current = new CaseBuilder(attrs, path);
    return CASE;
  }

  private openInCase(name: string, attrs: Record<string, string>, depth: number): number {
    const c = this.current!;
    switch (name) {
      case "failure":
      case "error":
      case "skipped": {
        const buf = c.openResult(name, attrs);
        if (buf !== null) this.startCapture(buf, depth);
        return RESULT;
      }
      // Their own message/stackTrace/system-out children describe earlier
      // attempts and must not leak into the case, so the subtree is OTHER.
      case "flakyFailure":
      case "flakyError":
        c.addFlaky();
        this.sniffer.retryElement();
        return OTHER;
      case "rerunFailure":
      case "rerunError":
        c.addRerun();
        this.sniffer.retryElement();
        return OTHER;
      case "system-out":
        this.startCapture(c.systemOut(), depth);
        return CASE_TEXT;
      case "system-err":
        this.startCapture(c.systemErr(), depth);
        return CASE_TEXT;
      case "properties":
        return PROPERTIES;
      case "property":
        return this.openProperty(attrs, depth);
      case "testcase":
        this.facts.nestedCases++;
        return OTHER;
      default:
        return OTHER;
    }
  }

  private openProperty(attrs: Record<string, string>, depth: number): number {
    const name = attrs.name;
    if (!name) return OTHER;
    if (attrs.value !== undefined) {
      this.setProperty(name, attrs.value);
      return OTHER;
    }
    // <property name="x">text</property> (Jenkins, multi-line values).
    this.propertyName = name;
    this.startCapture(new BoundedText(), depth);
    return PROPERTY;
  }

  private setProperty(name: string, value: string): void {
    if (this.current !== null) {
      this.current.addProperty(name, value);
      return;
    }
    this.sniffer.suiteProperty(name);
    // Report level: first value wins. Per-package suites (Go, Ginkgo) repeat
    // the same keys, and joining them would only multiply identical values.
    const props = this.facts.reportProperties;
    if (props.has(name)) return;
    if (props.size >= MAX_REPORT_PROPERTIES) this.facts.droppedProperties++;
    else props.set(name, truncateText(value)!);
  }

  private closeCase(): void {
    const c = this.current!;
    this.current = null;
    const notRun = c.unhonouredNotRunStatus;
    if (notRun !== undefined) this.facts.notRunStatus.set(notRun, (this.facts.notRunStatus.get(notRun) ?? 0) + 1);
    const parsed = c.finish();
    const ms = parsed.durationMs;
    if (ms === null) {
      if (c.hasTimeAttribute) this.facts.badCaseTimes++;
    } else if (plausibleMs(ms) === null) {
      // Kept aside: a nanosecond dialect detected at the end can still rescue it.
      this.facts.implausibleTimes.push({ c: parsed, ms });
      parsed.durationMs = null;
    }
    this.cases.push(parsed);
  }

  private strayResult(name: string): void {
    this.facts.strayCount++;
    const stray = this.facts.strayResults;
    if (stray.length < 5) stray.push({ element: name, suite: this.suitePaths[this.suitePaths.length - 1] ?? "" });
  }

  private startCapture(buf: BoundedText, depth: number): void {
    this.capture = buf;
    this.captureLen = depth + 1;
    this.hooks.setTextCapture(true);
  }

  private stopCapture(kind: number | undefined): void {
    const buf = this.capture!;
    this.capture = null;
    this.captureLen = -1;
    this.hooks.setTextCapture(false);
    if (kind === PROPERTY && this.propertyName !== null) {
      this.setProperty(this.propertyName, buf.finish() ?? "");
      this.propertyName = null;
    }
  }
}

function suiteName(attrs: Record<string, string>): string {
  return attrs.name?.trim() ?? "";
}
