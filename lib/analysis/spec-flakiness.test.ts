import { describe, expect, it } from "vitest";
import { assessFlakiness } from "./spec-flakiness";

const r = (status: string, commitSha: string | null, extra: { flaky?: boolean; retries?: number } = {}) => ({
  status, commitSha, flaky: extra.flaky ?? false, retries: extra.retries ?? 0,
});

describe("assessFlakiness", () => {
  it("flags a spec that passed and failed on the same commit", () => {
    const f = assessFlakiness([r("failed", "abc"), r("passed", "abc"), r("failed", "def"), r("passed", "123")]);
    expect(f).toEqual({ flaky: true, mixedCommits: ["abc"], retriedResults: 0, considered: 4 });
  });

  it("flags results a report marked flaky or retried", () => {
    const f = assessFlakiness([r("passed", "a", { flaky: true }), r("passed", "b", { retries: 2 }), r("passed", "c")]);
    expect(f.flaky).toBe(true);
    expect(f.retriedResults).toBe(2);
  });

  it("does not call a spec flaky that failed consistently, or changed outcome with the commit", () => {
    expect(assessFlakiness([r("failed", "a"), r("errored", "a"), r("passed", "b")]).flaky).toBe(false);
    expect(assessFlakiness([r("failed", null), r("passed", null)]).flaky).toBe(false);
    expect(assessFlakiness([]).flaky).toBe(false);
  });

  it("ignores skipped results", () => {
    expect(assessFlakiness([r("skipped", "a"), r("failed", "a")]).flaky).toBe(false);
  });
});
