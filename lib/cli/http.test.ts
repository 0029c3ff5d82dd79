// Retry decisions and the readable forms of server answers.
import { describe, expect, it } from "vitest";
import { type Attempt, NetworkFailure, backoffDelay, formatApiError, isRetryableStatus, parseRetryAfter, sendWithRetry } from "@/lib/cli/http";
import { formatSummary } from "@/lib/cli/upload";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

async function run(answers: (Response | Error)[], retries = 4) {
  const waits: number[] = [];
  const attempts: Attempt[] = [];
  let calls = 0;
  const send = async () => {
    const a = answers[Math.min(calls++, answers.length - 1)];
    if (a instanceof Error) throw a;
    return a;
  };
  const result = await sendWithRetry(send, { retries, baseMs: 1000 }, (a) => attempts.push(a), async (ms) => waits.push(ms)).catch((e: Error) => e);
  return { result, waits, attempts, calls };
}

describe("retry policy", () => {
  it("retries 5xx and 429 only", () => {
    expect([500, 502, 503, 429].every(isRetryableStatus)).toBe(true);
    expect([200, 201, 400, 401, 403, 404, 409, 413, 422].some(isRetryableStatus)).toBe(false);
  });

  it("backs off exponentially with bounded jitter", () => {
    expect([0, 1, 2, 3].map((i) => backoffDelay(i, 1000, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(2, 1000, () => 0)).toBe(3000);
    expect(backoffDelay(2, 1000, () => 1)).toBe(5000);
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(parseRetryAfter("5")).toBe(5000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("retries a 503 and returns the later success", async () => {
    const { result, waits, calls, attempts } = await run([json(503, { error: { code: "unavailable", message: "db down" } }), json(201, { id: "x" })]);
    expect((result as Response).status).toBe(201);
    expect(calls).toBe(2);
    expect(waits).toHaveLength(1);
    expect(attempts[0].reason).toBe("HTTP 503 unavailable: db down");
  });

  it("waits as long as a 429's Retry-After says", async () => {
    const { waits } = await run([json(429, {}, { "retry-after": "3" }), json(200, {})]);
    expect(waits).toEqual([3000]);
  });

  it("never retries other 4xx", async () => {
    const { result, calls } = await run([json(401, { error: { code: "unauthorized", message: "Invalid token" } })]);
    expect((result as Response).status).toBe(401);
    expect(calls).toBe(1);
  });

  it("gives up after the retries, answering the last response or a NetworkFailure", async () => {
    const down = await run([json(502, {})], 2);
    expect(down.calls).toBe(3);
    expect((down.result as Response).status).toBe(502);
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:9" } });
    const net = await run([refused], 1);
    expect(net.calls).toBe(2);
    expect(net.result).toBeInstanceOf(NetworkFailure);
    expect((net.result as Error).message).toMatch(/ECONNREFUSED.*after 2 attempts/);
  });
});

describe("formatApiError", () => {
  it("prints code, message and each detail", () => {
    const text = JSON.stringify({ error: { code: "validation_failed", message: "Invalid metadata", details: [{ path: "mode", message: "Required" }] } });
    expect(formatApiError(422, text)).toBe("The server refused the upload (HTTP 422, validation_failed): Invalid metadata\n  mode: Required");
    expect(formatApiError(413, JSON.stringify({ error: { code: "payload_too_large", message: "Too big", details: { limitBytes: 10 } } }))).toContain("  limitBytes: 10");
  });
  it("shows the start of a non-JSON answer", () => {
    expect(formatApiError(502, "<html>\n<b>Bad gateway</b></html>")).toBe("The server answered HTTP 502: <html> <b>Bad gateway</b></html>");
  });
});

describe("formatSummary", () => {
  it("says where the run is and what it contains", () => {
    const text = formatSummary("https://rb.example", {
      id: "r1", status: "failed", claimedStatus: "passed", externalId: "e",
      totals: { tests: 24, passed: 0, failed: 16, errored: 0, skipped: 8, pending: 0, flaky: 0 },
      phases: [{}, {}],
      reports: [{ filename: "junit.xml", duplicate: false, cases: 24, warnings: ["no timestamps"] }],
    }, true);
    expect(text).toContain("Run https://rb.example/runs/r1\n");
    expect(text).toContain("status:  failed (CI claimed passed)");
    expect(text).toContain("16 of 24 run, 0 passed, 16 failed, 8 skipped");
    expect(text).toContain("phases:  2");
    expect(text).toContain("warning: junit.xml: no timestamps");
  });
});
