import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeParallelGroup, summarizeParallelGroups, type Branch } from "./parallel-groups";

describe("analyzeParallelGroup", () => {
  it("computes the figures for a hand example", () => {
    // parent wall W = 100; A [0,60] = 60, B [5,85] = 80, C [10,40] = 30
    // critical path: B (ends last, 85) with 80; perfect overlap = max = 80
    // sum = 170; efficiency = 170 / (100 × 3) = 0.5667; overhead = 100 - 80 = 20
    const r = analyzeParallelGroup(
      [
        { name: "A", startMs: 0, endMs: 60 },
        { name: "B", startMs: 5, endMs: 85 },
        { name: "C", startMs: 10, endMs: 40 },
      ],
      100,
    );
    expect(r).toEqual({
      branches: 3,
      wallMs: 100,
      criticalPath: { name: "B", durationMs: 80, endMs: 85 },
      perfectOverlapMs: 80,
      sumBranchMs: 170,
      efficiency: 170 / 300,
      overheadMs: 20,
    });
  });

  it("breaks equal end times by the longer branch, then by name, whatever the input order", () => {
    const bs: Branch[] = [
      { name: "late-start", startMs: 10, endMs: 85 },
      { name: "early-start", startMs: 0, endMs: 85 },
      { name: "b", startMs: 0, endMs: 85 },
    ];
    expect(analyzeParallelGroup(bs, 90).criticalPath!.name).toBe("b");
    expect(analyzeParallelGroup([...bs].reverse(), 90).criticalPath!.name).toBe("b");
  });

  it("handles an empty group and a zero wall time", () => {
    expect(analyzeParallelGroup([], 50)).toMatchObject({ branches: 0, criticalPath: null, efficiency: null, overheadMs: null });
    expect(analyzeParallelGroup([{ name: "a", startMs: 0, endMs: 0 }], 0).efficiency).toBeNull();
  });

  it("rejects a branch that ends before it starts", () => {
    expect(() => analyzeParallelGroup([{ name: "a", startMs: 5, endMs: 1 }], 10)).toThrow(RangeError);
  });

  it("perfectly overlapping equal branches have efficiency 1 and no overhead", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 1e6 }), (k, d) => {
        const bs = Array.from({ length: k }, (_, i) => ({ name: `b${i}`, startMs: 0, endMs: d }));
        const r = analyzeParallelGroup(bs, d);
        expect(r.efficiency).toBeCloseTo(1, 12);
        expect(r.overheadMs).toBe(0);
      }),
    );
  });

  it("when the group wall time spans its branches: efficiency in (0, 1], overhead >= 0, bounds hold", () => {
    const branch = fc.tuple(fc.integer({ min: 0, max: 1e5 }), fc.integer({ min: 1, max: 1e5 })).map(([s, d]) => ({ startMs: s, endMs: s + d }));
    fc.assert(
      fc.property(fc.array(branch, { minLength: 1, maxLength: 12 }), (raw) => {
        const bs = raw.map((b, i) => ({ ...b, name: `b${i}` }));
        const wall = Math.max(...bs.map((b) => b.endMs)) - Math.min(...bs.map((b) => b.startMs));
        const r = analyzeParallelGroup(bs, wall);
        expect(r.efficiency!).toBeGreaterThan(0);
        expect(r.efficiency!).toBeLessThanOrEqual(1 + 1e-12);
        expect(r.overheadMs!).toBeGreaterThanOrEqual(0);
        expect(r.perfectOverlapMs!).toBeLessThanOrEqual(r.sumBranchMs);
        expect(r.criticalPath!.endMs).toBe(Math.max(...bs.map((b) => b.endMs)));
      }),
    );
  });
});

describe("summarizeParallelGroups", () => {
  const run = (runId: string, wallMs: number, spans: Record<string, [number, number]>) => ({
    runId,
    wallMs,
    branches: Object.entries(spans).map(([name, [startMs, endMs]]) => ({ name, startMs, endMs })),
  });

  it("gives per-branch medians and the most frequent bounding branch with counts", () => {
    const s = summarizeParallelGroups([
      run("r1", 100, { operators: [0, 90], storage: [0, 60] }),
      run("r2", 110, { operators: [0, 100], storage: [0, 70] }),
      run("r3", 95, { operators: [0, 50], storage: [0, 80] }),
    ]);
    expect(s.runs).toBe(3);
    // operators: 90, 100, 50 -> median 90; storage: 60, 70, 80 -> median 70
    expect(s.branches.map((b) => [b.name, b.n, b.median])).toEqual([
      ["operators", 3, 90],
      ["storage", 3, 70],
    ]);
    expect(s.bounding).toEqual([
      { name: "operators", count: 2 },
      { name: "storage", count: 1 },
    ]);
    expect(s.mostOftenBounding).toEqual({ names: ["operators"], count: 2, of: 3 });
    // overheads: 100-90, 110-100, 95-80 = 10, 10, 15 -> median 10
    expect(s.overheadMs).toMatchObject({ n: 3, median: 10 });
  });

  it("reports ties for most often and counts branches only where they ran", () => {
    const s = summarizeParallelGroups([
      run("r1", 10, { a: [0, 10], b: [0, 5] }),
      run("r2", 10, { b: [0, 10] }),
      run("r3", 10, {}),
    ]);
    expect(s.mostOftenBounding).toEqual({ names: ["a", "b"], count: 1, of: 2 });
    expect(s.branches.find((b) => b.name === "a")!.n).toBe(1);
    expect(summarizeParallelGroups([]).mostOftenBounding).toBeNull();
  });
});
