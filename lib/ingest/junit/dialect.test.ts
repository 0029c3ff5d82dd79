import { describe, expect, it } from "vitest";
import { ginkgoLabels } from "./dialect";
import { parseJunit } from "./parse-junit";

describe("ginkgoLabels", () => {
  it("reads labels only from the final bracket group of a Ginkgo name", () => {
    expect(ginkgoLabels("[It] a [b] c [x, y ,z]")).toEqual(["x", "y", "z"]);
    expect(ginkgoLabels("[It] Test 17: Error Response Codes (BR-GATEWAY-101, BR-GATEWAY-043) should return 400")).toEqual([]);
    expect(ginkgoLabels("TestFoo [x]")).toEqual([]);
    expect(ginkgoLabels("[BeforeSuite] [setup]")).toEqual(["setup"]);
  });
});

describe("dialect detection", () => {
  it.each([
    ['<testsuites name="jest tests" tests="1"><testsuite name="a.test.js"><testcase classname="A" name="x"/></testsuite></testsuites>', "jest-junit"],
    ['<testsuites name="vitest tests"><testsuite name="a.test.ts"><testcase classname="a" name="x"/></testsuite></testsuites>', "vitest"],
    ['<testsuites id="" name="" tests="1" failures="0" skipped="0" errors="0" time="1"><testsuite name="a.spec.ts"><testcase name="x"/></testsuite></testsuites>', "playwright"],
    ['<testsuite name="T" tests="1" skipped="0" failures="0" errors="0" timestamp="t" hostname="h" time="1"><testcase name="x" classname="T"/></testsuite>', "gradle"],
    ['<testsuites><testsuite name="pkg" id="0"><properties><property name="go.version" value="go1.22"/></properties><testcase name="TestX"/></testsuite></testsuites>', "go-junit-report"],
    ['<testsuites><testsuite tests="1" failures="0" time="0" name="pkg"><properties><property name="go.version" value="go1.22"/></properties><testcase name="TestX"/></testsuite></testsuites>', "gotestsum"],
    ['<testsuites><testsuite name="pytest" tests="1"><testcase classname="t" name="test_x"/></testsuite></testsuites>', "pytest"],
    ['<testsuites name="Mocha Tests"><testsuite name="Root Suite"/><testsuite name="d"><testcase name="x"/></testsuite></testsuites>', "mocha"],
    ['<testsuites><testsuite name="s"><testcase name="[It] works"/></testsuite></testsuites>', "ginkgo-v2"],
    ['<testsuites><testsuite name="s"><testcase name="plain" classname="c"/></testsuite></testsuites>', "junit"],
  ])("%s -> %s", async (doc, dialect) => {
    expect((await parseJunit(doc)).dialect).toBe(dialect);
  });
});
