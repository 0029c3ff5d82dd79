// Best-effort guess of which tool wrote a JUnit report, for display only (and
// for the two dialects whose data needs fixing up: Ginkgo v2 labels and
// container-structure-test nanoseconds). Signals are cheap: root and suite
// attributes (including their order, which each writer keeps fixed), a few
// property names, and a sample of testcases.

type Attrs = Record<string, string>;

const CASE_SAMPLE = 200;
const COMMENT_SAMPLE = 50;

// Ginkgo v2 names testcases "[<LeafNodeType>] <text>".
const GINKGO_V2_NAME = /^\[(?:It|BeforeSuite|AfterSuite|SynchronizedBeforeSuite|SynchronizedAfterSuite|ReportBeforeSuite|ReportAfterSuite|DeferCleanup[^\]]*)\] /;
// container-structure-test prefixes every test name with its test type.
const CST_NAME = /^(?:Command Test|File Existence Test|File Content Test|Metadata Test|License Test)(?::|$)/;
// node:test's junit reporter ends the document with "<!-- tests 4 -->" style summary comments.
const NODE_TEST_COMMENT = /^\s*(?:tests|suites|pass|fail|cancelled|todo|duration_ms) [\d.]+\s*$/;
const CYPRESS_FILE = /(?:^|\/)cypress\/|\.cy\.[cm]?[jt]sx?$/;
const GINKGO_V1_ROOT_KEYS = new Set(["tests,failures,time", "tests,failures,errors,time", "name,tests,failures,errors,time"]);

export class DialectSniffer {
  private rootName = "";
  private rootKeys = "";
  private rootIsSuite = false;
  private rootTime = "";
  private rootHasUuid = false;
  private suiteKeys = new Set<string>();
  private suiteNames = new Set<string>();
  private suiteHasId = false;
  private suiteHasAssertions = false;
  private suiteSurefireSchema = false;
  private cypressFile = false;
  private ginkgoSuiteProperty = false;
  private goVersion = false;
  private javaProperties = false;
  private cases = 0;
  private ginkgoV2Names = 0;
  private cstNames = 0;
  private ginkgoV1CaseKeys = 0;
  private rspecFiles = 0;
  private casesWithClassname = 0;
  private retryElements = 0;
  private comments = 0;
  private nodeTestComments = 0;

  root(name: string, attrs: Attrs): void {
    this.rootIsSuite = name === "testsuite";
    this.rootName = attrs.name ?? "";
    this.rootKeys = Object.keys(attrs).join(",");
    this.rootTime = attrs.time ?? "";
    this.rootHasUuid = "uuid" in attrs;
    if (this.rootIsSuite) this.suite(attrs);
  }

  suite(attrs: Attrs): void {
    if (this.suiteKeys.size < 20) this.suiteKeys.add(Object.keys(attrs).join(","));
    if (attrs.name !== undefined && this.suiteNames.size < 20) this.suiteNames.add(attrs.name);
    if ("id" in attrs) this.suiteHasId = true;
    if ("assertions" in attrs) this.suiteHasAssertions = true;
    const schema = attrs["xsi:noNamespaceSchemaLocation"];
    if (schema !== undefined && schema.includes("surefire")) this.suiteSurefireSchema = true;
    if (attrs.file !== undefined && CYPRESS_FILE.test(attrs.file)) this.cypressFile = true;
  }

  suiteProperty(name: string): void {
    if (name === "SuiteSucceeded" || name === "SpecialSuiteFailureReason") this.ginkgoSuiteProperty = true;
    else if (name === "go.version") this.goVersion = true;
    else if (name.startsWith("surefire.") || name.startsWith("maven.")) this.javaProperties = true;
  }

  testcase(attrs: Attrs): void {
    if (this.cases >= CASE_SAMPLE) return;
    this.cases++;
    const name = attrs.name ?? "";
    if (GINKGO_V2_NAME.test(name)) this.ginkgoV2Names++;
    if (CST_NAME.test(name)) this.cstNames++;
    if (Object.keys(attrs).join(",") === "name,classname,time") this.ginkgoV1CaseKeys++;
    if (attrs.file !== undefined && attrs.file.endsWith("_spec.rb")) this.rspecFiles++;
    if (attrs.classname) this.casesWithClassname++;
  }

