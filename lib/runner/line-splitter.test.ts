import { describe, expect, it } from "vitest";
import { LineSplitter } from "@/lib/runner/line-splitter";

describe("LineSplitter", () => {
  it("gives the lines each chunk completes and keeps the unfinished rest for later", () => {
    const s = new LineSplitter();
    expect(s.push("one\ntw")).toEqual(["one"]);
    expect(s.push("o\nthree\n")).toEqual(["two", "three"]);
    expect(s.push("")).toEqual([]);
    expect(s.end()).toBeNull();
  });

  it("returns an unterminated last line at the end, once", () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from("a\r\nlast"))).toEqual(["a\r"]);
    expect(s.end()).toBe("last");
    expect(s.end()).toBeNull();
  });

  it("keeps a multi-byte character whole when a chunk boundary cuts it", () => {
    const bytes = Buffer.from("📦 PHASE 2: Building\n");
    const s = new LineSplitter();
    expect(s.push(bytes.subarray(0, 2))).toEqual([]);
    expect(s.push(bytes.subarray(2))).toEqual(["📦 PHASE 2: Building"]);
  });
});
