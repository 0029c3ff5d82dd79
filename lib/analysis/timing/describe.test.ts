import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeSample, median, quantile } from "./describe";

describe("describeSample", () => {
  it("matches R's quantile() type 7 on 1..10", () => {
    // R: quantile(1:10, c(.5, .9)) -> 5.5, 9.1
    // by hand: h = (n-1)p; p = .9 -> h = 8.1 -> x[8] + 0.1 (x[9] - x[8]) = 9 + 0.1 = 9.1 (0-based)
    expect(describeSample([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ n: 10, median: 5.5, p90: 9.1, min: 1, max: 10, mean: 5.5 });
  });

  it("computes setup minutes by hand", () => {
    // sorted 7.2 7.4 7.5 7.9 8.1; median = x[2] = 7.5
    // p90: h = 4 × 0.9 = 3.6 -> 7.9 + 0.6 × (8.1 - 7.9) = 8.02; mean = 38.1 / 5 = 7.62
    const s = describeSample([7.9, 7.2, 8.1, 7.5, 7.4]);
    expect(s.n).toBe(5);
    expect(s.median).toBe(7.5);
    expect(s.p90).toBeCloseTo(8.02, 12);
    expect(s.mean).toBeCloseTo(7.62, 12);
    expect([s.min, s.max]).toEqual([7.2, 8.1]);
  });

  it("returns n 0 and nulls for an empty sample", () => {
    expect(describeSample([])).toEqual({ n: 0, median: null, p90: null, min: null, max: null, mean: null });
  });

  it("handles a single value", () => {
    expect(describeSample([42])).toEqual({ n: 1, median: 42, p90: 42, min: 42, max: 42, mean: 42 });
  });

  it("rejects non-finite values instead of producing NaN figures", () => {
    expect(() => describeSample([1, Number.NaN])).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
  });

  it("median of an even sample is the mean of the two middle values", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  const sample = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 40 });

  it("orders min <= median <= p90 <= max and ignores input order", () => {
    fc.assert(
      fc.property(sample, (xs) => {
        const s = describeSample(xs);
        expect(s.min!).toBeLessThanOrEqual(s.median!);
        expect(s.median!).toBeLessThanOrEqual(s.p90!);
        expect(s.p90!).toBeLessThanOrEqual(s.max!);
        expect(describeSample([...xs].reverse())).toEqual(s);
      }),
    );
  });

  it("median of an odd sample is its middle element (independent definition)", () => {
    fc.assert(
      fc.property(sample, (xs) => {
        const odd = xs.length % 2 === 1 ? xs : xs.slice(1);
        fc.pre(odd.length > 0);
        const below = (v: number) => odd.filter((x) => x < v).length;
        const atMost = (v: number) => odd.filter((x) => x <= v).length;
        const m = median(odd);
        // the median has at most half the values strictly below it and at least half at or below it
        expect(below(m)).toBeLessThanOrEqual((odd.length - 1) / 2);
        expect(atMost(m)).toBeGreaterThanOrEqual((odd.length + 1) / 2);
        expect(odd).toContain(m);
      }),
    );
  });

  it("median is robust: blowing up the largest value does not move it (n >= 3)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 3, maxLength: 30 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        const outlier = [...s.slice(0, -1), s[s.length - 1] * 1000];
        expect(median(outlier)).toBe(median(s));
      }),
    );
  });
});
