import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_REQUIREMENT_PATTERN, extractIds, requirementPatternSchema, type RequirementPattern } from "./requirement-ids";

const reqs = (...texts: string[]) => extractIds(texts).requirementIds;
const tests = (...texts: string[]) => extractIds(texts).testIds;

describe("extractIds: requirement IDs", () => {
  it.each<[string, string[]]>([
    [
      "[It] Test 17: Error Response Codes (BR-GATEWAY-101, BR-GATEWAY-043) HTTP Error Response Validation should return 400",
      ["BR-GATEWAY-101", "BR-GATEWAY-043"],
    ],
    ["BR-GATEWAY-024", ["BR-GATEWAY-024"]],
    ["validates BR-HTTP-015 headers", ["BR-HTTP-015"]],
    ["area-less BR-101.", ["BR-101"]],
    ["per DD-GATEWAY-009", ["DD-GATEWAY-009"]],
    ["DD-E2E-K8S-CLIENT-001: shared client", ["DD-E2E-K8S-CLIENT-001"]],
    ["see ADR-028 and ADR-EM-001", ["ADR-028", "ADR-EM-001"]],
    ["BR-GATEWAY-111 to BR-GATEWAY-114", ["BR-GATEWAY-111", "BR-GATEWAY-112", "BR-GATEWAY-113", "BR-GATEWAY-114"]],
    ["BR-GATEWAY-111 to 113", ["BR-GATEWAY-111", "BR-GATEWAY-112", "BR-GATEWAY-113"]],
    ["BR-GATEWAY-111–112", ["BR-GATEWAY-111", "BR-GATEWAY-112"]],
    ["(BR-GATEWAY-001-003)", ["BR-GATEWAY-001", "BR-GATEWAY-002", "BR-GATEWAY-003"]],
    ["BR-8 to 11", ["BR-8", "BR-9", "BR-10", "BR-11"]],
    ["BR-GATEWAY-018, 021", ["BR-GATEWAY-018", "BR-GATEWAY-021"]],
    ["(BR-GATEWAY-018, 021, 030-031, BR-HTTP-015)", ["BR-GATEWAY-018", "BR-GATEWAY-021", "BR-GATEWAY-030", "BR-GATEWAY-031", "BR-HTTP-015"]],
    ["BR-GATEWAY-018/021 and 022", ["BR-GATEWAY-018", "BR-GATEWAY-021", "BR-GATEWAY-022"]],
    // Out-of-bounds or reversed ranges keep only what is written.
    ["BR-GATEWAY-001 to BR-GATEWAY-500", ["BR-GATEWAY-001", "BR-GATEWAY-500"]],
    ["BR-GATEWAY-001-101", ["BR-GATEWAY-001", "BR-GATEWAY-101"]],
    ["BR-GATEWAY-001-100", Array.from({ length: 100 }, (_, i) => `BR-GATEWAY-${String(i + 1).padStart(3, "0")}`)],
    ["BR-GATEWAY-114 to BR-GATEWAY-111", ["BR-GATEWAY-114", "BR-GATEWAY-111"]],
    ["BR-GATEWAY-005-002", ["BR-GATEWAY-005"]],
    ["BR-GATEWAY-111 to BR-HTTP-114", ["BR-GATEWAY-111", "BR-HTTP-114"]],
    // Shorthand numbers that are not list items.
    ["BR-GATEWAY-101, 503 expected", ["BR-GATEWAY-101"]],
    ["BR-GATEWAY-101, 5", ["BR-GATEWAY-101"]],
    ["BR-GATEWAY-101 to 5 replicas", ["BR-GATEWAY-101"]],
    ["BR-7-2025", ["BR-7"]],
    // Deduplicated, in order of first appearance.
    ["BR-GATEWAY-002 BR-GATEWAY-001 BR-GATEWAY-002", ["BR-GATEWAY-002", "BR-GATEWAY-001"]],
  ])("%s", (text, expected) => {
    expect(reqs(text)).toEqual(expected);
  });

  it.each([
    "HTTP-500 Internal Server Error",
    "SHA-256 digest",
    "UTF-8 body",
    "ISO-8601 timestamps",
    "K8S client",
    "2025-01-02T10:00:00Z",
    "2025-01-02 10:00:00",
    "dial tcp 10.96.12.4:8080",
    "fd00::1",
    "PR-1234",
    "br-gateway-001",
    "XBR-101",
    "BR-GATEWAY",
    "BR-1234567",
    "SUB-BR-101",
    "BR-101x",
    "BR_101",
  ])("no requirement in %j", (text) => {
    expect(reqs(text)).toEqual([]);
  });

  it("reads several texts and skips undefined", () => {
    expect(extractIds([undefined, "BR-101", "", "[E2E-GW-002-001] BR-101 DD-009"])).toEqual({
      requirementIds: ["BR-101", "DD-009"],
      testIds: ["E2E-GW-002-001"],
    });
  });
});

