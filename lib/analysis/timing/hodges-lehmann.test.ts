import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invertedInterval } from "./brute-force-reference.test-support";
import { mulberry32 } from "./bootstrap";
import { hodgesLehmannShift, pairwiseDifferenceAt } from "./hodges-lehmann";
import { exactCriticalValue } from "./mann-whitney";

describe("hodgesLehmannShift", () => {
  it("computes a 3 vs 3 example by hand, reporting the 90 % it can really reach", () => {
    // b - c for b = 10, 12, 14 and c = 7, 8, 9: 3 2 1 / 5 4 3 / 7 6 5
    // sorted 1 2 3 3 4 5 5 6 7 -> median (5th) = 4.
    // P(U = 0) = 1/C(6,3) = 0.05 > 0.025, so no k reaches 95 %: the interval is the
    // full range [D(1), D(9)] = [1, 7] with confidence 1 - 2 × 0.05 = 0.90 (R does the same).
    const r = hodgesLehmannShift([10, 12, 14], [7, 8, 9]);
    expect(r).toMatchObject({ estimate: 4, lo: 1, hi: 7, k: 0, method: "exact" });
    expect(r.achievedConfidence).toBeCloseTo(0.9, 12);
  });

  it("Hollander & Wolfe permeability data: estimate 0.305, 95 % interval [-0.15, 0.76]", () => {
    // Reference: Python with exact fractions, inverting an enumerated permutation
    // test over all C(15, 5) splits (script at the end of this file).
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = hodgesLehmannShift(x, y);
    expect(r.estimate).toBeCloseTo(0.305, 10);
    expect(r.lo).toBeCloseTo(-0.15, 10);
    expect(r.hi).toBeCloseTo(0.76, 10);
    expect(r.achievedConfidence).toBeGreaterThanOrEqual(0.95);
  });

  it("sequential vs parallel setup seconds: shift 144 s, 95 % interval [135, 152] s", () => {
    // Same Python reference as above. 6 vs 6: critical k = 5 (standard table),
    // so the interval is [D(6), D(31)] of the 36 differences.
    const r = hodgesLehmannShift([456, 462, 449, 470, 458, 455], [312, 318, 309, 325, 314, 311]);
    expect(r).toMatchObject({ estimate: 144, lo: 135, hi: 152, k: 5, method: "exact" });
  });

  it("switches to the normal approximation with ties; its k agrees with the exact table", () => {
    // one tie (5 in both samples) forces the approximation; k = floor(mn/2 - 0.5 - 1.96 sd)
    // 10 vs 10: sd = √(100·21/12) = 13.229 -> floor(50 - 0.5 - 25.93) = 23 = table value
    const b = [5, 21, 22, 23, 24, 25, 26, 27, 28, 29];
    const c = [5, 1, 2, 3, 4, 6, 7, 8, 9, 10];
    const r = hodgesLehmannShift(b, c);
    expect(r.method).toBe("normal-approximation");
    expect(r.k).toBe(23);
    expect(r.k).toBe(exactCriticalValue(10, 10, 0.05));
  });

  it("normal k is within one of the exact critical value at 60 vs 60", () => {
    // 60 vs 60 is past the exact limit (50); the exact DP is still computable as a check.
    const b = Array.from({ length: 60 }, (_, i) => 1000 + i * 3);
    const c = Array.from({ length: 60 }, (_, i) => 1001 + i * 3);
    const r = hodgesLehmannShift(b, c);
    expect(r.method).toBe("normal-approximation");
    expect(Math.abs(r.k - exactCriticalValue(60, 60, 0.05))).toBeLessThanOrEqual(1);
    expect(r.achievedConfidence).toBeCloseTo(0.95, 2);
  });

  const distinct = (min: number, max: number) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 2 * min, maxLength: 11 })
      .chain((xs) => fc.integer({ min, max: Math.min(max, xs.length - min) }).map((m) => [xs.slice(0, m), xs.slice(m)] as const))
      .filter(([b, c]) => b.length >= min && c.length >= min);

  it("equals the interval found by inverting an enumerated permutation test", () => {
    fc.assert(
      fc.property(distinct(4, 7), ([b, c]) => {
        const r = hodgesLehmannShift(b, c);
        expect([r.lo, r.hi]).toEqual(invertedInterval(b, c, 0.05));
        expect(r.achievedConfidence).toBeGreaterThanOrEqual(0.95);
      }),
      { numRuns: 25 },
    );
  });

  const anyPair = fc.tuple(
    fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 25 }),
    fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 25 }),
  );

  it("contains its estimate", () => {
    fc.assert(
      fc.property(anyPair, ([b, c]) => {
        const r = hodgesLehmannShift(b, c);
        expect(r.lo).toBeLessThanOrEqual(r.estimate);
        expect(r.estimate).toBeLessThanOrEqual(r.hi);
      }),
    );
  });

  it("moves with a shift of the baseline (tie pattern kept, so the same method applies)", () => {
    // distinct even values shifted by an odd amount: no ties before or after
    const even = fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 2, maxLength: 30 }).map((xs) => xs.map((x) => 2 * x));
    const split = even.chain((xs) => fc.integer({ min: 1, max: xs.length - 1 }).map((m) => [xs.slice(0, m), xs.slice(m)] as const));
    fc.assert(
      fc.property(split, fc.integer({ min: -250, max: 250 }).map((k) => 2 * k + 1), ([b, c], s) => {
        const r = hodgesLehmannShift(b, c);
        const shifted = hodgesLehmannShift(b.map((x) => x + s), c);
        expect(shifted.estimate).toBeCloseTo(r.estimate + s, 9);
        expect(shifted.lo).toBeCloseTo(r.lo + s, 9);
        expect(shifted.hi).toBeCloseTo(r.hi + s, 9);
      }),
    );
  });

  it("flips sign when the samples are swapped", () => {
    fc.assert(
      fc.property(anyPair, ([b, c]) => {
        const ab = hodgesLehmannShift(b, c);
        const ba = hodgesLehmannShift(c, b);
        expect(ba.estimate).toBeCloseTo(-ab.estimate, 9);
        expect(ba.lo).toBeCloseTo(-ab.hi, 9);
        expect(ba.hi).toBeCloseTo(-ab.lo, 9);
      }),
    );
  });
});

