// When a report's suites ran (ParsedReport.window), from JUnit testsuite
// timestamps and Ginkgo JSON StartTime/EndTime: the evidence a run's total
// duration is derived from (lib/analysis/derive-run-window.ts).
import { describe, expect, it } from "vitest";
import { parseGinkgoJson } from "./ginkgo-json";
import { parseTimestamp } from "./junit/times";
import { parseJunit } from "./junit/parse-junit";

const at = (iso: string) => Date.parse(iso);

describe("parseTimestamp", () => {
  it.each([
    ["2026-01-12T10:03:30", "2026-01-12T10:03:30Z"], // no zone: UTC
    ["2026-01-12 10:03:30.25", "2026-01-12T10:03:30.250Z"],
    ["2026-01-12T10:03:30Z", "2026-01-12T10:03:30Z"],
    ["2026-01-12T12:03:30+02:00", "2026-01-12T10:03:30Z"],
    ["2026-01-12T05:03:30-0500", "2026-01-12T10:03:30Z"],
    ["2026-01-12T10:03:30.123456789+00:00", "2026-01-12T10:03:30.123Z"],
  ])("%s", (raw, want) => expect(parseTimestamp(raw)).toBe(at(want)));

  it.each([undefined, "", "yesterday", "0001-01-01T00:00:00Z", "2026-13-01T00:00:00", "2026-01-12T25:00:00", "1736676210"])(
    "%s -> null",
    (raw) => expect(parseTimestamp(raw)).toBeNull(),
  );
});

describe("report windows", () => {
  it("JUnit: earliest testsuite timestamp to the latest timestamp + time, nested suites included", async () => {
    const xml = `<testsuites time="300">
      <testsuite name="a" tests="1" time="120.5" timestamp="2026-01-12T10:03:00"><testcase name="x" time="1"/></testsuite>
      <testsuite name="b" tests="1" time="60" timestamp="2026-01-12T10:04:00Z">
        <testsuite name="b1" tests="1" time="200" timestamp="2026-01-12T10:04:30Z"><testcase name="y" time="1"/></testsuite>
      </testsuite>
    </testsuites>`;
    const r = await parseJunit(xml);
    expect(r.window).toEqual({ startMs: at("2026-01-12T10:03:00Z"), endMs: at("2026-01-12T10:07:50Z") });
  });

  it("JUnit without any timestamp has no window", async () => {
    const r = await parseJunit(`<testsuite name="a" tests="1" time="3"><testcase name="x" time="1"/></testsuite>`);
    expect(r.window).toBeNull();
  });

  it("Ginkgo JSON: StartTime to EndTime per suite, StartTime + RunTime without EndTime, Go's zero time ignored", () => {
    const suite = (o: Record<string, unknown>) => ({ SuiteDescription: "s", SpecReports: [], ...o });
    const r = parseGinkgoJson(JSON.stringify([
      suite({ StartTime: "2026-01-12T11:00:00+01:00", EndTime: "2026-01-12T10:02:00Z", RunTime: 120e9 }),
      suite({ StartTime: "2026-01-12T10:01:00Z", RunTime: 300e9 }),
      suite({ StartTime: "0001-01-01T00:00:00Z", EndTime: "0001-01-01T00:00:00Z" }),
    ]));
    expect(r.window).toEqual({ startMs: at("2026-01-12T10:00:00Z"), endMs: at("2026-01-12T10:06:00Z") });
    expect(parseGinkgoJson(JSON.stringify([suite({})])).window).toBeNull();
  });
});
