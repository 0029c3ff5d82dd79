import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootstrapMedianDifference, mulberry32 } from "./bootstrap";

describe("mulberry32", () => {
  it("matches an independent Python implementation", () => {
    // Python: a = (a + 0x6D2B79F5) & 0xFFFFFFFF; t = imul(t ^ t >> 15, t | 1);
    // t ^= (t + imul(t ^ t >> 7, t | 61)) & 0xFFFFFFFF; ((t ^ t >> 14) & 0xFFFFFFFF) / 2**32
    const r = mulberry32(1);
    expect([r(), r(), r()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });
});

describe("bootstrapMedianDifference", () => {
  const seq = [456, 462, 449, 470, 458, 455];
  const par = [312, 318, 309, 325, 314, 311];

  it("is deterministic for a seed and reports its settings", () => {
    const a = bootstrapMedianDifference(seq, par, { seed: 7 });
    const b = bootstrapMedianDifference(seq, par, { seed: 7 });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ resamples: 10_000, seed: 7, confidence: 0.95 });
    // observed difference of medians: 457 - 313 = 144 (hand: (456+458)/2 - (312+314)/2)
    expect(a.estimate).toBe(144);
  });

  it("stays within the range of possible median differences", () => {
    // a resampled median lies in [min, max] of its sample, so the difference lies in
    // [min_b - max_c, max_b - min_c] = [449 - 325, 470 - 309] = [124, 161]
    const r = bootstrapMedianDifference(seq, par);
    expect(r.lo).toBeGreaterThanOrEqual(124);
    expect(r.hi).toBeLessThanOrEqual(161);
    expect(r.lo).toBeLessThanOrEqual(144);
    expect(r.hi).toBeGreaterThanOrEqual(144);
  });

  it("gives a zero-width interval for constant samples", () => {
    expect(bootstrapMedianDifference([5, 5, 5], [3, 3], { resamples: 200 })).toMatchObject({ estimate: 2, lo: 2, hi: 2 });
  });

  it("different seeds give nearly the same interval (10k resamples)", () => {
    const a = bootstrapMedianDifference(seq, par, { seed: 1 });
    const b = bootstrapMedianDifference(seq, par, { seed: 2 });
    expect(Math.abs(a.lo - b.lo)).toBeLessThanOrEqual(3);
    expect(Math.abs(a.hi - b.hi)).toBeLessThanOrEqual(3);
  });

  it("identical samples: the interval contains 0", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 3, maxLength: 12 }), fc.integer(), (xs, seed) => {
        const r = bootstrapMedianDifference(xs, xs, { resamples: 500, seed });
        expect(r.lo).toBeLessThanOrEqual(0);
        expect(r.hi).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 50 },
    );
  });

  it("rejects bad options", () => {
    expect(() => bootstrapMedianDifference([1], [2], { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapMedianDifference([1], [2], { confidence: 1 })).toThrow(RangeError);
    expect(() => bootstrapMedianDifference([], [2])).toThrow(RangeError);
  });
});
