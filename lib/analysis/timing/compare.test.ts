import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDurations, compareToTarget, formatP } from "./compare";

// Setup seconds: sequential ≈ 7.6 min, parallel ≈ 5.2 min.
const SEQ = [456, 462, 449, 470, 458, 455];
const PAR = [312, 318, 309, 325, 314, 311];

describe("compareDurations", () => {
  it("sequential vs parallel: improvement, interval, p and verdict", () => {
    const r = compareDurations(SEQ, PAR);
    // medians by hand: (456 + 458)/2 = 457 and (312 + 314)/2 = 313;
    // improvement = (457 - 313) / 457 × 100 = 31.5098 %
    expect(r.n).toEqual({ baseline: 6, candidate: 6 });
    expect(r.medians).toEqual({ baseline: 457, candidate: 313 });
    expect(r.improvementPct).toBeCloseTo(31.5098, 4);
    // HL shift 144 s, 95 % interval [135, 152] s (Python reference in hodges-lehmann.test.ts)
    // as % of 457: 31.51 [29.54, 33.26]
    expect(r.shiftEstimatePct).toBeCloseTo((144 / 457) * 100, 10);
    expect(r.ci![0]).toBeCloseTo((135 / 457) * 100, 10);
    expect(r.ci![1]).toBeCloseTo((152 / 457) * 100, 10);
    // complete separation, exact test: p = 2 / C(12, 6) = 2 / 924
    expect(r.pValue).toBeCloseTo(2 / 924, 14);
    expect(r).toMatchObject({ method: "hodges-lehmann", test: "exact", verdict: "faster" });
    expect(r.reason).toContain("n = 6 vs 6");
    expect(r.reason).toContain("p = 0.002");
    expect(r.explanation).toMatch(/Hodges-Lehmann/);
  });

  it("calls a slower candidate slower", () => {
    expect(compareDurations(PAR, SEQ).verdict).toBe("slower");
  });

  it("says not enough data below the minimum runs, and honours a custom minimum", () => {
    const r = compareDurations([456, 462], PAR);
    expect(r).toMatchObject({ verdict: "not enough data", ci: null, pValue: null });
    expect(r.reason).toBe("need at least 3 runs per mode, have 2 baseline and 6 candidate");
    expect(r.improvementPct).not.toBeNull(); // the figure is kept, with its n, but no verdict
    expect(compareDurations(SEQ, PAR, { minRuns: 7 }).verdict).toBe("not enough data");
  });

  it("never gives a verdict against an estimated baseline", () => {
    const r = compareDurations(SEQ, PAR, { baselineIsEstimate: true });
    expect(r).toMatchObject({ verdict: "not enough data", ci: null, pValue: null });
    expect(r.reason).toMatch(/estimate/);
  });

  it("3 vs 3 cannot reach p < 0.05, so it says not enough data rather than 'no difference'", () => {
    const r = compareDurations([456, 462, 449], [312, 318, 309]);
    expect(r.verdict).toBe("not enough data");
    expect(r.pValue).toBeCloseTo(0.1, 12); // 2/C(6,3), the smallest possible
    expect(r.reason).toMatch(/p = 0\.10/);
    expect(r.ciConfidence).toBeCloseTo(0.9, 12);
  });

  it("4 vs 4 overlapping runs: no significant difference", () => {
    const r = compareDurations([450, 470, 460, 480], [455, 465, 475, 445]);
    expect(r.verdict).toBe("no significant difference");
    expect(r.ci![0]).toBeLessThan(0);
    expect(r.ci![1]).toBeGreaterThan(0);
  });

  it("offers the seeded bootstrap as an alternative interval", () => {
    const r = compareDurations(SEQ, PAR, { ciMethod: "bootstrap-percentile", bootstrap: { seed: 3 } });
    expect(r.method).toBe("bootstrap-percentile");
    expect(r.explanation).toMatch(/10000 times/);
    expect(compareDurations(SEQ, PAR, { ciMethod: "bootstrap-percentile", bootstrap: { seed: 3 } })).toEqual(r);
    expect(r.verdict).toBe("faster");
  });

  it("rejects negative or non-finite durations", () => {
    expect(() => compareDurations([1, 2, -3], [1, 2, 3])).toThrow(RangeError);
    expect(() => compareDurations([1, 2, Number.NaN], [1, 2, 3])).toThrow(RangeError);
  });

  it("formats p-values", () => {
    expect([formatP(0.0004), formatP(0.0021645), formatP(0.31), formatP(1)]).toEqual(["< 0.001", "0.002", "0.31", "1.00"]);
  });
});

describe("compareToTarget", () => {
  const r = compareDurations(SEQ, PAR); // 31.5 % [29.5, 33.3]

  it("target met when the whole interval is at or above it", () => {
    expect(compareToTarget(r, 27)).toEqual({
      status: "target met",
      text: "measured 31.5 % [29.5, 33.3] (n = 6 vs 6), expected 27 %: target met",
    });
  });
  it("consistent when the interval contains it", () => {
    expect(compareToTarget(r, 31).status).toBe("consistent with target");
    expect(compareToTarget(r, 31).text).toMatch(/consistent with target \(the range includes it\)$/);
  });
  it("missed when the whole interval is below it", () => {
    expect(compareToTarget(r, 40).status).toBe("target missed");
  });
  it("not enough data without a verdict", () => {
    const t = compareToTarget(compareDurations([456], [312]), 27);
    expect(t.status).toBe("not enough data");
    expect(t.text).toMatch(/^not enough data/);
  });
});