  retryElement(): void {
    this.retryElements++;
  }

  comment(text: string): void {
    if (this.comments >= COMMENT_SAMPLE) return;
    this.comments++;
    if (NODE_TEST_COMMENT.test(text)) this.nodeTestComments++;
  }

  /** True when `time` values are Go time.Duration nanoseconds (container-structure-test). */
  get nanosecondTimes(): boolean {
    return this.detect() === "container-structure-test";
  }

  detect(): string {
    const allCases = (n: number) => this.cases > 0 && n === this.cases;
    const keys = (k: string) => this.suiteKeys.has(k) || this.rootKeys === k;
    const mochaLike = this.rootName === "Mocha Tests" || this.suiteNames.has("Root Suite");

    if (this.ginkgoSuiteProperty || (this.ginkgoV2Names > 0 && this.ginkgoV2Names * 2 >= this.cases)) return "ginkgo-v2";
    if (
      allCases(this.cstNames) ||
      (!this.rootIsSuite && this.rootKeys === "failures,tests,time" && /^\d+$/.test(this.rootTime))
    )
      return "container-structure-test";
    if (this.rootHasUuid || this.rootName === "nextest-run") return "nextest";
    if (this.rootKeys === "id,name,tests,failures,skipped,errors,time") return "playwright";
    if (this.rootName === "vitest tests") return "vitest";
    if (this.rootName === "jest tests" || keys("name,errors,failures,skipped,timestamp,time,tests")) return "jest-junit";
    if (this.nodeTestComments >= 2 || keys("name,time,disabled,errors,tests,failures,skipped,hostname")) return "node-test";
    if (mochaLike && this.cypressFile) return "cypress";
    if (mochaLike) return "mocha";
    if (this.goVersion) {
      for (const k of this.suiteKeys) if (k.startsWith("tests,")) return "gotestsum";
      return "go-junit-report";
    }
    if (this.suiteSurefireSchema || this.javaProperties) return "surefire";
    // Surefire and nextest both write flaky*/rerun* elements; nextest testcases have no classname.
    if (this.retryElements > 0) return this.casesWithClassname > 0 ? "surefire" : "nextest";
    if (keys("name,tests,skipped,failures,errors,timestamp,hostname,time")) return "gradle";
    if (this.suiteHasAssertions) return "phpunit";
    if ([...this.suiteNames].some((n) => /^rspec\d*$/.test(n)) || this.rspecFiles > 0) return "rspec";
    if (this.suiteNames.has("pytest")) return "pytest";
    if (this.rootIsSuite && !this.suiteHasId && GINKGO_V1_ROOT_KEYS.has(this.rootKeys) && allCases(this.ginkgoV1CaseKeys))
      return "ginkgo-v1";
    return "junit";
  }
}

/**
 * Labels Ginkgo v2 appends to JUnit testcase names: "[It] text [label1, label2]".
 * Only the final bracket group counts; k8s-style tags earlier in the text
 * ("[sig-apps] ... [Serial] ...") stay part of the name. A spec text that
 * itself ends in "[...]" is indistinguishable from labels and is read as such.
 */
export function ginkgoLabels(name: string): string[] {
  // Runs for every testcase, so cheap rejections come first and no regex
  // touches the (long) name unless it looks like Ginkgo's.
  const end = name.length - 1;
  if (end < 5 || name.charCodeAt(end) !== 0x5d /* ] */) return [];
  if (!name.startsWith("[It] ") && !GINKGO_V2_NAME.test(name)) return [];
  const open = name.lastIndexOf(" [");
  if (open < 0 || name.indexOf("[", open + 2) >= 0 || name.indexOf("]", open + 2) < end) return [];
  const labels: string[] = [];
  let start = open + 2;
  while (start < end) {
    let stop = name.indexOf(",", start);
    if (stop < 0) stop = end;
    const label = name.slice(start, stop).trim();
    if (label !== "") labels.push(label);
    start = stop + 1;
  }
  return labels;
}
