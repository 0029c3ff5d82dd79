import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GATEWAY_SPECS } from "@/lib/demo/gateway-specs";
import { parseReport } from "@/lib/ingest/parse-report";
import { MAX_REASON, suggestCategory, type SuggestionInput } from "@/lib/triage/suggest-category";

const suggest = (message: string | null, extra: Partial<SuggestionInput> = {}) =>
  suggestCategory({ message, details: null, failureType: null, status: "failed", ...extra });

const gomega = (actual: string, matcher: string, expected: string) => `[FAILED] Expected\n    ${actual}\n${matcher}\n    ${expected}`;

describe("suggestCategory on the Gateway demo failures", () => {
  // What a person triaging the demo would choose (the demo's intended cause), and
  // what the rules suggest. 07 and 08 are missing features (no rate limiting, no
  // Retry-After header) whose messages read exactly like a wrong expectation; no
  // rule can tell them apart, so people's choices (history) correct them later.
  const DEMO: [spec: string, human: string, suggested: string, rule: string, evidence: string][] = [
    ["Test 01:", "timing", "timing", "timeout", "Timed out after 30."],
    ["Test 02:", "expectation", "expectation", "assertion", "Expected <int>: 202 to equal <int>: 201"],
    ["Test 03:", "timing", "timing", "timeout", "Timed out after 20."],
    ["Test 04:", "product_bug", "product_bug", "not-implemented", "storm aggregation is not implemented"],
    ["Test 05:", "test_data", "test_data", "test-data", "failed to load fixture testdata/namespaces/production-ns.yaml"],
    ["Test 06:", "expectation", "expectation", "assertion", 'Expected <string>: "P1" to equal <string>: "P0"'],
    ["Test 07:", "product_bug", "expectation", "assertion", "Expected <int>: 201 to equal <int>: 429"],
    ["Test 08:", "product_bug", "expectation", "assertion", 'Expected <string>: "" not to be empty'],
    ["Test 09:", "expectation", "expectation", "assertion", "Expected <int>: 500 to equal <int>: 400"],
    ["Test 10:", "timing", "timing", "timeout", "Timed out after 60."],
    ["Test 11:", "expectation", "expectation", "assertion", "Expected <bool>: false to be true"],
    ["Test 12:", "infrastructure", "infrastructure", "connection", "connect: connection refused (datastorage)"],
    ["Test 13:", "test_data", "test_data", "test-data", "test config points at NodePort 30090"],
    ["Test 14:", "expectation", "expectation", "assertion", 'Expected <string>: "kubernaut-system" to equal'],
    ["Test 15:", "timing", "timing", "timeout", "Timed out after 45."],
    ["Test 17:", "expectation", "expectation", "assertion", "Expected <int>: 500 to equal <int>: 400"],
  ];
  const failing = GATEWAY_SPECS.filter((s) => s.failure);

  it("covers every failing demo spec, and the human column is the demo's intended cause", () => {
    expect(failing).toHaveLength(DEMO.length);
    for (const [prefix, human] of DEMO) {
      const spec = failing.find((s) => s.text.startsWith(prefix));
      expect(spec?.failure?.cause, prefix).toBe(human);
    }
  });

  it.each(DEMO)("%s a person would choose %s; the rules suggest %s (%s)", (prefix, _human, suggested, rule, evidence) => {
    const spec = failing.find((s) => s.text.startsWith(prefix))!;
    for (const n of [1, 7, 4242]) {
      const s = suggest(spec.failure!.message(n));
      expect(s).toMatchObject({ key: suggested, rule });
      expect(s.reason).toMatch(new RegExp(`^Message says ".+" \\(rule: ${rule}\\)$`));
      expect(s.reason).toContain(evidence);
      expect(s.reason.length).toBeLessThanOrEqual(MAX_REASON);
    }
  });

  it("agrees with the person on 14 of the 16", () => {
    const agreed = DEMO.filter(([, human, suggested]) => human === suggested);
    expect(agreed).toHaveLength(14);
  });

  it("blames the OOM-killed setup phase for every demo failure but the refused connection", () => {
    const failedPhases = [
      { name: "Phase 2: Build & deploy images", status: "failed", attributes: {} },
      { name: "DataStorage image", status: "failed", attributes: { peakMemoryMb: 4096, oomKills: 1 } },
    ];
    for (const spec of failing) {
      const s = suggest(spec.failure!.message(3), { failedPhases });
      expect(s.key, spec.text).toBe("infrastructure");
      if (spec.failure!.cause !== "infrastructure") {
        expect(s.reason).toBe('Setup phase "DataStorage image" failed with 1 OOM kill in this run (+1 more) (rule: setup-phase)');
      }
    }
  });
});

