import { describe, expect, it } from "vitest";
import { gapThreshold, splitAtGaps } from "./gaps";

const DAY = 86_400_000;
const at = (d: number) => ({ at: Date.UTC(2026, 10, d) });

describe("splitAtGaps", () => {
  it("breaks the line between 11-11 and 12-05 when runs came daily", () => {
    const pts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(at).concat([at(35), at(36)]); // Nov 35 = Dec 5
    const segs = splitAtGaps(pts);
    expect(segs.map((s) => s.length)).toEqual([11, 2]);
    expect(new Date(segs[1][0].at).toISOString().slice(5, 10)).toBe("12-05");
  });

  it("keeps ordinary irregular spacing as one line (a 2-day gap among daily runs)", () => {
    expect(splitAtGaps([1, 2, 3, 5, 6, 7].map(at))).toHaveLength(1);
  });

  it("does not judge with fewer than 3 points or with no spacing", () => {
    expect(splitAtGaps([at(1), at(30)])).toHaveLength(1);
    expect(gapThreshold([5, 5, 5])).toBeNull();
    expect(splitAtGaps([])).toEqual([]);
  });

  it("uses 3 x the median spacing", () => {
    expect(gapThreshold([0, DAY, 2 * DAY, 10 * DAY])).toBe(3 * DAY);
  });
});