describe("compareDurations: properties", () => {
  const durations = (min: number, max: number) => fc.array(fc.integer({ min: 60_000, max: 900_000 }), { minLength: min, maxLength: max });

  it("identical samples: improvement 0, interval contains 0, p = 1, no significant difference", () => {
    fc.assert(
      fc.property(durations(4, 15), (xs) => {
        const r = compareDurations(xs, [...xs].reverse());
        expect(r.improvementPct).toBe(0);
        expect(r.ci![0]).toBeLessThanOrEqual(0);
        expect(r.ci![1]).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBe(1);
        expect(r.verdict).toBe("no significant difference");
      }),
    );
  });

  it("one run per side: not enough data", () => {
    fc.assert(
      fc.property(durations(1, 1), durations(1, 1), (b, c) => {
        expect(compareDurations(b, c).verdict).toBe("not enough data");
      }),
    );
  });

  it("outliers: a huge slowest baseline run changes neither medians nor improvement", () => {
    fc.assert(
      fc.property(durations(3, 12), durations(3, 12), (b, c) => {
        const s = [...b].sort((x, y) => x - y);
        const spiked = [...s.slice(0, -1), s[s.length - 1] * 50];
        const r1 = compareDurations(s, c);
        const r2 = compareDurations(spiked, c);
        expect(r2.medians).toEqual(r1.medians);
        expect(r2.improvementPct).toBe(r1.improvementPct);
      }),
    );
  });

  it("outliers: once a run is the slowest of all, making it 50× slower leaves p unchanged", () => {
    fc.assert(
      fc.property(durations(3, 12), durations(3, 12), (b, c) => {
        const s = [...b].sort((x, y) => x - y);
        const top = s[s.length - 1];
        fc.pre([...s.slice(0, -1), ...c].every((x) => x < top)); // a unique pooled maximum
        const r1 = compareDurations(s, c);
        const r2 = compareDurations([...s.slice(0, -1), top * 50], c);
        expect(r2.pValue).toBe(r1.pValue);
        expect(r2.verdict).toBe(r1.verdict);
      }),
    );
  });

  it("ties: heavily tied data still yields a valid result", () => {
    const tied = fc.array(fc.constantFrom(300_000, 301_000, 302_000), { minLength: 3, maxLength: 12 });
    fc.assert(
      fc.property(tied, tied, (b, c) => {
        const r = compareDurations(b, c);
        if (r.pValue === null) return;
        expect(r.test).toBe("normal-approximation");
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        expect(r.ci![0]).toBeLessThanOrEqual(r.ci![1]);
      }),
    );
  });

  it("symmetry: swapping baseline and candidate flips the sign and the verdict, keeps p", () => {
    const flip = { faster: "slower", slower: "faster" } as Record<string, string>;
    fc.assert(
      fc.property(durations(3, 12), durations(3, 12), (b, c) => {
        const ab = compareDurations(b, c);
        const ba = compareDurations(c, b);
        expect(Math.sign(ba.improvementPct!)).toBe(-Math.sign(ab.improvementPct!) || 0);
        expect(ba.pValue).toBeCloseTo(ab.pValue!, 12);
        expect(ba.verdict).toBe(flip[ab.verdict] ?? ab.verdict);
        // the interval in seconds is mirrored (each is a % of its own baseline median)
        const secs = (r: typeof ab) => r.ci!.map((p) => (p * r.medians.baseline!) / 100);
        const [lo, hi] = secs(ab);
        const [lo2, hi2] = secs(ba);
        expect(lo2).toBeCloseTo(-hi, 6);
        expect(hi2).toBeCloseTo(-lo, 6);
      }),
    );
  });

  it("scale invariance: multiplying every duration by k keeps improvement %, p and verdict", () => {
    fc.assert(
      fc.property(durations(3, 12), durations(3, 12), fc.constantFrom(0.001, 1 / 60, 2, 1000), (b, c, k) => {
        const r1 = compareDurations(b, c);
        const r2 = compareDurations(b.map((x) => x * k), c.map((x) => x * k));
        expect(r2.improvementPct).toBeCloseTo(r1.improvementPct!, 9);
        expect(r2.pValue).toBe(r1.pValue);
        expect(r2.ci![0]).toBeCloseTo(r1.ci![0], 9);
        expect(r2.verdict).toBe(r1.verdict);
      }),
    );
  });

  it("the interval contains its point estimate and a verdict never contradicts it", () => {
    fc.assert(
      fc.property(durations(3, 20), durations(3, 20), (b, c) => {
        const r = compareDurations(b, c);
        const [lo, hi] = r.ci!;
        expect(lo).toBeLessThanOrEqual(r.shiftEstimatePct!);
        expect(r.shiftEstimatePct!).toBeLessThanOrEqual(hi);
        if (r.verdict === "faster") expect(lo).toBeGreaterThan(0);
        if (r.verdict === "slower") expect(hi).toBeLessThan(0);
      }),
    );
  });
});
