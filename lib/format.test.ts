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
