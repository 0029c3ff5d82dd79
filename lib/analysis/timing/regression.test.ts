import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRegression, checkRunRegression, checkRunRegressions, type ModeRun } from "./regression";

describe("checkRegression", () => {
  // previous 7 runs (s): sorted 290 295 300 305 310 315 320 -> median 305
  // |x - 305|: 5 5 0 10 15 10 15 -> sorted 0 5 5 10 10 15 15 -> MAD 10
  // threshold = 305 + 3 × 1.4826 × 10 = 349.478
  const history = [300, 310, 305, 295, 320, 315, 290];

  it("flags a run above median + 3 × 1.4826 · MAD (hand example)", () => {
    const r = checkRegression(350, history);
    expect(r).toMatchObject({ status: "flagged", flagged: true, median: 305, mad: 10, n: 7, scaleSource: "mad" });
    expect(r.threshold).toBeCloseTo(349.478, 10);
    expect(r.reason).toMatch(/previous 7 runs/);
    expect(checkRegression(349, history)).toMatchObject({ status: "ok", flagged: false });
  });

  it("needs at least 5 previous runs", () => {
    const r = checkRegression(10_000, [300, 310, 305, 295]);
    expect(r).toMatchObject({ status: "not enough history", flagged: false, threshold: null, n: 4 });
    expect(checkRegression(10_000, [300, 310, 305, 295], { minHistory: 4 }).flagged).toBe(true);
  });

  it("uses only the most recent `window` runs", () => {
    const old = Array.from({ length: 30 }, () => 1000);
    const recent = Array.from({ length: 20 }, (_, i) => 300 + (i % 5));
    const r = checkRegression(400, [...old, ...recent]);
    expect(r.n).toBe(20);
    expect(r.median).toBe(302);
    expect(r.flagged).toBe(true);
  });

  it("falls back to the mean absolute deviation when MAD is 0", () => {
    // 300 300 300 300 310: median 300, deviations 0 0 0 0 10 -> MAD 0
    // mean abs. deviation = 2 -> scale 1.2533 × 2 = 2.5066 -> threshold 307.5198
    const r = checkRegression(308, [300, 300, 300, 300, 310]);
    expect(r).toMatchObject({ flagged: true, mad: 0, scaleSource: "mean-absolute-deviation" });
    expect(r.threshold).toBeCloseTo(307.5198, 10);
    expect(checkRegression(307, [300, 300, 300, 300, 310]).flagged).toBe(false);
  });

  it("one earlier slow run does not hide the next regression (robust spread)", () => {
    // with mean + 3 SD the 900 would raise the bar to ~1030 and 420 would pass
    const r = checkRegression(420, [300, 305, 310, 295, 900, 302, 298]);
    expect(r.flagged).toBe(true);
  });

  const hist = fc.array(fc.integer({ min: 60_000, max: 900_000 }), { minLength: 5, maxLength: 30 });

  it("never flags a run at or below the median; threshold >= median", () => {
    fc.assert(
      fc.property(hist, (h) => {
        const r = checkRegression(Math.min(...h), h);
        expect(r.flagged).toBe(false);
        expect(r.threshold!).toBeGreaterThanOrEqual(r.median!);
      }),
    );
  });

  it("is scale invariant: seconds or milliseconds give the same flag", () => {
    fc.assert(
      fc.property(hist, fc.integer({ min: 60_000, max: 2_000_000 }), (h, cur) => {
        const ms = checkRegression(cur, h);
        const s = checkRegression(cur / 1000, h.map((x) => x / 1000));
        fc.pre(Math.abs(cur - ms.threshold!) > 1e-6 * cur); // avoid a float tie at the threshold
        expect(s.flagged).toBe(ms.flagged);
      }),
    );
  });
});

describe("checkRunRegression", () => {
  it("compares only with earlier runs of the same mode", () => {
    const runs: ModeRun[] = [
      ...[300, 310, 305, 295, 320].map((setupMs, i) => ({ id: `s${i}`, mode: "sequential", startedAt: i, setupMs })),
      ...[100, 110, 120, 130, 140].map((setupMs, i) => ({ id: `p${i}`, mode: "parallel", startedAt: i, setupMs })),
      { id: "later", mode: "sequential", startedAt: 99, setupMs: 5 },
    ];
    const current: ModeRun = { id: "now", mode: "sequential", startedAt: 50, setupMs: 400 };
    const r = checkRunRegression(current, [...runs, current]);
    expect(r).toMatchObject({ n: 5, median: 305, flagged: true });
    expect(checkRunRegression({ ...current, mode: "parallel", setupMs: 125 }, runs).flagged).toBe(false);
  });
});

describe("checkRunRegressions", () => {
  it("checks every run as checkRunRegression does, runs started at the same instant included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ mode: fc.constantFrom("sequential", "parallel"), startedAt: fc.integer({ min: 0, max: 30 }), setupMs: fc.integer({ min: 1, max: 500 }) }), { maxLength: 60 }),
        (raw) => {
          const runs: ModeRun[] = raw.map((r, i) => ({ id: `r${i}`, ...r }));
          const all = checkRunRegressions(runs);
          expect(all.size).toBe(runs.length);
          for (const r of runs) expect(all.get(r.id)).toEqual(checkRunRegression(r, runs));
        },
      ),
    );
  });
});

