import { describe, expect, it } from "vitest";
import { parseSeconds } from "./times";

describe("parseSeconds", () => {
  it.each([
    ["1.5", 1.5],
    ["0.000000", 0],
    [" 12 ", 12],
    ["1e-05", 0.00001],
    ["2,503.1", 2503.1],
    ["1,234,567", 1234567],
    ["1,5", 1.5],
    ["2,503", 2.503],
    ["1.234,5", 1234.5],
  ])("%s -> %s", (raw, want) => {
    expect(parseSeconds(raw)).toBeCloseTo(want, 9);
  });

  it.each([undefined, "", "  ", "-345345", "-0.1", "abc", "1.2.3", "0x10", "Infinity", "NaN", "1,2,3", "12s"])(
    "%s -> null",
    (raw) => {
      expect(parseSeconds(raw)).toBeNull();
    },
  );
});
