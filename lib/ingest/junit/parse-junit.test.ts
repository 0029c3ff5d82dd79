// parseJunit on report content: dialects, outcomes, structure and times (input handling and rejections: parse-junit-input.test.ts).
import { describe, expect, it } from "vitest";
import { parseJunit } from "./parse-junit";

// A trimmed Ginkgo v2 --junit-report for a Gateway E2E suite.
const GATEWAY = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="4" disabled="0" errors="0" failures="1" time="12.5">
  <testsuite name="Gateway E2E Suite" package="/src/test/e2e/gateway" tests="4" disabled="0" skipped="1" errors="0" failures="1" time="12.5" timestamp="2025-01-02T10:00:00">
    <properties>
      <property name="SuiteSucceeded" value="false"></property>
      <property name="RandomSeed" value="1735812000"></property>
    </properties>
    <testcase name="[It] Test 17: Error Response Codes (BR-GATEWAY-101, BR-GATEWAY-043) HTTP Error Response Validation should return 400" classname="Gateway E2E Suite" status="passed" time="1.5"></testcase>
    <testcase name="[It] Test 17: Error Response Codes (BR-GATEWAY-101, BR-GATEWAY-043) HTTP Error Response Validation should return 503 when the backend is down [e2e, slow]" classname="Gateway E2E Suite" status="failed" time="30.25">
      <failure message="Expected&#xA;    &lt;int&gt;: 500&#xA;to equal&#xA;    &lt;int&gt;: 503" type="failed">[FAILED] Expected
    &lt;int&gt;: 500
to equal
    &lt;int&gt;: 503
In [It] at: /src/test/e2e/gateway/errors_test.go:88 @ 01/02/25 10:00:31.5</failure>
      <system-err>&gt; Enter [It] should return 503 - /src/test/e2e/gateway/errors_test.go:80</system-err>
    </testcase>
    <testcase name="[It] Test 18: Rate limiting (BR-GATEWAY-077) should throttle [e2e]" classname="Gateway E2E Suite" status="pending" time="0">
      <skipped message="pending"></skipped>
    </testcase>
    <testcase name="[It] Test 19: Auth should reject expired tokens" classname="Gateway E2E Suite" status="skipped" time="0">
      <skipped message="skipped - label filter"></skipped>
    </testcase>
  </testsuite>
