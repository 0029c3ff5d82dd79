import { describe, expect, it } from "vitest";
import { findOutliers } from "./outliers";

const runs = (ms: number[]) => ms.map((x, i) => ({ id: `r${i}`, ms: x }));

describe("findOutliers", () => {
  it("flags the README try-out's 13 s and 5 s runs among 7-minute runs", () => {
    const r = findOutliers(runs([455_000, 460_000, 462_000, 470_000, 448_000, 466_000, 13_000, 5_000]));
    expect(r.flagged.map((f) => f.id)).toEqual(["r6", "r7"]);
    expect(r.n).toBe(8);
    // median of the logs lies between 455 s and 460 s; the fence stays near the bulk
    expect(r.fence!.lo).toBeGreaterThan(300_000);
    expect(r.fence!.hi).toBeLessThan(700_000);
  });

  it("leaves ordinary spread alone (skewed, no run 3.5 robust SD out)", () => {
    expect(findOutliers(runs([300_000, 320_000, 350_000, 310_000, 400_000, 330_000])).flagged).toEqual([]);
  });

  it("does not judge fewer than 5 runs", () => {
    expect(findOutliers(runs([460_000, 455_000, 470_000, 5_000]))).toEqual({ n: 4, fence: null, flagged: [] });
  });

  it("falls back to the mean absolute deviation when most runs are identical", () => {
    // MAD of logs is 0; mean absolute deviation is not
    const r = findOutliers(runs([400_000, 400_000, 400_000, 400_000, 400_000, 401_000, 10_000]));
    expect(r.flagged.map((f) => f.id)).toEqual(["r6"]);
  });
});
