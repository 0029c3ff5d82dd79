import { describe, expect, it } from "vitest";
import { type DiffSpec, classifyChange, diffRuns } from "@/lib/analysis/run-diff";

const spec = (id: string, status: DiffSpec["status"], durationMs: number | null = 100, signature: string | null = null): DiffSpec => ({
  testCaseId: id, name: `spec ${id}`, status, durationMs, signature,
});

describe("classifyChange", () => {
  it.each([
    ["passed", "failed", "new_failure"],
    ["skipped", "errored", "new_failure"],
    [null, "failed", "new_failure"],
    ["failed", "passed", "fixed"],
    ["errored", "skipped", "fixed"],
    ["failed", "errored", "still_failing"],
    ["passed", "skipped", "newly_skipped"],
    [null, "passed", "added"],
    ["passed", null, "removed"],
    ["skipped", "passed", "other"],
    ["passed", "passed", null],
    ["skipped", "skipped", null],
  ] as const)("%s -> %s is %s", (a, b, want) => {
    expect(classifyChange(a, b)).toBe(want);
  });
});

describe("diffRuns", () => {
  it("counts every spec once, lists changes with both signatures, and sorts durations by absolute change", () => {
    const a = {
      specs: [spec("1", "passed", 100), spec("2", "failed", 50, "Expected <n> to equal 400"), spec("3", "failed", 10, "timeout"), spec("4", "passed", 1000), spec("5", "passed")],
      phases: [{ name: "cluster", durationMs: 60_000, status: "passed" }, { name: "build", durationMs: 200_000, status: "passed" }],
    };
    const b = {
      specs: [spec("1", "failed", 130, "connection refused"), spec("2", "passed", 40), spec("3", "errored", 12, "timeout"), spec("4", "skipped", 0), spec("6", "passed")],
      phases: [{ name: "cluster", durationMs: 61_000, status: "passed" }, { name: "build", durationMs: 120_000, status: "passed" }, { name: "new", durationMs: 5, status: "passed" }],
    };
    const d = diffRuns(a, b);
    expect(d.counts).toEqual({ new_failure: 1, fixed: 1, still_failing: 1, newly_skipped: 1, added: 1, removed: 1, other: 0, unchanged: 0 });
    expect(d.changes.map((c) => [c.testCaseId, c.change])).toEqual([
      ["1", "new_failure"], ["2", "fixed"], ["3", "still_failing"], ["4", "newly_skipped"], ["6", "added"], ["5", "removed"],
    ]);
    expect(d.changes[0]).toMatchObject({ a: "passed", b: "failed", signatureA: null, signatureB: "connection refused" });
    expect(d.changes[1]).toMatchObject({ signatureA: "Expected <n> to equal 400", signatureB: null });
    expect(d.specDurations.map((x) => [x.key, x.deltaMs])).toEqual([["4", -1000], ["1", 30], ["2", -10], ["3", 2]]);
    expect(d.specDurations[1].percent).toBeCloseTo(30);
    expect(d.phaseDurations.map((x) => [x.name, x.deltaMs])).toEqual([["build", -80_000], ["cluster", 1000]]);
  });

  it("a spec with no duration on one side has no duration change, and 0 ms has no percentage", () => {
    const d = diffRuns({ specs: [spec("1", "passed", null), spec("2", "passed", 0)], phases: [] }, { specs: [spec("1", "passed", 5), spec("2", "passed", 7)], phases: [] });
    expect(d.specDurations).toEqual([{ key: "2", name: "spec 2", aMs: 0, bMs: 7, deltaMs: 7, percent: null }]);
    expect(d.counts.unchanged).toBe(2);
  });
});
