// The web processes' V8 options (lib/ops/node-options.ts): the semi-space size
// is added to whatever NODE_OPTIONS the operator gave, and theirs wins.
import { describe, expect, it } from "vitest";
import { WEB_SEMI_SPACE_MB, webNodeOptions } from "@/lib/ops/node-options";

describe("webNodeOptions", () => {
  it("sets the young generation's size when nothing is given", () => {
    expect(webNodeOptions(undefined)).toBe(`--max-semi-space-size=${WEB_SEMI_SPACE_MB}`);
    expect(webNodeOptions("  ")).toBe(`--max-semi-space-size=${WEB_SEMI_SPACE_MB}`);
  });
  it("keeps the operator's options and adds it after them", () => {
    expect(webNodeOptions("--max-old-space-size=4096")).toBe(`--max-old-space-size=4096 --max-semi-space-size=${WEB_SEMI_SPACE_MB}`);
  });
  it("leaves an operator's own semi-space size alone", () => {
    expect(webNodeOptions("--max-semi-space-size=16")).toBe("--max-semi-space-size=16");
  });
});
