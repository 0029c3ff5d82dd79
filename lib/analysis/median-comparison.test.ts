import { describe, expect, it } from "vitest";
import { compareWithMedian, formatDelta, median } from "./median-comparison";

describe("median comparison", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("compares with the median and says how many runs it rests on", () => {
    const c = compareWithMedian(314_600, [348_900, 340_000, 360_000]);
    expect(c).toEqual({ enough: true, n: 3, median: 348_900, deltaPercent: expect.closeTo(-9.83, 2) });
    if (c.enough) expect(formatDelta(c.deltaPercent)).toBe("\u22129.8 %");
  });

  it("claims nothing below three runs", () => {
    expect(compareWithMedian(1000, [900, 1100])).toEqual({ enough: false, n: 2 });
    expect(compareWithMedian(1000, [])).toEqual({ enough: false, n: 0 });
  });

  it("formats slower runs with a plus and equal ones without a sign", () => {
    expect(formatDelta(4)).toBe("+4.0 %");
    expect(formatDelta(0.01)).toBe("±0.0 %");
  });
});
