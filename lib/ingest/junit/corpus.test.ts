// Runs the parser over the shared real-world JUnit corpus (../shared/fixtures/junit,
// see SOURCES.md there). The files are read in place and never copied into the project.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError, type ErrorCode } from "@/lib/errors";
import { MAX_TEXT_FIELD, type ParsedReport } from "@/lib/ingest/report-types";
import { RESULT_STATUSES } from "@/lib/schemas/status";
import { parseJunit } from "./parse-junit";
import { parseSeconds } from "./times";

const CORPUS = path.resolve(import.meta.dirname, "../../../../shared/fixtures/junit");

interface Row {
  file: string;
  counts: [number, number, number, number] | "ERR";
  time?: string;
  notes: string;
}

function readTsv(tsv: string): Row[] {
  const dir = path.dirname(tsv);
  const [header, ...lines] = fs.readFileSync(tsv, "utf8").split("\n").filter((l) => l.trim() !== "");
  expect(header.split("\t").slice(0, 5)).toEqual(["path", "tests", "failures", "errors", "skipped"]);
  return lines.map((line) => {
    const [file, tests, failures, errors, skipped, time, notes] = line.split("\t");
    const counts = tests === "ERR" ? "ERR" : ([tests, failures, errors, skipped].map(Number) as Row["counts"]);
    return { file: path.join(dir, file), counts, time, notes: notes ?? "" };
  });
}

// Every file under malformed/ and the error it must produce. Foreign roots
// are well-formed XML, hence validation_failed rather than malformed_xml.
const MALFORMED: Record<string, ErrorCode> = {
  "empty-file.xml": "malformed_xml",
  "not-xml.xml": "malformed_xml",
  "truncated.xml": "malformed_xml",
  "xxe-external-entity.xml": "malformed_xml",
  "non-junit-root.xml": "validation_failed",
  "wrong-root-nothing.xml": "validation_failed",
};

const DIALECTS: Record<string, string> = {
  "container-structure-test/test.xml": "container-structure-test",
  "cypress/cypress.xml": "cypress",
  "ginkgo-v1/k8s-e2e-sonobuoy.xml": "ginkgo-v1",
  "ginkgo-v2/multi-package-failures.xml": "ginkgo-v2",
  "go-junit-report/pass-fail-skip.xml": "go-junit-report",
  "gotestsum/junitxml-report.xml": "gotestsum",
  "gradle/TEST-SuiteTwoTest.xml": "gradle",
  "jest/jest-junit.xml": "jest-junit",
  "mocha/mocha.xml": "mocha",
  "phpunit/phpunit.xml": "phpunit",
  "playwright/playwright-report.xml": "playwright",
  "pytest/junit-fail.xml": "pytest",
  "rspec/failure-with-cdata.xml": "rspec",
  "rust/nextest-basic.xml": "nextest",
  "rust/quick-junit-basic-report.xml": "nextest",
  "surefire/TEST-FlakyTest.xml": "surefire",
  "generated/jest-orchestrator.xml": "jest-junit",
  "generated/node-test-notification.xml": "node-test",
  "generated/vitest-orchestrator.xml": "vitest",
  "tst/disabled.xml": "junit",
};