describe("pairwiseDifferenceAt", () => {
  // durations as CI sends them: whole milliseconds (many ties) or fractional seconds
  const sample = fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 40 });

  it("is exactly the k-th of every pairwise difference sorted, ties included", () => {
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: 0, max: 1e9 }), (b, c, seed) => {
        const sorted = Float64Array.from(b.flatMap((x) => c.map((y) => x - y))).sort();
        const bAsc = Float64Array.from(b).sort();
        const cDesc = Float64Array.from(c).sort().reverse();
        const rnd = mulberry32(seed);
        for (const k of [0, sorted.length - 1, Math.floor(sorted.length / 2), seed % sorted.length]) {
          expect(pairwiseDifferenceAt(bAsc, cDesc, k, rnd)).toBe(sorted[k]);
        }
      }),
    );
  });

  it("gives a 1,000 vs 1,000 comparison the estimate and interval of the sorted million differences", () => {
    const rnd = mulberry32(5);
    const b = Array.from({ length: 1000 }, () => Math.round(400_000 + rnd() * 60_000));
    const c = Array.from({ length: 1000 }, () => Math.round(300_000 + rnd() * 60_000));
    const sorted = Float64Array.from(b.flatMap((x) => c.map((y) => x - y))).sort();
    const r = hodgesLehmannShift(b, c);
    expect(r.estimate).toBe((sorted[499_999] + sorted[500_000]) / 2);
    expect([r.lo, r.hi]).toEqual([sorted[r.k], sorted[sorted.length - 1 - r.k]]);
  });
});

/*
Reference script (Python 3 standard library only; exact arithmetic, so it shares
neither method nor floating point with the code under test):

from itertools import combinations
from fractions import Fraction
import statistics

def U(b, c):
    return sum(1 if x > y else Fraction(1, 2) if x == y else 0 for x in b for y in c)

def perm_p(b, c):  # two-sided, over every split of the pooled values
    pooled, m = list(b) + list(c), len(b)
    half = Fraction(m * len(c), 2)
    obs = abs(U(b, c) - half)
    hits = tot = 0
    for idx in combinations(range(len(pooled)), m):
        bb = [pooled[i] for i in idx]
        cc = [pooled[i] for i in range(len(pooled)) if i not in idx]
        tot += 1
        hits += abs(U(bb, cc) - half) >= obs
    return Fraction(hits, tot)

def hl_interval(b, c, alpha=Fraction(5, 100)):
    diffs = sorted(x - y for x in b for y in c)
    d = sorted(set(diffs))
    probes = [d[0] - 1] + [(d[i] + d[i + 1]) / 2 for i in range(len(d) - 1)] + [d[-1] + 1]
    ok = [t for t in probes if perm_p([x - t for x in b], c) > alpha]
    return (statistics.median(diffs),
            max(x for x in d if x < min(ok)), min(x for x in d if x > max(ok)))

# Hollander & Wolfe: Fraction(str(v)) of the values above -> (0.305, -0.15, 0.76)
# setup seconds: hl_interval([456, 462, 449, 470, 458, 455],
#                            [312, 318, 309, 325, 314, 311]) -> (144, 135, 152)
*/
