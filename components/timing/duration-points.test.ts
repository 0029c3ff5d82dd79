import { describe, expect, it } from "vitest";
import { type DurationPoint, packPoints, unpackPoints } from "./duration-points";

describe("packPoints / unpackPoints", () => {
  const points: DurationPoint[] = [
    { at: 1_796_000_000_000, mode: "sequential", totalS: 456.2, setupS: 300, testS: 150.1, setupFailed: false },
    { at: 1_796_000_600_000, mode: "parallel", totalS: null, setupS: 120.5, testS: null, setupFailed: true },
    { at: 1_796_001_200_000, mode: "sequential", totalS: 460, setupS: null, testS: 151, setupFailed: false },
  ];

  it("gives back the same points, in order", () => {
    expect(unpackPoints(packPoints(points))).toEqual(points);
  });

  it("names each mode once and is smaller than the objects as JSON", () => {
    const packed = packPoints(points);
    expect(packed.modes).toEqual(["sequential", "parallel"]);
    expect(packed.mode).toEqual([0, 1, 0]);
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...points[i % 3], at: points[0].at + i * 60_000 }));
    expect(JSON.stringify(packPoints(many)).length).toBeLessThan(JSON.stringify(many).length / 2);
  });
});
