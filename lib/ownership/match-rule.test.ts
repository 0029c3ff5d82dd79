import { describe, expect, it } from "vitest";
import { type SpecFacts, firstMatch } from "@/lib/ownership/match-rule";

const spec = (over: Partial<SpecFacts> = {}): SpecFacts => ({
  name: "[It] retries a failed upload / twice", classname: "com.acme.gateway.UploadTest", file: "./e2e/gateway/upload_test.go",
  requirementIds: ["DD-GATEWAY-009", "BR-GATEWAY-018"], labels: { area: "Storage" }, ...over,
});

describe("ownership rule matching", () => {
  it("takes the first rule that matches, not the most specific", () => {
    const rules = [{ kind: "spec" as const, pattern: "*nothing*" }, { kind: "requirement" as const, pattern: "BR-GATEWAY-0*" }, { kind: "requirement" as const, pattern: "BR-GATEWAY-018" }];
    expect(firstMatch(rules, spec())).toBe(1);
  });

  it("matches requirement IDs and labels ignoring case, spec names and classnames across / and .", () => {
    expect(firstMatch([{ kind: "requirement", pattern: "dd-gateway-00?" }], spec())).toBe(0);
    expect(firstMatch([{ kind: "requirement", pattern: "BR-GATEWAY-02*" }], spec())).toBe(-1);
    expect(firstMatch([{ kind: "spec", pattern: "*failed upload*" }], spec())).toBe(0);
    expect(firstMatch([{ kind: "classname", pattern: "com.acme.*" }], spec())).toBe(0);
    expect(firstMatch([{ kind: "label", pattern: "area=storage" }], spec())).toBe(0);
    expect(firstMatch([{ kind: "label", pattern: "area=net*" }], spec())).toBe(-1);
  });

  it("matches file globs as paths: * stays in a folder, ** crosses them", () => {
    expect(firstMatch([{ kind: "file", pattern: "e2e/*/upload_test.go" }], spec())).toBe(0);
    expect(firstMatch([{ kind: "file", pattern: "e2e/*.go" }], spec())).toBe(-1);
    expect(firstMatch([{ kind: "file", pattern: "e2e/**/*.go" }], spec())).toBe(0);
    expect(firstMatch([{ kind: "file", pattern: "e2e/**" }], spec({ file: null, classname: "e2e/payments/refund.spec.ts" }))).toBe(0);
  });
});
