import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GATEWAY_SPECS } from "@/lib/demo/gateway-specs";
import { parseReport } from "@/lib/ingest/parse-report";
import { suggestCategory } from "@/lib/triage/suggest-category";

const failed = (message: string, extra: Partial<Parameters<typeof suggestCategory>[0]> = {}) =>
  suggestCategory({ message, details: null, failureType: null, status: "failed", ...extra });

describe("suggestCategory on the Gateway demo failures", () => {
  // the demo's intended causes; the rules are heuristics, so some specs are
  // expected to be missed: what the rules say for each is pinned here
  const results = GATEWAY_SPECS.filter((s) => s.failure).map((s) => ({ spec: s, got: failed(s.failure!.message(7)) }));

  it("finds timing, expectation, infrastructure and test-data causes in Gomega messages", () => {
    for (const { spec, got } of results) {
      if (["timing", "expectation", "infrastructure", "test_data"].includes(spec.failure!.cause)) {
        expect.soft(got.key, spec.text).toBe(spec.failure!.cause);
      }
    }
  });

  it("agrees with the intended cause for most of the 16 specs, and every reason quotes its evidence", () => {
    const agreed = results.filter((r) => r.got.key === r.spec.failure!.cause).length;
    expect(results).toHaveLength(16);
    expect(agreed).toBeGreaterThanOrEqual(13);
    for (const { got } of results) {
      expect(got.reason.length).toBeLessThanOrEqual(200);
      if (got.key !== "unanalysed") expect(got.reason).toMatch(/^(Message says ".+" \(rule: .+\)|Setup phase)/);
    }
  });

  it("says timing for a Gomega timeout even though it also prints Expected/to be", () => {
    const s = failed("[FAILED] Timed out after 30.001s.\nRemediationRequest was not created\nExpected\n    <int>: 0\nto be >=\n    <int>: 1");
    expect(s.key).toBe("timing");
    expect(s.reason).toContain("Timed out after 30.001s");
  });

  it("says infrastructure for a deadline while dialing, and product bug for 'not implemented'", () => {
    expect(failed('Post "http://gw:8080": dial tcp 10.0.0.1:8080: i/o timeout (context deadline exceeded)').key).toBe("infrastructure");
    expect(failed("Expected\n <int>: 15\nto equal\n <int>: 1\nstorm aggregation is not implemented").key).toBe("product_bug");
    expect(failed("panic: runtime error: invalid memory address or nil pointer dereference").key).toBe("product_bug");
  });
});

describe("suggestCategory on the run's phases, history and flakiness", () => {
  it("blames infrastructure when a setup phase was OOM-killed and the message says nothing else", () => {
    const s = failed("spec did not run to completion", { failedPhases: [{ name: "DataStorage image", status: "failed", attributes: { oomKills: 1 } }] });
    expect(s.key).toBe("infrastructure");
    expect(s.reason).toBe('Setup phase "DataStorage image" had 1 OOM kill in this run (rule: setup phase failed)');
  });

  it("lets people's earlier choices for the same signature beat the rules", () => {
    const s = failed("[FAILED] Timed out after 30.001s.", { history: [{ categoryKey: "infrastructure", count: 2 }, { categoryKey: "timing", count: 1 }] });
    expect(s).toMatchObject({ key: "infrastructure", rule: "history", confidence: "medium" });
    expect(s.reason).toBe("People chose Infrastructure for this failure 2 of 3 times");
  });

  it("says flaky for an unexplained failure that passed on retry, and unanalysed otherwise", () => {
    expect(failed("something odd", { flaky: true }).key).toBe("flaky");
    expect(failed("something odd")).toMatchObject({ key: "unanalysed", reason: "No rule matched; needs a person" });
    expect(suggestCategory({ message: null, details: null, failureType: null, status: "error" }).reason).toBe("No failure message; needs a person");
  });
});

// Real failure messages from other tools' reports (../shared/fixtures, read at test time).
const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/junit");

describe("suggestCategory on real failures from the fixture corpus", () => {
  const cases: [file: string, name: string, key: string][] = [
    ["ant/no-failure-message.xml", "failsTestFive", "expectation"],
    ["generated/jest-orchestrator.xml", "BR-ORCH-025", "timing"],
    ["generated/jest-orchestrator.xml", "BR-ORCH-001", "expectation"],
    ["generated/vitest-orchestrator.xml", "BR-ORCH-02", "timing"],
    ["generated/node-test-notification.xml", "BR-NOT-030", "infrastructure"],
    ["pytest/single-line-report.xml", "test_which_fails", "expectation"],
    ["pytest/single-line-report.xml", "test_with_error", "product_bug"],
    ["xunit-converted/dotnet-trx.xml", "Exception_In_TargetTest", "product_bug"],
    ["rspec/failure-with-cdata.xml", "Account#maximum_jobs", "expectation"],
    ["catch2/report.xml", "is constant evaluated", "expectation"],
    ["gradle/TEST-SuiteTwoTest.xml", "suite_two_test_four", "expectation"],
    ["cypress/cypress.xml", "displays two todo", "timing"],
    ["go-junit-report/pass-fail-skip.xml", "TestOne", "unanalysed"],
  ];
  it.each(cases)("%s: %s -> %s", async (file, name, key) => {
    const report = await parseReport(fs.readFileSync(path.join(FIXTURES, file)));
    const c = report.cases.find((x) => (x.status === "failed" || x.status === "errored") && x.name.includes(name));
    expect(c, `a failing case named like ${name}`).toBeDefined();
    const s = suggestCategory({ message: c!.message ?? null, details: c!.details ?? null, failureType: c!.failureType ?? null, status: c!.status === "errored" ? "error" : "failed" });
    expect(s.key).toBe(key);
  });
});