</testsuites>`;

describe("parseJunit: Ginkgo v2 report", () => {
  it("parses cases, labels, statuses and suite properties", async () => {
    const r = await parseJunit(GATEWAY);
    expect(r.format).toBe("junit");
    expect(r.dialect).toBe("ginkgo-v2");
    expect(r.totals).toEqual({ tests: 4, passed: 1, failed: 1, errored: 0, skipped: 1, pending: 1 });
    expect(r.declared).toEqual({ tests: 4, failures: 1, errors: 0 });
    expect(r.warnings).toEqual([]);
    expect(r.durationMs).toBe(12500);
    expect(r.properties).toEqual({ SuiteSucceeded: "false", RandomSeed: "1735812000" });

    const [ok, failed, pending] = r.cases;
    expect(ok).toEqual({
      suite: "Gateway E2E Suite",
      classname: "Gateway E2E Suite",
      name: "[It] Test 17: Error Response Codes (BR-GATEWAY-101, BR-GATEWAY-043) HTTP Error Response Validation should return 400",
      status: "passed",
      durationMs: 1500,
      retries: 0,
      flaky: false,
      properties: {},
      labels: [],
    });
    expect(failed.status).toBe("failed");
    expect(failed.labels).toEqual(["e2e", "slow"]);
    expect(failed.durationMs).toBe(30250);
    expect(failed.message).toBe("Expected\n    <int>: 500\nto equal\n    <int>: 503");
    expect(failed.details).toMatch(/^\[FAILED\] Expected\n {4}<int>: 500\n/);
    expect(failed.details).toMatch(/errors_test\.go:88 @ 01\/02\/25 10:00:31\.5$/);
    expect(failed.failureType).toBe("failed");
    expect(failed.systemErr).toBe("> Enter [It] should return 503 - /src/test/e2e/gateway/errors_test.go:80");
    expect(pending.status).toBe("pending");
    expect(pending.message).toBe("pending");
  });
});

describe("parseJunit: outcomes", () => {
  it("applies error > failure > skipped and takes message from the winning element", async () => {
    const r = await parseJunit(`<testsuite name="s">
      <testcase name="all"><skipped message="s"/><failure message="f">F body</failure><error type="E">
        first error line
        second</error></testcase>
      <testcase name="fs"><failure message="f" type="T"/><skipped/></testcase>
      <testcase name="sk"><skipped>why
      not</skipped></testcase>
      <testcase name="empty-msg"><failure message="  ">  \n  body line\nmore</failure></testcase>
      <testcase name="ok" status="run"/>
    </testsuite>`);
    expect(r.cases.map((c) => c.status)).toEqual(["errored", "failed", "skipped", "failed", "passed"]);
    expect(r.cases[0]).toMatchObject({ message: "first error line", details: "first error line\n        second", failureType: "E" });
    expect(r.cases[1]).toMatchObject({ message: "f", failureType: "T" });
    expect(r.cases[1].details).toBeUndefined();
    expect(r.cases[2]).toMatchObject({ message: "why", details: "why\n      not" });
    expect(r.cases[3]).toMatchObject({ message: "body line", details: "body line\nmore" });
  });

  it("handles Surefire flakyFailure / rerunFailure without leaking their text", async () => {
    const r = await parseJunit(`<testsuite name="com.example.FlakyTest">
      <testcase name="flaky" classname="com.example.FlakyTest" time="0.5">
        <flakyFailure message="first try" type="java.lang.AssertionError"><stackTrace>at Flaky.java:1</stackTrace>
          <system-out>attempt 1 out</system-out><system-err>attempt 1 err</system-err></flakyFailure>
        <flakyError message="second try"><stackTrace>boom</stackTrace></flakyError>
        <system-out>final out</system-out>
      </testcase>
      <testcase name="broken" classname="com.example.FlakyTest" time="0.1">
        <failure message="built to fail" type="junit.framework.AssertionFailedError">main trace</failure>
        <system-out>main out</system-out>
        <rerunFailure message="again"><stackTrace>rerun trace</stackTrace><system-out>rerun out</system-out></rerunFailure>
        <rerunError message="again2"/>
      </testcase>
    </testsuite>`);
    const [flaky, broken] = r.cases;
    expect(flaky).toMatchObject({ status: "passed", flaky: true, retries: 2, systemOut: "final out" });
    expect(flaky.message).toBeUndefined();
    expect(flaky.details).toBeUndefined();
    expect(flaky.systemErr).toBeUndefined();
    expect(broken).toMatchObject({ status: "failed", flaky: false, retries: 2, message: "built to fail", details: "main trace", systemOut: "main out" });
    expect(r.dialect).toBe("surefire");
  });

  it("counts status='disabled' without <skipped> as passed and says so", async () => {
    const r = await parseJunit(`<testsuites><testsuite name="t">
      <testcase name="a" status='disabled'/><testcase name="b" status="disabled"/><testcase name="c" status="passed"/>
    </testsuite></testsuites>`);
    expect(r.totals.passed).toBe(3);
    expect(r.warnings).toEqual(['2 testcase(s) have status="disabled" but no <skipped> element; counted by their child elements (passed)']);
  });
});

describe("parseJunit: structure", () => {
  it("builds suite paths from nested named suites and warns about results outside testcases", async () => {
    const r = await parseJunit(`<testsuites name="all" tests="186">
      <testsuite name="outer" time="4.5">
        <testsuite><testsuite name="inner"><testcase name="deep"/></testsuite></testsuite>
        <testsuite name="db" tests="1" errors="1"><error message="setup failed">trace</error></testsuite>
        <testcase name="direct"/>
      </testsuite>
      <testcase name="no suite"/>
    </testsuites>`);
    expect(r.cases.map((c) => [c.suite, c.name])).toEqual([
      ["outer / inner", "deep"],
      ["outer", "direct"],
      ["", "no suite"],
    ]);
    expect(r.declared).toEqual({ tests: 186 });
    expect(r.durationMs).toBe(4500);
    expect(r.warnings).toEqual([
      "declared tests=186 but 3 testcases found",
      '<error> directly under testsuite "outer / db" (outside any testcase) was not counted as a test',
    ]);
  });

  it("reads testsuites wrapped in another testsuites (merged reports)", async () => {
    const r = await parseJunit(`<testsuites><testsuites name="run 1"><testsuite name="a"><testcase name="x"/></testsuite></testsuites>
      <testsuites><testsuite name="b"><testcase name="y"><failure/></testcase></testsuite></testsuites></testsuites>`);
    expect(r.cases.map((c) => [c.suite, c.name, c.status])).toEqual([
      ["a", "x", "passed"],
      ["b", "y", "failed"],
    ]);
  });

  it("sums declared totals over top-level suites when the root declares none", async () => {
    const r = await parseJunit(`<testsuites>
      <testsuite name="a" tests="3" failures="1" skips="1" time="1,5"><testcase name="x"/></testsuite>
      <testsuite name="b" tests="2" failures="0" time="2"><testsuite name="nested" tests="50" time="99"/></testsuite>
    </testsuites>`);
    expect(r.declared).toEqual({ tests: 5, failures: 1, skipped: 1 });
    expect(r.durationMs).toBe(3500);
    expect(r.warnings).toEqual([
      "declared tests=5 but 1 testcases found",
      "declared failures=1 but 0 failed testcases found",
      "declared skipped=1 but 0 skipped testcases found",
    ]);
  });

  it("collects properties: report level first wins, testcase level joined with newlines", async () => {
    const r = await parseJunit(`<testsuites>
      <properties><property name="date" value="2021-03-05"/><property name="__proto__" value="x"/></properties>
      <testsuite name="s">
        <properties><property name="date" value="later"/><property name="multi">
            line 1
            line 2
        </property></properties>
        <testcase name="c" file="test/foo_test.exs:12">
          <failure message="m"/>
          <properties><property name="tag" value="a"/><property name="tag" value="b"/><property name="text">described</property></properties>
        </testcase>
        <testcase name="d" file="C:\\src\\a.cs" line="7"/>
      </testsuite>
    </testsuites>`);
    expect(r.properties).toEqual({ date: "2021-03-05", ["__proto__"]: "x", multi: "line 1\n            line 2" });
    expect(Object.getPrototypeOf(r.properties)).toBe(Object.prototype);
    expect(r.cases[0].properties).toEqual({ tag: "a\nb", text: "described" });
    expect(r.cases[0]).toMatchObject({ file: "test/foo_test.exs", line: 12 });
    expect(r.cases[1]).toMatchObject({ file: "C:\\src\\a.cs", line: 7 });
  });

  it("caps the number of report-level properties", async () => {
    const props = Array.from({ length: 1005 }, (_, i) => `<property name="p${i}" value="v"/>`).join("");
    const r = await parseJunit(`<testsuite><properties>${props}</properties><testcase name="a"/></testsuite>`);
    expect(Object.keys(r.properties)).toHaveLength(1000);
    expect(r.warnings).toEqual(["5 report-level property entries beyond the first 1000 names were dropped"]);
  });

  it("decodes predefined entities, character references and CDATA", async () => {
    const r = await parseJunit(`<testsuite><testcase name="&quot;q&quot; &amp; &lt;&#x41;&#66;&gt; 😀">
      <failure><![CDATA[<raw> & ]]>text &apos;<![CDATA[ more]]></failure></testcase></testsuite>`);
    expect(r.cases[0].name).toBe('"q" & <AB> 😀');
    expect(r.cases[0].details).toBe("<raw> & text ' more");
  });

  it("reads container-structure-test nanosecond times", async () => {
    const r = await parseJunit(`<testsuites failures="0" tests="2" time="1967986371"><testsuite>
      <testcase name="Command Test: apt-get upgrade" time="999638317"></testcase>
      <testcase name="Metadata Test" time="0"></testcase></testsuite></testsuites>`);
    expect(r.dialect).toBe("container-structure-test");
    expect(r.durationMs).toBeCloseTo(1967.986371, 6);
    expect(r.cases.map((c) => c.durationMs)).toEqual([999.638317, 0]);
  });

  it("drops implausibly long times elsewhere", async () => {
    const r = await parseJunit(`<testsuite name="s" time="999638317"><testcase name="a" time="999638317"/></testsuite>`);
    expect(r.durationMs).toBeNull();
    expect(r.cases[0].durationMs).toBeNull();
    expect(r.warnings).toContain("2 time value(s) longer than 30 days were treated as missing");
  });
});

describe("parseJunit: times", () => {
  it("turns times into durationMs on cases", async () => {
    const r = await parseJunit(`<testsuite><testcase name="a" time="1,5"/><testcase name="b" time="-3"/>
      <testcase name="c"/><testcase name="d" duration="0.25"/><testcase name="e" time="0.1234567"/></testsuite>`);
    expect(r.cases.map((c) => c.durationMs)).toEqual([1500, null, null, 250, 123.457]);
    expect(r.warnings).toEqual(["1 testcase time value(s) were negative or unparsable and were treated as missing"]);
  });
});

