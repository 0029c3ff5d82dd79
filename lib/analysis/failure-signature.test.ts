import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { failureSignature, SIGNATURE_LENGTH } from "./failure-signature";

const norm = (message: string | undefined, details?: string) => failureSignature(message, details).normalized;
const hash = (message: string | undefined, details?: string) => failureSignature(message, details).hash;

describe("failureSignature: normalization", () => {
  it.each<[string, string]>([
    ["Expected\n    <int>: 503\nto equal\n    <int>: 201", "Expected <int>: 503 to equal <int>: 201"],
    ["Timed out after 30.001s.\nExpected\n    <bool>: false\nto be true", "Timed out after <duration>. Expected <bool>: false to be true"],
    [
      'Post "http://10.96.12.4:8080/api/v1/signals": dial tcp 10.96.12.4:8080: connect: connection refused',
      'Post "http://<ip>:<port>/api/v1/signals": dial tcp <ip>:<port>: connect: connection refused',
    ],
    [
      'Get "https://[fd00:10:96::1]:8443/healthz": dial tcp [fd00:10:96::1]:8443: i/o timeout',
      'Get "https://[<ip>]:<port>/healthz": dial tcp [<ip>]:<port>: i/o timeout',
    ],
    ['Get "http://gateway.e2e.svc:8080/ready": EOF', 'Get "http://gateway.e2e.svc:<port>/ready": EOF'],
    ["pod gateway-7d9f8b6c5d-x2x4q is not ready after 5m0s", "pod gateway-<id> is not ready after <duration>"],
    ["namespace e2e-gw-x7k2p still terminating", "namespace e2e-gw-<id> still terminating"],
    [
      'Unexpected error:\n    <*url.Error | 0xc000123abc>: {Op: "Post"}\n    /home/runner/work/gw/test/e2e/gateway/errors_test.go:57 +0x1a5',
      'Unexpected error: <*url.Error | <addr>>: {Op: "Post"} errors_test.go',
    ],
    ["[FAILED] in [It] - /src/test/e2e/errors_test.go:57 @ 01/02/25 10:00:00.123", "[FAILED] in [It] - errors_test.go @ <time>"],
    ["at C:\\work\\gw\\helpers.go:12", "at helpers.go"],
    ["open /tmp/ginkgo123456/kubeconfig: no such file or directory", "open <tmp>: no such file or directory"],
    ["id 550e8400-e29b-41d4-a716-446655440000 trace 4bf92f3577b34da6a3ce929d0e0e4736", "id <uuid> trace <id>"],
    ["at 2025-01-02T10:00:00.123456789+01:00 and 2025-01-02 10:00:00", "at <time> and <time>"],
    ["started 2025-01-02 10:00:00.5 +0000 UTC m=+0.501, took 250ms", "started <time>, took <duration>"],
    ['token "eyJhbGciOiJIUzI1NiJ9x7Q2" rejected', 'token "<id>" rejected'],
    ['Expected\n    <string>: "GatewayConfigurationV2"\nto equal\n    <string>: "api/v1/signals"', 'Expected <string>: "GatewayConfigurationV2" to equal <string>: "api/v1/signals"'],
    ["3 of 5 replicas ready, HTTP/1.1, v1.2.3, k8s, e2e", "<id> of <id> replicas ready, HTTP/<id>, v1.2.3, k8s, e2e"],
    ["\u001b[1m\u001b[38;5;9mExpected\u001b[0m success", "Expected success"],
  ])("%j", (message, expected) => {
    expect(norm(message)).toBe(expected);
  });

  it("keeps HTTP-status-like numbers, since 503 and 404 are different failures", () => {
    expect(hash("Expected\n    <int>: 503\nto equal\n    <int>: 201")).not.toBe(hash("Expected\n    <int>: 404\nto equal\n    <int>: 201"));
  });

  it("uses the first ten lines of the message, else of the details", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line${String.fromCharCode(97 + i)}`);
    expect(norm(lines.join("\n"))).toBe(lines.slice(0, 10).join(" "));
    expect(norm(undefined, "panic: boom\ngoroutine 7 [running]:")).toBe("panic: boom goroutine <id> [running]:");
    expect(norm("   ", "details win")).toBe("details win");
    expect(norm("message wins", "details")).toBe("message wins");
    expect(failureSignature(undefined)).toEqual({ signature: "", normalized: "", hash: hash("") });
  });

  it("cuts the display signature to 200 characters, hashing the whole normalized text", () => {
    const long = "x".repeat(150) + " " + "y".repeat(150);
    const s = failureSignature(long);
    expect(s.signature).toHaveLength(SIGNATURE_LENGTH);
    expect(s.signature.endsWith("…")).toBe(true);
    expect(s.normalized).toBe(long);
    expect(s.hash).not.toBe(failureSignature("x".repeat(150) + " " + "z".repeat(150)).hash);
    expect(s.hash).toMatch(/^v2:[0-9a-f]{16}$/);
  });
});

describe("failureSignature: grouping", () => {
  it.each<[string, string]>([
    [
      'Post "http://10.96.12.4:8080/api/v1/signals": dial tcp 10.96.12.4:8080: connect: connection refused',
      'Post "http://10.244.3.17:31080/api/v1/signals": dial tcp 10.244.3.17:31080: connect: connection refused',
    ],
    [
      "Timed out after 30.001s.\nExpected\n    <int>: 503\nto equal\n    <int>: 201",
      "Timed out after 30.154s.\nExpected\n    <int>: 503\nto equal\n    <int>: 201",
    ],
    [
      "pod gateway-7d9f8b6c5d-x2x4q not ready: container restarted 3 times\n  /home/ci/a/gw/test/e2e/pods_test.go:88",
      "pod gateway-5c6b9f7d48-q8zlm not ready: container restarted 4 times\n  /Users/dev/gw/test/e2e/pods_test.go:91",
    ],
    [
      "Unexpected error:\n    <*errors.errorString | 0xc000123abc>: {s: \"context deadline exceeded\"}",
      "Unexpected error:\n    <*errors.errorString | 0xc0004f1e20>: {s: \"context deadline exceeded\"}",
    ],
    [
      "signal 550e8400-e29b-41d4-a716-446655440000 not found at 2025-01-02T10:00:00Z",
      "signal 6ba7b810-9dad-11d1-80b4-00c04fd430c8 not found at 2025-03-04T22:13:09.5Z",
    ],
  ])("same failure in different runs: %j", (a, b) => {
    expect(norm(a)).toBe(norm(b));
    expect(hash(a)).toBe(hash(b));
  });

  it.each<[string, string]>([
    ["Expected\n    <int>: 503\nto equal\n    <int>: 201", "Expected\n    <string>: \"pending\"\nto equal\n    <string>: \"processed\""],
    ["dial tcp 10.96.12.4:8080: connect: connection refused", "dial tcp 10.96.12.4:8080: i/o timeout"],
    ["Expected\n    <bool>: false\nto be true", "Expected\n    <bool>: true\nto be false"],
    ["at errors_test.go:57", "at dedup_test.go:57"],
  ])("different failures: %j vs %j", (a, b) => {
    expect(hash(a)).not.toBe(hash(b));
  });
});

describe("failureSignature: properties", () => {
  const noisy = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.array(fc.constantFrom("Expected", "<int>:", "10.0.0.1:80", "0xc00012", "gateway-7d9f8b6c5d-x2x4q", "5.5s", "\n", " ", "2025-01-02", ":", "/tmp/x", "a.go:1", '"', "::1"), { maxLength: 40 }).map((a) => a.join("")),
  );

  it("never throws and is deterministic", () => {
    fc.assert(
      fc.property(fc.option(noisy, { nil: undefined }), fc.option(noisy, { nil: undefined }), (m, d) => {
        const a = failureSignature(m, d);
        expect(failureSignature(m, d)).toEqual(a);
        expect(a.signature.length).toBeLessThanOrEqual(SIGNATURE_LENGTH);
        expect(a.normalized).not.toMatch(/\s{2}|\n/);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ["one long line", () => "a/".repeat(500_000) + "x.go:1"],
    ["digits", () => "7".repeat(1_000_000)],
    ["hex and colons", () => "ab:".repeat(350_000)],
    ["pod-like names", () => "gateway-".repeat(130_000)],
    ["quotes", () => '"a1b2'.repeat(250_000)],
  ])("is fast on 1 MB of %s", (_, make) => {
    const input = make();
    const started = performance.now();
    failureSignature(input);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("groups failures whose only difference is a short prefixed request id", () => {
    const a = failureSignature("Expected\n    <int>: 202\nto equal\n    <int>: 201\nPOST /api/v1/signals (request id req-2dace6)");
    const b = failureSignature("Expected\n    <int>: 202\nto equal\n    <int>: 201\nPOST /api/v1/signals (request id req-f1b3)");
    expect(a.hash).toBe(b.hash);
    expect(a.normalized).toContain("req-<id>");
    expect(failureSignature("hash sha-256 of utf-8 text").normalized).toContain("sha-256");
  });
});

// Issue 12: one failure, one group, whatever the alphabet or length of its ids.
describe("failureSignature: every id-like token masked the same way", () => {
  const statusMismatch = (id: string) => `[FAILED] Expected\n    <int>: 500\nto equal\n    <int>: 400\nPOST /api/v1/signals/prometheus (request id req-${id})`;

  it("groups the demo's request ids in decimal, hex and pod-suffix alphabets", () => {
    const hashes = ["392797", "4b669", "2dace6", "1eef", "f1b3", "5fe5d", "a9", "7"].map((id) => hash(statusMismatch(id)));
    expect(new Set(hashes).size).toBe(1);
    expect(norm(statusMismatch("4b669"))).toBe("[FAILED] Expected <int>: 500 to equal <int>: 400 POST /api/v1/signals/prometheus (request id req-<id>)");
  });

  it.each<[string, string]>([
    ["pod gateway-7d9f8b6c5d-xkzpq not ready", "pod gateway-5c6b9f7d48-q8zl2 not ready"],
    ["pod gateway-xkzpq not ready", "pod gateway-7d9f8b6c5d-x2x4q not ready"],
    ["job 123456 failed", "job 9f86d081884c7d65 failed"],
    ["job 4b669 failed", "job 77 failed"],
    ["signal 550e8400-e29b-41d4-a716-446655440000 lost", "signal 550e8400-e29b-41d4-a716-446655440001 lost"],
    ["worker_12 crashed", "worker_a7f3 crashed"],
    ["Async callback was not invoked within the 1 ms timeout", "Async callback was not invoked within the 5000 ms timeout"],
    ["listening on 127.0.0.1:8025", "listening on 10.1.2.3:31999"],
    ["open /tmp/TestX123/001/cfg.yaml: denied", "open /var/folders/zz/abc/T/TestX9/cfg.yaml: denied"],
    ["at 2026-12-05T10:00:00Z took 1m30s", "at 2026-12-06T23:59:59.999Z took 250ms"],
    ["object at 0xc000123abc", "object at 0x14000a"],
  ])("same failure: %j and %j", (a, b) => {
    expect(norm(a)).toBe(norm(b));
  });

  it.each<[string, string]>([
    ["junit.framework.AssertionFailedError: expected:<42> but was:<43>", "junit.framework.AssertionFailedError: expected:<99> but was:<98>"],
    ["Assert.Equal() Failure\r\nExpected: 3\r\nActual:   2", "Assert.Equal() Failure\r\nExpected: 4\r\nActual:   2"],
    ["error: check_eq(6, 7)", "error: check_eq(1, 2)"],
    ["429 == 200", "503 == 200"],
    ["expected [1.2.1] but found [1.2.0]", "expected [1.2.1] but found [1.1.0]"],
    ["request failed with HTTP 503", "request failed with HTTP 404"],
  ])("different assertions stay apart: %j and %j", (a, b) => {
    expect(hash(a)).not.toBe(hash(b));
  });

  it("leaves versions and words that carry digits alone", () => {
    expect(norm("v2beta1 API, sha-256 over utf-8, x509 via k8s e2e on amd64, i18n")).toBe("v2beta1 API, sha-256 over utf-8, x509 via k8s e2e on amd64, i18n");
  });
});
