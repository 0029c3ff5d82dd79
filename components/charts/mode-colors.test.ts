import { describe, expect, it } from "vitest";
import { markerLabelPosition, modeColor } from "./mode-colors";

describe("modeColor", () => {
  it("gives a mode one colour whatever other modes a chart shows", () => {
    expect(modeColor("parallel")).toBe("#d97706");
    expect(modeColor("sequential")).toBe("#2563eb");
    expect(modeColor("Parallel")).toBe(modeColor("parallel"));
    const other = modeColor("smoke");
    expect(other).toBe(modeColor("smoke"));
    expect([modeColor("sequential"), modeColor("parallel")]).not.toContain(other);
  });
});

describe("markerLabelPosition", () => {
  it("puts the label on the side with room", () => {
    expect(markerLabelPosition(10, 0, 100)).toBe("insideTopLeft");
    expect(markerLabelPosition(95, 0, 100)).toBe("insideTopRight");
    expect(markerLabelPosition(5, 5, 5)).toBe("insideTopLeft");
  });
});
