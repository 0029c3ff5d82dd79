import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, assertJsonDepth, jsonDepthExceededAt } from "@/lib/ingest/json-depth";

const nest = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("jsonDepthExceededAt", () => {
  it("accepts exactly the limit and refuses one more, at the offending bracket", () => {
    expect(jsonDepthExceededAt(nest(MAX_JSON_DEPTH))).toBe(-1);
    expect(jsonDepthExceededAt(nest(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH);
    expect(jsonDepthExceededAt(`{"a":${nest(MAX_JSON_DEPTH)}}`)).toBe(5 + MAX_JSON_DEPTH - 1);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    const s = JSON.stringify({ a: "[".repeat(500) + '\\"[{' + "{".repeat(500), b: ['"', "\\", "]]]]"] });
    expect(jsonDepthExceededAt(s, 2)).toBe(-1);
    expect(jsonDepthExceededAt(`["\\\\"${"[".repeat(3)}`, 3)).toBe(7); // an escaped backslash ends the string
  });

  it("counts siblings, not their sum", () => {
    expect(jsonDepthExceededAt(JSON.stringify(Array.from({ length: 10_000 }, () => [[{ a: [1] }]])), 5)).toBe(-1);
  });

  it("scans a 1 MB body nested 5000 deep in milliseconds (no recursion, no stack overflow)", () => {
    const text = "{\"k\":".repeat(5000) + "1" + "}".repeat(5000) + " ".repeat(1024 * 1024);
    const t0 = performance.now();
    expect(jsonDepthExceededAt(text)).toBe(5 * MAX_JSON_DEPTH);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(() => assertJsonDepth(text, 'Part "metadata"')).toThrow(/Part "metadata" nests objects and arrays deeper than 64 levels/);
  });
});
