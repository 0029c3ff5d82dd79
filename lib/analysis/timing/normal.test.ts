import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile } from "./normal";

// Reference values: Python 3 standard library, 0.5 * math.erfc(-x / math.sqrt(2))
// (and statistics.NormalDist().inv_cdf for the quantile), printed with repr().
const REFERENCE: [number, number][] = [
  [-5, 2.866515718791946e-7],
  [-3, 0.0013498980316300957],
  [-1.959963984540054, 0.02500000000000002],
  [-1, 0.15865525393145707],
  [-0.5, 0.3085375387259869],
  [0, 0.5],
  [0.3, 0.6179114221889526],
  [1, 0.8413447460685429],
  [2, 0.9772498680518208],
  [3, 0.9986501019683699],
  [6, 0.9999999990134123],
  [7.5, 0.9999999999999681],
];

describe("normalCdf", () => {
  it.each(REFERENCE)("Φ(%s) matches Python's erfc", (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThan(1e-14);
  });

  it("keeps relative accuracy in the far tail", () => {
    // Python: 0.5 * math.erfc(8 / math.sqrt(2)) = 6.220960574271819e-16
    expect(normalCdf(-8) / 6.220960574271819e-16).toBeCloseTo(1, 6);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it("is symmetric", () => {
    for (const x of [0.1, 0.7, 1.3, 2.9, 4.4]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 14);
  });
});

describe("normalQuantile", () => {
  it("inverts the CDF (Python statistics.NormalDist().inv_cdf(0.975) = 1.9599639845400536)", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845400536, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.9599639845400536, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
  });

  it("rejects probabilities outside (0, 1)", () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
