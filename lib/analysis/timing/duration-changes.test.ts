import { describe, expect, it } from "vitest";
import { mulberry32 } from "./bootstrap";
import { MIN_RUNS, estimateChange, rankChanges } from "./duration-changes";

const noisy = (seed: number, n: number, centre: number, spread: number) => {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => Math.round(centre + (rnd() - 0.5) * 2 * spread));
};

describe("estimateChange", () => {
  it("finds a real slowdown among noise and gives its size with an interval that excludes zero", () => {
    const e = estimateChange({ kind: "spec", key: "a", name: "slow", before: noisy(1, 14, 10_000, 500), after: noisy(2, 14, 13_000, 500) });
    expect(e.verdict).toBe("slower");
    expect(e.estimateMs!).toBeGreaterThan(2_500);
    expect(e.estimateMs!).toBeLessThan(3_500);
    expect(e.lo!).toBeGreaterThan(0);
    expect(e.hi!).toBeGreaterThan(e.lo!);
    expect(e).toMatchObject({ nBefore: 14, nAfter: 14 });
  });

  it("a speed-up is faster, with the interval below zero", () => {
    const e = estimateChange({ kind: "phase", key: "images", name: "images", before: noisy(3, 10, 200_000, 5_000), after: noisy(4, 10, 120_000, 5_000) });
    expect(e.verdict).toBe("faster");
    expect(e.hi!).toBeLessThan(0);
  });

  it("noise alone is no clear change: the interval straddles zero", () => {
    const e = estimateChange({ kind: "spec", key: "b", name: "steady", before: noisy(5, 14, 10_000, 2_000), after: noisy(6, 14, 10_000, 2_000) });
    expect(e.verdict).toBe("no clear change");
    expect(e.lo!).toBeLessThan(0);
    expect(e.hi!).toBeGreaterThan(0);
  });

  it(`claims nothing with fewer than ${MIN_RUNS} runs on a side, however large the difference`, () => {
    const e = estimateChange({ kind: "spec", key: "c", name: "few", before: [1000, 1000], after: [90_000, 91_000, 92_000] });
    expect(e).toMatchObject({ verdict: "not enough data", estimateMs: null, lo: null, hi: null, nBefore: 2, nAfter: 3, medianBefore: 1000 });
  });
});

describe("rankChanges", () => {
  it("lets other work of the process run while it estimates many series", async () => {
    let otherWorkRan = false;
    setImmediate(() => { otherWorkRan = true; });
    const series = Array.from({ length: 200 }, (_, i) => ({ kind: "spec" as const, key: `k${i}`, name: `s${i}`, before: noisy(i, 14, 5_000, 500), after: noisy(i + 1000, 14, 5_000, 500) }));
    const ranked = await rankChanges(series);
    expect(ranked).toHaveLength(200);
    expect(otherWorkRan).toBe(true);
  });

  it("lists clear changes by size first, then no clear change, then not enough data", async () => {
    const ranked = await rankChanges([
      { kind: "spec", key: "n", name: "noise", before: noisy(7, 14, 5_000, 1_000), after: noisy(8, 14, 5_000, 1_000) },
      { kind: "spec", key: "f", name: "few", before: [1], after: [2] },
      { kind: "spec", key: "s", name: "small", before: noisy(9, 14, 1_000, 20), after: noisy(10, 14, 1_200, 20) },
      { kind: "spec", key: "b", name: "big", before: noisy(11, 14, 10_000, 100), after: noisy(12, 14, 30_000, 100) },
    ]);
    expect(ranked.map((r) => [r.name, r.verdict])).toEqual([
      ["big", "slower"], ["small", "slower"], ["noise", "no clear change"], ["few", "not enough data"],
    ]);
  });
});