async function* inPieces(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Problems with per-case invariants (plain checks: thousands of expect() calls are slow). */
function invariantProblems(r: ParsedReport): string[] {
  const problems: string[] = [];
  r.cases.forEach((c, i) => {
    const where = `case ${i} (${c.name})`;
    if (!RESULT_STATUSES.includes(c.status)) problems.push(`${where}: status ${c.status}`);
    if (c.durationMs !== null && !(c.durationMs >= 0)) problems.push(`${where}: durationMs ${c.durationMs}`);
    for (const t of [c.message, c.details, c.systemOut, c.systemErr]) {
      if (t !== undefined && (t.length > MAX_TEXT_FIELD || t.trim() === "")) problems.push(`${where}: bad text field`);
    }
    if (c.flaky && c.status !== "passed") problems.push(`${where}: flaky but ${c.status}`);
    if (!Number.isInteger(c.retries) || c.retries < 0) problems.push(`${where}: retries ${c.retries}`);
  });
  return problems;
}

if (!fs.existsSync(CORPUS)) {
  if (process.env.CI) {
    describe("JUnit corpus", () => {
      it("is present", () => {
        throw new Error(`corpus missing: ${CORPUS}`);
      });
    });
  } else {
    console.warn(`JUnit corpus not found at ${CORPUS}; skipping corpus tests`);
    describe.skip("JUnit corpus", () => {
      it("is missing", () => {});
    });
  }
} else {
  const rows = [...readTsv(path.join(CORPUS, "expected.tsv")), ...readTsv(path.join(CORPUS, "generated/expected.tsv"))];
  const rel = (f: string) => path.relative(CORPUS, f);

  describe("JUnit corpus: expected.tsv counts", () => {
    it.each(rows.filter((r) => r.counts !== "ERR").map((r) => [rel(r.file), r] as const))("%s", async (_name, row) => {
      const bytes = fs.readFileSync(row.file);
      const r = await parseJunit(bytes);
      const t = r.totals;
      expect([t.tests, t.failed, t.errored, t.skipped + t.pending]).toEqual(row.counts);
      expect(invariantProblems(r)).toEqual([]);

      // The time column is the root time (or the sum of top-level suites); blank when neither exists.
      if (row.time !== undefined) {
        if (row.time === "") expect(r.durationMs).toBeNull();
        else {
          const s = parseSeconds(row.time)!;
          const ms = row.notes.includes("nanoseconds") ? s / 1e6 : s * 1000;
          expect(r.durationMs).toBeCloseTo(ms, 2);
        }
      }
      if (row.notes.includes("DECLARED MISMATCH")) expect(r.warnings.some((w) => w.startsWith("declared "))).toBe(true);

      // Streaming in small byte pieces must not change anything.
      expect(await parseJunit(inPieces(bytes, 4093))).toEqual(r);
    });
  });

  describe("JUnit corpus: malformed/", () => {
    const files = fs.readdirSync(path.join(CORPUS, "malformed")).sort();

    it("lists an expectation for every file, and expected.tsv marks them ERR", () => {
      expect(files).toEqual(Object.keys(MALFORMED).sort());
      const errRows = rows.filter((r) => r.counts === "ERR").map((r) => rel(r.file));
      expect(errRows.sort()).toEqual(files.map((f) => `malformed/${f}`));
    });

    it.each(files)("%s is rejected", async (file) => {
      const err = await parseJunit(fs.readFileSync(path.join(CORPUS, "malformed", file))).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe(MALFORMED[file]);
      if (MALFORMED[file] === "malformed_xml") {
        expect((err as AppError).details).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
      }
    });
  });

  describe("JUnit corpus: details", () => {
    const parse = (f: string) => parseJunit(fs.readFileSync(path.join(CORPUS, f)));

    it.each(Object.entries(DIALECTS))("%s is detected as %s", async (file, dialect) => {
      expect((await parse(file)).dialect).toBe(dialect);
    });

    it("surefire: reruns and flaky passes", async () => {
      const always = await parse("surefire/TEST-AlwaysFailTest.xml");
      expect(always.cases[0]).toMatchObject({ status: "failed", retries: 3, flaky: false, message: "built to fail" });
      expect(always.cases[0].systemOut).toBe("this will fail for real");
      const flaky = await parse("surefire/TEST-FlakyTest.xml");
      expect(flaky.cases[0]).toMatchObject({ status: "passed", retries: 2, flaky: true });
      expect(flaky.cases[0].message).toBeUndefined();
    });

    it("quick-junit: flaky vs rerun vs failed-while-flaky", async () => {
      const r = await parse("rust/quick-junit-basic-report.xml");
      const byName = Object.fromEntries(r.cases.map((c) => [c.name, c]));
      expect(byName.testcase4).toMatchObject({ status: "passed", flaky: true, retries: 2 });
      expect(byName.testcase4.systemOut).toBeUndefined();
      expect(byName.testcase5).toMatchObject({ status: "failed", retries: 2, details: "main test failure description" });
      expect(byName.testcase7).toMatchObject({ status: "failed", flaky: false, retries: 2 });
      expect(byName.testcase6.properties).toEqual({ step: "foobar" });
    });

    it("nested suites: an <error> outside any testcase is a warning, not a test", async () => {
      const r = await parse("edge/nested-testsuites-3-levels.xml");
      expect(r.warnings).toContain(
        '<error> directly under testsuite "test.AutomatedTests / test.db.DatabaseTest / test.3rdlevel" (outside any testcase) was not counted as a test',
      );
      expect(r.cases.map((c) => c.suite)).toEqual(["test.AutomatedTests / test.fs.FileSystemTest", "test.AutomatedTests / test.db.DatabaseTest"]);
    });

    it("ExUnit file:line, xUnit BOM and duplicate root properties, Jenkins multi-line property", async () => {
      const ex = await parse("exunit/exunit.xml");
      expect(ex.cases[0]).toMatchObject({ file: "test/exunitexample_web/views/error_view_test.exs", line: 7 });
      const xu = await parse("xunit-converted/xunit-net-junit.xml");
      expect(xu.properties).toMatchObject({ skipped: "1", date: "2021-03-05", result: "Success" });
      const props = await parse("edge/properties-multiline.xml");
      expect(props.properties.multiline).toBe("Config line 1\n          Config line 2\n          Config line 3");
      expect(props.cases[0].properties).toEqual({ description: "description of test testCaseA" });
    });

    it("declared totals and mismatch warnings", async () => {
      const k8s = await parse("ginkgo-v1/k8s-e2e-sonobuoy-output2.xml");
      expect(k8s.declared).toEqual({ tests: 204, failures: 0 });
      expect(k8s.warnings).toEqual(["declared tests=204 but 4 testcases found", "declared failures=0 but 1 failed testcases found"]);
      const tst = await parse("tst/disabled.xml");
      expect(tst.warnings).toEqual([
        '5 testcase(s) have status="disabled" but no <skipped> element; counted by their child elements (passed)',
      ]);
    });
  });
}
