import { describe, expect, it } from "vitest";
import { parseOwnersFile, serializeOwnersFile } from "@/lib/ownership/owners-file";

const FILE = `# gateway owners
requirement:BR-GATEWAY-0*        @gateway
spec:*retries a failed upload*   Alice@Example.com

file:e2e/payments/**             bob@example.com
label:area=storage               @Storage
`;

describe("OWNERS file", () => {
  it("reads rules in order, with spaces in patterns, teams and people", () => {
    const { rules, errors } = parseOwnersFile(FILE);
    expect(errors).toEqual([]);
    expect(rules).toEqual([
      { kind: "requirement", pattern: "BR-GATEWAY-0*", owner: { type: "team", slug: "gateway" } },
      { kind: "spec", pattern: "*retries a failed upload*", owner: { type: "user", email: "alice@example.com" } },
      { kind: "file", pattern: "e2e/payments/**", owner: { type: "user", email: "bob@example.com" } },
      { kind: "label", pattern: "area=storage", owner: { type: "team", slug: "storage" } },
    ]);
  });

  it("names each bad line and what is wrong with it", () => {
    const { rules, errors } = parseOwnersFile("owner:x @a\nspec:ok @team\nspec:*  not-an-email\nrequirement:BR-*\n");
    expect(rules).toHaveLength(1);
    expect(errors).toEqual([
      { line: 1, message: 'unknown kind "owner" (requirement, spec, classname, file, label)' },
      { line: 3, message: '"not-an-email" is neither @team nor an e-mail address' },
      { line: 4, message: 'expected "kind:pattern owner", got "requirement:BR-*"' },
    ]);
  });

  it("writes a file that reads back to the same rules", () => {
    const { rules } = parseOwnersFile(FILE);
    const text = serializeOwnersFile(rules, "gateway-e2e");
    expect(text).toContain("requirement:BR-GATEWAY-0*");
    expect(text).toMatch(/^# Runboard OWNERS for project gateway-e2e/);
    expect(parseOwnersFile(text)).toEqual({ rules, errors: [] });
  });
});
