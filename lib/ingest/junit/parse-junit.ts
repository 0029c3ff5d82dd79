// Streaming JUnit XML parser (every dialect: Surefire, Ginkgo, jest-junit,
// pytest, go-junit-report ...). saxes instead of a DOM because reports reach
// 50 MB / 100k testcases; memory stays bounded by the cases kept plus one
// testcase's 64 KB-capped text fields.
//
// Security: saxes never fetches or expands anything but the five predefined
// entities and character references, and any DOCTYPE is rejected outright, so
// XXE and entity-expansion bombs are impossible. Nesting is capped at
// MAX_DEPTH elements.
import { SaxesParser } from "saxes";
import { AppError } from "@/lib/errors";
import type { ParsedReport, ParsedTestCase } from "@/lib/ingest/report-types";
import { pumpInput, type JunitInput } from "./decode-input";
import { JunitBuilder } from "./junit-builder";
import { saxesTextDrain } from "./saxes-drain";

export const DEFAULT_MAX_CASES = 100_000;

export interface ParseJunitOptions {
  /** Reject reports with more testcases than this (default 100 000); parsing stops as soon as it is passed. */
  maxCases?: number;
  /**
   * Streaming consumer: called with the testcases completed since its last call,
   * after each STREAM_SLICE of input and once more once the report is finished
   * (container-structure-test's testcases are all held until then, when their
   * nanosecond times are rewritten: JunitBuilder.takeNewCases). Parsing waits for
   * the promise it returns, so it is also the back-pressure.
   */
  onCases?: (cases: ParsedTestCase[]) => Promise<void>;
}

/** Input slice between two onCases calls: small enough for parsing and storing to overlap. */
export const STREAM_SLICE = 128 * 1024;

/**
 * Parse a JUnit XML report.
 *
 * Errors (AppError):
 * - malformed_xml: not well-formed XML, empty, truncated, invalid UTF-8, any DOCTYPE,
 *   nesting deeper than MAX_DEPTH; message and details carry the parser's line and column.
 * - validation_failed: well-formed XML whose root is not <testsuites>/<testsuite>,
 *   or more than maxCases testcases.
 */
export async function parseJunit(input: JunitInput, opts: ParseJunitOptions = {}): Promise<ParsedReport> {
  const parser = new SaxesParser({ xmlns: false, position: true });

  const malformed = (reason: string, extra: Record<string, unknown> = {}): never => {
    // saxes' line is 1-based; its column is the count of characters read on
    // the line, i.e. the 1-based column of the character that was rejected.
    const { line, column } = parser;
    throw new AppError("malformed_xml", `malformed XML at line ${line}, column ${column}: ${reason}`, {
      line,
      column,
      ...extra,
    });
  };

  const onText = (t: string) => builder.text(t);
  const builder = new JunitBuilder(opts.maxCases ?? DEFAULT_MAX_CASES, {
    setTextCapture: (on) => (on ? parser.on("text", onText) : parser.off("text")),
    malformed,
  });

  // Throwing from a handler aborts the write() in progress: nothing after the
  // first problem is parsed.
  parser.on("error", (err) => malformed(err.message.replace(/^\d+:\d+: /, "")));
  parser.on("doctype", () => malformed("DOCTYPE declarations are not accepted (no DTDs or custom entities)"));
  parser.on("opentag", (tag) => builder.open(tag));
  parser.on("closetag", () => builder.close());
  parser.on("cdata", (t) => builder.cdata(t));
  parser.on("comment", (t) => builder.comment(t));

  const drain = saxesTextDrain(parser, builder);
  const onCases = opts.onCases;
  await pumpInput(
    input,
    {
      write: (text) => {
        parser.write(text);
        drain();
      },
      invalidUtf8: (byteOffset) => malformed(`invalid UTF-8 at byte offset ${byteOffset}`, { byteOffset }),
      sliceDone: onCases && (() => onCases(builder.takeNewCases())),
    },
    onCases ? STREAM_SLICE : undefined,
  );
  parser.close();
  const report = builder.finish();
  if (onCases) await onCases(builder.takeNewCases(true));
  return report;
}