describe("extractIds: test IDs", () => {
  it.each<[string, string[]]>([
    ["[It] [E2E-GW-002-001] dedup works", ["E2E-GW-002-001"]],
    ["GW-ERR-001 returns 400", ["GW-ERR-001"]],
    ["[ABC-LOGIN-07] and TC-42", ["ABC-LOGIN-07", "TC-42"]],
    ["[It] [E2E-GW-002-001] (BR-GATEWAY-001) GW-ERR-001", ["E2E-GW-002-001", "GW-ERR-001"]],
  ])("%s", (text, expected) => {
    expect(tests(text)).toEqual(expected);
  });

  it.each(["[It] spec [e2e, slow]", "[HTTP-500]", "[BR-GATEWAY-001-002]", "[SIG-NETWORK]", "DD-E2E-K8S-CLIENT-001", "GW-ERR", "GW-ERR-001x"])(
    "no test id in %j",
    (text) => {
      expect(tests(text)).toEqual([]);
    },
  );

  it("keeps test IDs apart from requirement IDs", () => {
    expect(extractIds(["[E2E-GW-002-001] Test 3 (BR-GATEWAY-024)"])).toEqual({
      requirementIds: ["BR-GATEWAY-024"],
      testIds: ["E2E-GW-002-001"],
    });
  });
});

describe("extractIds: configurable pattern", () => {
  const jira: RequirementPattern = { requirementPrefixes: ["REQ", "PR"], testIdPrefixes: [] };

  it("uses only the configured prefixes", () => {
    expect(extractIds(["REQ-12 PR-1234 BR-101 GW-ERR-001 [E2E-GW-002-001]"], jira)).toEqual({
      requirementIds: ["REQ-12", "PR-1234"],
      testIds: ["E2E-GW-002-001"],
    });
  });

  it("validates the project setting", () => {
    expect(requirementPatternSchema.safeParse(DEFAULT_REQUIREMENT_PATTERN).success).toBe(true);
    expect(requirementPatternSchema.safeParse({ requirementPrefixes: ["br"], testIdPrefixes: [] }).success).toBe(false);
    expect(requirementPatternSchema.safeParse({ requirementPrefixes: ["B|R"], testIdPrefixes: [] }).success).toBe(false);
    expect(requirementPatternSchema.safeParse({ requirementPrefixes: [], testIdPrefixes: [] }).success).toBe(false);
  });
});

describe("extractIds: properties", () => {
  const idChar = fc.constantFrom(..."BRDAGTEWY0123456789-, []to/E2KS".split(""));
  const idLike = fc.array(idChar, { maxLength: 60 }).map((a) => a.join(""));
  const text = fc.oneof(fc.string({ maxLength: 200 }), idLike, fc.string({ unit: "grapheme", maxLength: 100 }));

  it("never throws and returns well-formed IDs", () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), (texts) => {
        const { requirementIds, testIds } = extractIds(texts);
        for (const id of requirementIds) expect(id).toMatch(/^(?:BR|DD|ADR)(?:-[A-Z][A-Z0-9]*)*-\d+$/);
        for (const id of testIds) expect(id).toMatch(/^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/);
        expect(new Set(requirementIds).size).toBe(requirementIds.length);
      }),
      { numRuns: 500 },
    );
  });

  it("is idempotent: extracting from the extracted IDs gives them back", () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), (texts) => {
        const first = extractIds(texts);
        const again = extractIds([first.requirementIds.join(" "), first.testIds.map((t) => `[${t}]`).join(" ")]);
        expect(again.requirementIds).toEqual(first.requirementIds);
        expect(again.testIds).toEqual(first.testIds);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ["random ID-ish text", () => pseudoRandomText(1_000_000, "BRDAGTEWY0123456789-, []to/E2KS")],
    ["one long segment chain", () => "BR" + "-A".repeat(500_000)],
    ["a long shorthand list", () => "BR-GATEWAY-001" + ", 001".repeat(200_000)],
    ["an unclosed bracket chain", () => "[A" + "-1".repeat(500_000)],
    ["a long test-id chain", () => "GW" + "-A1".repeat(350_000)],
    ["repeated range words", () => "BR-1 to ".repeat(130_000)],
    ["whitespace after an ID", () => "BR-GATEWAY-001" + " ".repeat(1_000_000) + ", 002"],
  ])("runs in linear time on 1 MB of %s", (_, make) => {
    const input = make();
    expect(input.length).toBeGreaterThan(1_000_000 - 100_000);
    const started = performance.now();
    extractIds([input]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

/** Deterministic noise over `alphabet` (an LCG), so the timing test is reproducible. */
function pseudoRandomText(length: number, alphabet: string): string {
  let seed = 42;
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out.push(alphabet[seed % alphabet.length]);
  }
  return out.join("");
}
