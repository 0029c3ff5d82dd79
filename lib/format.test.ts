import { describe, expect, it } from "vitest";
import { formatDuration, runStatusText, specsSummary } from "./format";

const origin = { testsTotal: 24, testsPassed: 0, testsFailed: 16, testsErrored: 0, testsSkipped: 8, testsPending: 0 };

describe("format", () => {
  it("summarises the origin run the way a reader needs it", () => {
    expect(specsSummary(origin)).toBe("16 of 24 run, 0 passed");
    expect(runStatusText({ ...origin, status: "failed", setupOk: true })).toBe("setup ok, tests 0/16");
  });
  it("formats durations", () => {
    expect(formatDuration(314_600)).toBe("5m 14.6s");
    expect(formatDuration(456_000)).toBe("7m 36.0s");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("chart axes", () => {
  it("formats ticks like the product's durations, without noise", async () => {
    const { formatAxisSeconds } = await import("@/lib/format");
    expect([0, 0.5, 2.5, 45, 200, 14000].map(formatAxisSeconds)).toEqual(["0", "500 ms", "2.5 s", "45 s", "3m 20s", "3h 53m"]);
    expect(formatAxisSeconds(10.424999999999999)).toBe("10.4 s");
  });
  it("ends an axis at a round value at or above the data", async () => {
    const { niceAxisMax } = await import("@/lib/format");
    expect(niceAxisMax(10.424999999999999)).toBe(12.5);
    expect(niceAxisMax(100)).toBe(100);
    expect(niceAxisMax(14000)).toBe(15000);
    expect(niceAxisMax(0)).toBe(1);
  });
});