// Real failures from other tools' reports (/work/shared/fixtures/junit, see SOURCES.md there), read at test time.
const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/junit");

describe("suggestCategory on real failures from the fixture corpus", () => {
  const CASES: [file: string, testName: string, key: string, evidence: string][] = [
    // Gomega's Succeed() with an error that names no cause: a person has to look.
    ["ginkgo-v2/multi-package-failures.xml", "Should succeed, but errors", "unanalysed", ""],
    // Prints "Expected <int>: 1 to be > <int>: 1", but the cluster is too small.
    ["ginkgo-v1/k8s-e2e-sonobuoy-output2.xml", "should rollback without unnecessary restarts", "infrastructure", "needs a cluster with at least 2 nodes"],
    ["generated/jest-orchestrator.xml", "BR-ORCH-025", "timing", "Timed out after 120.000s"],
    ["generated/jest-orchestrator.xml", "BR-ORCH-001", "expectation", "expect(received).toBe(expected)"],
    ["generated/node-test-notification.xml", "BR-NOT-030", "infrastructure", "connection refused"],
    ["jest/jest-junit.xml", "Timeout test", "timing", "Async callback was not invoked within"],
    ["playwright/playwright-report.xml", "sorting by OFF FORM column", "timing", "Test timeout of 10000ms exceeded"],
    // Cypress says "Timed out retrying after 4000ms:" before every failed assertion.
    ["cypress/cypress.xml", "displays two todo items", "expectation", "expected '<li>' to have text 'Walk the cat'"],
    ["pytest/single-line-report.xml", "test_which_fails", "expectation", "assert 'test' == 'xyz'"],
    // The body quotes the test's `assert event.attr == 'test'`; the error is the AttributeError.
    ["pytest/single-line-report.xml", "test_with_error", "product_bug", "has no attribute 'attr'"],
    ["surefire/TEST-StringUtilsTest.xml", "require_fail", "expectation", "Expected: (an instance of java.lang.IllegalArgumentException"],
    ["surefire/pulsar-test-report.xml", "testVersionStrings", "expectation", "expected [1.2.1] but found [1.2.0]"],
    ["gradle/TEST-SuiteTwoTest.xml", "suite_two_test_four", "expectation", "expected:<[fals]e> but was:<[tru]e>"],
    // A Rust assertion panics; it is still an assertion.
    ["rust/cargo2junit-failed.xml", "fails", "expectation", "assertion failed: `(left == right)`"],
    ["xunit-converted/dotnet-trx.xml", "Exception_In_TargetTest", "product_bug", "DivideByZeroException"],
    ["go-junit-report/pass-fail-skip.xml", "TestOne", "unanalysed", ""],
  ];

  it.each(CASES)("%s: %s -> %s", async (file, testName, key, evidence) => {
    const report = await parseReport(fs.readFileSync(path.join(FIXTURES, file)));
    const c = report.cases.find((x) => (x.status === "failed" || x.status === "errored") && x.name.includes(testName));
    expect(c, `a failing case named like "${testName}"`).toBeDefined();
    const s = suggestCategory({
      message: c!.message ?? null, details: c!.details ?? null, failureType: c!.failureType ?? null,
      status: c!.status === "errored" ? "error" : "failed",
    });
    expect(s.key).toBe(key);
    if (key === "unanalysed") expect(s.reason).toBe("No rule matched; needs a person");
    else expect(s.reason).toContain(evidence);
    expect(s.reason.length).toBeLessThanOrEqual(MAX_REASON);
  });
});

