// State for one <testcase> while its children stream by, turned into a
// ParsedTestCase when the element closes.
import { truncateNames, truncateText, type ParsedTestCase } from "@/lib/ingest/report-types";
import type { ResultStatus } from "@/lib/schemas/status";
import { BoundedText, firstLine } from "./bounded-text";
import { ginkgoLabels } from "./dialect";
import { parseSeconds, secondsToMs } from "./times";

export type ResultElement = "error" | "failure" | "skipped";

// Outcome precedence inside one testcase: error > failure > skipped.
const RANK: Record<ResultElement, number> = { skipped: 1, failure: 2, error: 3 };
const STATUS_BY_RANK: ResultStatus[] = ["passed", "skipped", "failed", "errored"];

// `status` values that say "did not run". They do not change the outcome by
// themselves (tst writes status='disabled' with no <skipped>, and the corpus
// counts those as passed, like Jenkins does); the parser only warns.
const NOT_RUN_STATUS = new Set(["skipped", "disabled", "notrun", "not_run", "pending", "ignored"]);

// ExUnit's junit_formatter writes file="test/foo_test.exs:12".
const FILE_WITH_LINE = /^(.+):(\d+)$/;

interface ResultInfo {
  rank: number;
  message?: string;
  type?: string;
  body?: string;
}

export class CaseBuilder {
  private best: ResultInfo | null = null;
  private open: ResultInfo | null = null;
  private openBody: BoundedText | null = null;
  private out: BoundedText | null = null;
  private err: BoundedText | null = null;
  private props: Map<string, string> | null = null;
  private flakyCount = 0;
  private rerunCount = 0;

  constructor(
    private readonly attrs: Record<string, string>,
    private readonly suite: string,
  ) {}

  /** Starts a failure/error/skipped child; returns the buffer for its body, or null when its text is not needed. */
  openResult(element: ResultElement, attrs: Record<string, string>): BoundedText | null {
    const rank = RANK[element];
    this.open = { rank, message: attrs.message, type: attrs.type };
    // A lower-ranked result can never win, so its body is not worth buffering.
    if (this.best !== null && this.best.rank >= rank) return null;
    this.openBody = new BoundedText();
    return this.openBody;
  }

  closeResult(): void {
    const r = this.open;
    if (r === null) return;
    if (this.best === null || r.rank > this.best.rank) {
      r.body = this.openBody?.finish();
      this.best = r;
    }
    this.open = null;
    this.openBody = null;
  }

  /** flakyFailure/flakyError: failed attempt(s) before a pass. */
  addFlaky(): void {
    this.flakyCount++;
  }

  /** rerunFailure/rerunError: failed again on rerun. */
  addRerun(): void {
    this.rerunCount++;
  }

  systemOut(): BoundedText {
    return (this.out ??= new BoundedText());
  }

  systemErr(): BoundedText {
    return (this.err ??= new BoundedText());
  }

  addProperty(name: string, value: string): void {
    this.props ??= new Map();
    const prev = this.props.get(name);
    this.props.set(name, truncateText(prev === undefined ? value : `${prev}\n${value}`)!);
  }

  /** The `status` attribute when it claims "not run" but no <skipped> child says so. */
  get unhonouredNotRunStatus(): string | undefined {
    const s = this.attrs.status;
    return this.best === null && s !== undefined && NOT_RUN_STATUS.has(s.toLowerCase()) ? s : undefined;
  }

  /** Whether the testcase carries a time (or Bazel duration) attribute at all. */
  get hasTimeAttribute(): boolean {
    return (this.attrs.time ?? this.attrs.duration) !== undefined;
  }

  finish(): ParsedTestCase {
    const a = this.attrs;
    const best = this.best;
    let status = STATUS_BY_RANK[best === null ? 0 : best.rank];
    // Ginkgo v2 marks pending specs status="pending" plus <skipped message="pending"/>;
    // keep them "pending" like the Ginkgo JSON parser does.
    if (status === "skipped" && a.status === "pending") status = "pending";

    const c: ParsedTestCase = {
      suite: this.suite,
      classname: a.classname ?? a.class ?? "",
      name: a.name ?? "",
      status,
      // Bazel writes duration= next to time=; some of its wrappers only duration=.
      durationMs: secondsToMs(parseSeconds(a.time ?? a.duration)),
      retries: this.flakyCount + this.rerunCount,
      flaky: status === "passed" && this.flakyCount > 0,
      properties: this.props === null ? {} : Object.fromEntries(this.props),
      labels: ginkgoLabels(a.name ?? ""),
    };
    this.setLocation(c);
    if (best !== null) {
      const message = best.message?.trim();
      const m = message ? truncateText(message) : firstLine(best.body);
      if (m !== undefined) c.message = m;
      if (best.body !== undefined) c.details = best.body;
      if (best.type) c.failureType = truncateText(best.type);
    }
    const out = this.out?.finish();
    if (out !== undefined) c.systemOut = out;
    const err = this.err?.finish();
    if (err !== undefined) c.systemErr = err;
    return truncateNames(c);
  }

  private setLocation(c: ParsedTestCase): void {
    let file = this.attrs.file;
    let line = parseLine(this.attrs.line);
    if (file !== undefined && line === undefined) {
      const m = FILE_WITH_LINE.exec(file);
      if (m !== null) {
        file = m[1];
        line = parseLine(m[2]);
      }
    }
    if (file) c.file = file;
    if (line !== undefined) c.line = line;
  }
}

function parseLine(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