describe("suggestCategory rules and their precedence", () => {
  const RULES: [what: string, input: Partial<SuggestionInput> & { message: string | null }, key: string, rule: string][] = [
    // infrastructure
    ["DNS failure", { message: 'Get "https://gw:8443/healthz": dial tcp: lookup gw on 10.96.0.10:53: no such host' }, "infrastructure", "connection"],
    ["a connection exception as the failure type of an error", { message: null, failureType: "java.net.ConnectException", status: "error" }, "infrastructure", "connection"],
    ["a deadline while dialing (not timing)", { message: "failed to dial gateway: context deadline exceeded" }, "infrastructure", "connect-timeout"],
    ["image pull", { message: 'Back-off pulling image "ghcr.io/acme/gateway:pr-12": ErrImagePull' }, "infrastructure", "cluster"],
    ["OOMKilled pod", { message: "container gateway in pod gateway-5d9f7c-x2x4z terminated: OOMKilled (exit code 137)" }, "infrastructure", "cluster"],
    ["unschedulable pod", { message: "0/1 nodes are available: 1 Insufficient memory." }, "infrastructure", "cluster"],
    ["disk full", { message: "write /var/lib/postgresql/data/base/16384: no space left on device" }, "infrastructure", "disk-full"],
    ["certificate", { message: 'Post "https://gateway:8443/api/v1/signals": tls: failed to verify certificate: x509: certificate signed by unknown authority' }, "infrastructure", "certificate"],
    ["proxy page", { message: "unexpected response: <html><head><title>502 Bad Gateway</title></head></html>" }, "infrastructure", "proxy-5xx"],
    ["503 received where 200 was expected", { message: gomega("<int>: 503", "to equal", "<int>: 200") }, "infrastructure", "proxy-5xx"],
    ["kind", { message: "ERROR: failed to create cluster: failed to init node with kubeadm: command \"docker exec\" failed" }, "infrastructure", "tooling"],
    ["docker daemon", { message: "docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" }, "infrastructure", "tooling"],
    // timing
    ["Gomega Eventually waiting for a status code (not expectation)", { message: `[FAILED] Timed out after 10.001s.\n${gomega("<int>: 500", "to equal", "<int>: 200")}` }, "timing", "timeout"],
    ["Gomega Consistently", { message: `[FAILED] Failed after 5.002s.\n${gomega("<bool>: false", "to be true", "")}` }, "timing", "timeout"],
    ["Mocha", { message: 'Error: Timeout of 2000ms exceeded. For async tests and hooks, ensure "done()" is called' }, "timing", "timeout"],
    ["Jest", { message: 'thrown: "Exceeded timeout of 5000 ms for a test."' }, "timing", "timeout"],
    ["Playwright locator", { message: "TimeoutError: locator.click: Timeout 30000ms exceeded." }, "timing", "timeout"],
    ["pytest-timeout", { message: "Failed: Timeout >300.0s" }, "timing", "timeout"],
    ["go test's own time-out panics (not a crash)", { message: "panic: test timed out after 10m0s\nrunning tests:\n\tTestGateway (10m0s)" }, "timing", "timeout"],
    ["Cypress waiting for an element", { message: "Timed out retrying after 4000ms: Expected to find element: `.todo-list li`, but never found it." }, "timing", "timeout"],
    ["a bare deadline", { message: "rpc error: context deadline exceeded" }, "timing", "timeout-word"],
    // product bug named by the message
    ["gRPC Unimplemented", { message: "rpc error: code = Unimplemented desc = method Ack not found" }, "product_bug", "not-implemented"],
    ["501 received", { message: gomega("<int>: 501", "to equal", "<int>: 202") }, "product_bug", "not-implemented"],
    // test data
    ["Gomega BeNil on a missing fixture (not expectation)", { message: gomega("<*fs.PathError | 0xc0001a2b40>: open testdata/alerts/firing.json: no such file or directory", "to be nil", "") }, "test_data", "test-data"],
    ["YAML", { message: "error converting YAML to JSON: yaml: line 12: mapping values are not allowed in this context" }, "test_data", "test-data"],
    ["JSON", { message: "json: cannot unmarshal string into Go struct field Config.port of type int" }, "test_data", "test-data"],
    ["leftover namespace", { message: 'namespaces "gateway-e2e" already exists' }, "test_data", "test-data"],
    ["missing env", { message: "required environment variable GATEWAY_URL is not set" }, "test_data", "test-data"],
    ["a go test panicking on a missing file (not a crash)", { message: "panic: open testdata/config.yaml: no such file or directory" }, "test_data", "test-data"],
    // expectation
    ["200 received where 503 was expected", { message: gomega("<int>: 200", "to equal", "<int>: 503") }, "expectation", "assertion"],
    ["JUnit", { message: "expected:<201> but was:<500>", failureType: "org.opentest4j.AssertionFailedError" }, "expectation", "assertion"],
    ["testify", { message: "Error Trace:\tgateway_test.go:42\n\tError:      \tNot equal: \n\t            \texpected: 201\n\t            \tactual  : 500" }, "expectation", "assertion"],
    ["Catch2", { message: "REQUIRE( v == 1 ) with expansion: 0 == 1" }, "expectation", "assertion"],
    ["plain go test", { message: "gateway_test.go:31: got 500, want 201" }, "expectation", "assertion"],
    ["bare pytest assert", { message: "assert 500 == 201" }, "expectation", "assertion"],
    ["Rust assert (panics, but is an assertion)", { message: "thread 'dedup' panicked at src/lib.rs:10:9:\nassertion `left == right` failed\n  left: 2\n right: 1" }, "expectation", "assertion"],
    // crashes
    ["Go nil dereference", { message: "[PANICKED] Test Panicked\nruntime error: invalid memory address or nil pointer dereference" }, "product_bug", "crash"],
    ["JS undefined", { message: "TypeError: Cannot read properties of undefined (reading 'status')" }, "product_bug", "crash"],
    ["NPE as the type of an error", { message: null, failureType: "java.lang.NullPointerException", status: "error" }, "product_bug", "crash"],
  ];

  it.each(RULES)("%s", (_what, input, key, rule) => {
    const s = suggest(input.message, input);
    expect({ key: s.key, rule: s.rule }).toEqual({ key, rule });
    expect(s.reason).toMatch(/^(Message says|Failure type is|Details say) ".+" \(rule: [a-z0-9-]+\)$/);
    expect(s.reason.length).toBeLessThanOrEqual(MAX_REASON);
  });

  it("quotes Gomega's values from the lines after the match", () => {
    expect(suggest(gomega("<int>: 503", "to equal", "<int>: 200")).reason).toBe('Message says "Expected <int>: 503 to equal <int>: 200" (rule: proxy-5xx)');
  });

  it("reads loose words in the message only, not in a body that quotes source code", () => {
    const body = "def test_ack(client):\n>       r = client.post(url, timeout=5)\n>       assert r.status == 202";
    expect(suggest("Failed", { details: body }).key).toBe("unanalysed");
    expect(suggest(null, { details: "rpc error: context deadline exceeded" }).key).toBe("timing");
  });

  it("does not take a node stack frame for a Catch2 REQUIRE", () => {
    expect(suggest("Error: Some error", { details: "at Module.require (node:internal/modules/cjs/loader:1100:19)" }).key).toBe("unanalysed");
  });

  it("quotes the evidence without colour codes, and stays short on huge messages", () => {
    const s = suggest("\u001b[1m\u001b[38;5;9m[FAILED] Timed out after 5.000s.\u001b[0m\nExpected\n    <int>: 0\nto be >=\n    <int>: 1");
    expect(s.reason).toBe('Message says "Timed out after 5.000s." (rule: timeout)');
    const huge = suggest(`${"x".repeat(40_000)} dial tcp 10.0.0.1:8080: connect: connection refused ${"y".repeat(40_000)}`);
    expect(huge.key).toBe("unanalysed"); // past the scanned head
    const long = suggest(`dial tcp 10.0.0.1:8080: connect: connection refused ${"y".repeat(40_000)}`);
    expect(long.key).toBe("infrastructure");
    expect(long.reason.length).toBeLessThanOrEqual(MAX_REASON);
  });

  it("stays fast on a pathological 64 KB message", () => {
    const started = performance.now();
    suggest("expected ".repeat(7_000), { details: "Expected\n".repeat(7_000) });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("suggestCategory on the run's setup phases", () => {
  const timedOut = "[FAILED] Timed out after 30.001s.";

  it("blames a failed or OOM-killed setup phase before the message rules", () => {
    expect(suggest(timedOut, { failedPhases: [{ name: "Phase 1: Kind cluster + CRDs + namespace", status: "failed" }] })).toEqual({
      key: "infrastructure", rule: "setup-phase", confidence: "medium",
      reason: 'Setup phase "Phase 1: Kind cluster + CRDs + namespace" failed in this run (rule: setup-phase)',
    });
    expect(suggest(timedOut, { failedPhases: [{ name: "Gateway image", status: "passed", attributes: { oomKills: 2 } }] }).reason).toBe(
      'Setup phase "Gateway image" had 2 OOM kills in this run (rule: setup-phase)',
    );
  });

  it("lets an infrastructure message speak for itself", () => {
    const s = suggest("dial tcp 10.96.1.2:8080: connect: connection refused", { failedPhases: [{ name: "DataStorage image", status: "failed" }] });
    expect(s.rule).toBe("connection");
  });

  it("ignores a failed test step (it fails whenever a spec does) and healthy phases", () => {
    expect(suggest(timedOut, { failedPhases: [{ name: "Run E2E tests", status: "failed", attributes: null }] }).key).toBe("timing");
    expect(suggest(timedOut, { failedPhases: [{ name: "Gateway image", status: "passed", attributes: { oomKills: 0 } }] }).key).toBe("timing");
    expect(suggest(timedOut, { failedPhases: [{ name: "E2E cluster setup", status: "failed" }] }).key).toBe("infrastructure");
  });
});

describe("suggestCategory with people's earlier choices", () => {
  it("lets history beat every rule, the setup phases and flakiness", () => {
    const s = suggest("[FAILED] Timed out after 30.001s.", {
      history: [{ categoryKey: "infrastructure", count: 2 }, { categoryKey: "timing", count: 1 }],
      failedPhases: [{ name: "DataStorage image", status: "failed" }], flaky: true,
    });
    expect(s).toEqual({ key: "infrastructure", rule: "history", confidence: "medium", reason: "People chose Infrastructure for this failure 2 of 3 times" });
  });

  it("is sure when people agreed", () => {
    expect(suggest("dial tcp: connection refused", { history: [{ categoryKey: "timing", count: 3 }] })).toEqual({
      key: "timing", rule: "history", confidence: "high", reason: "People chose Test timing for this failure 3 of 3 times",
    });
    expect(suggest("anything", { history: [{ categoryKey: "test_data", count: 1 }] })).toMatchObject({
      key: "test_data", confidence: "medium", reason: "People chose Test data / config for this failure 1 of 1 time",
    });
  });

  it("breaks ties by category order, passes a project's own key through, and ignores non-choices", () => {
    expect(suggest("anything", { history: [{ categoryKey: "flaky", count: 2 }, { categoryKey: "timing", count: 2 }] })).toMatchObject({
      key: "timing", confidence: "medium", reason: "People chose Test timing for this failure 2 of 4 times (tied with Flaky)",
    });
    expect(suggest("anything", { history: [{ categoryKey: "vendor_outage", count: 4 }] })).toMatchObject({
      key: "vendor_outage", reason: "People chose vendor_outage for this failure 4 of 4 times",
    });
    const ignored = suggest("[FAILED] Timed out after 1.000s.", { history: [{ categoryKey: "unanalysed", count: 5 }, { categoryKey: "expectation", count: 0 }] });
    expect(ignored).toMatchObject({ key: "timing", rule: "timeout" });
  });
});

describe("suggestCategory when nothing matches", () => {
  it("says unanalysed for an unknown message, an empty one, or an error without a known cause", () => {
    const expected = { key: "unanalysed", rule: "none", confidence: "low", reason: "No rule matched; needs a person" };
    expect(suggest("the frobnicator returned a surprising quux")).toEqual(expected);
    expect(suggest(null)).toEqual(expected);
    expect(suggest("Error: Some error", { status: "error", failureType: "Error", details: "at Object.throwError (lib/main.js:2:9)" })).toEqual(expected);
  });

  it("says flaky for an unexplained failure that passed on retry, but a message rule still comes first", () => {
    expect(suggest("the frobnicator returned a surprising quux", { flaky: true })).toMatchObject({ key: "flaky", rule: "flaky", confidence: "low" });
    expect(suggest("[FAILED] Timed out after 30.001s.", { flaky: true }).key).toBe("timing");
  });
});
