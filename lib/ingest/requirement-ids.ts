// Requirement and test IDs mentioned in spec names, classnames and properties,
// e.g. "[It] Test 17: Error Response Codes (BR-GATEWAY-101, BR-GATEWAY-043) ...".
//
// An ID is PREFIX, up to five area segments, then a number:
//   BR-101, BR-GATEWAY-024, DD-E2E-K8S-CLIENT-001, ADR-EM-001.
// Prefixes are per-project and matched case-sensitively: "HTTP-500",
// "SHA-256", "UTF-8", "PR-1234" or dates never match because only configured
// prefixes start an ID. Area segments must start with a letter, so a numeric
// segment after the number is a range end ("BR-GATEWAY-001-003").
//
// Every regex below is linear: quantifiers are bounded or deterministic, and
// lookbehinds let a match start only at a token boundary, never inside a token.
import { z } from "zod";

export interface RequirementPattern {
  /** Prefixes that start a requirement ID (BR, DD, ADR ...). */
  requirementPrefixes: string[];
  /** Prefixes that start a test ID when written outside brackets (E2E, GW ...). */
  testIdPrefixes: string[];
}

export const DEFAULT_REQUIREMENT_PATTERN: RequirementPattern = {
  requirementPrefixes: ["BR", "DD", "ADR"],
  testIdPrefixes: ["E2E", "GW", "TC"],
};

const prefixSchema = z.string().regex(/^[A-Z][A-Z0-9]{0,15}$/, "uppercase letters and digits, starting with a letter, at most 16");

export const requirementPatternSchema = z.object({
  requirementPrefixes: z.array(prefixSchema).min(1).max(20),
  testIdPrefixes: z.array(prefixSchema).max(20),
});

/** Ranges longer than this keep just their endpoints ("BR-1 to BR-99999" is a typo, not 99999 IDs). */
export const MAX_RANGE = 100;
const MAX_IDS = 10_000;

interface Compiled {
  requirement: RegExp;
  testId: RegExp;
  bracketed: RegExp;
  requirementStart: RegExp;
}

const SEGMENTS = "(?:-[A-Z][A-Z0-9]{0,15}){0,5}";
// Not preceded by anything that would make this the middle of a longer token.
const START = "(?<![A-Za-z0-9_-])";
const END = "(?![A-Za-z0-9_])";

const cache = new Map<string, Compiled>();

function compile(pattern: RequirementPattern): Compiled {
  const key = JSON.stringify(pattern);
  let c = cache.get(key);
  if (c) return c;
  const alt = (prefixes: string[]) => prefixes.map((p) => p.replace(/[^A-Z0-9]/g, "")).filter(Boolean).join("|") || "(?!)";
  const req = alt(pattern.requirementPrefixes);
  c = {
    requirement: new RegExp(`${START}((?:${req})${SEGMENTS})-(\\d{1,6})${END}`, "g"),
    testId: new RegExp(`${START}(?:${alt(pattern.testIdPrefixes)})(?:-[A-Z0-9]{1,16}){1,6}${END}`, "g"),
    // Any bracketed ID-like token of three or more segments ending in a number,
    // e.g. "[E2E-GW-002-001]". Ginkgo labels ("[It]", "[e2e, slow]") have no
    // numeric segment, and two segments ("[HTTP-500]") are too ambiguous.
    bracketed: /\[([A-Z][A-Z0-9]{0,15}(?:-[A-Z0-9]{1,16}){2,6})\]/g,
    requirementStart: new RegExp(`^(?:${req})-`),
  };
  if (cache.size > 100) cache.clear();
  cache.set(key, c);
  return c;
}

// Range end right after the number: "-003" (same width), "–003", " to 114",
// " through BR-GATEWAY-114", "..114".
const RANGE = /(?:-(?=\d)|\s*(?:–|—|\.\.)\s*|\s+(?:to|through|thru)\s+)([A-Z][A-Z0-9-]{0,100}?-)?(\d{1,6})(?![A-Za-z0-9_]|-\d)/y;
// Shorthand list item: "BR-GATEWAY-018, 021" / "018/021" / "018 and 021". The
// item must end the phrase, so "BR-GATEWAY-101, 503 expected" adds nothing.
const LIST_ITEM = /\s*(?:,|\/|&|\band\b)\s*(?:and\s+)?(\d{1,6})(?=\s*(?:$|[),;:\]/&]|and\b|\.(?!\d))|\s*(?:–|—|\.\.|to\s|through\s|thru\s)|-\d)/y;

export function extractIds(
  texts: readonly (string | undefined)[],
  pattern: RequirementPattern = DEFAULT_REQUIREMENT_PATTERN,
): { requirementIds: string[]; testIds: string[] } {
  const c = compile(pattern);
  const requirements = new Set<string>();
  const tests = new Set<string>();
  const addReq = (id: string) => requirements.size < MAX_IDS && requirements.add(id);

  for (const text of texts) {
    if (!text) continue;
    c.requirement.lastIndex = 0;
    for (let m = c.requirement.exec(text); m; m = c.requirement.exec(text)) {
      const stem = m[1];
      const width = m[2].length;
      let end = c.requirement.lastIndex;
      end = takeRange(text, end, stem, m[2], width, addReq);
      // Shorthand continuation: numbers of the same width share the stem.
      for (;;) {
        LIST_ITEM.lastIndex = end;
        const item = LIST_ITEM.exec(text);
        if (!item || item[1].length !== width) break;
        end = takeRange(text, LIST_ITEM.lastIndex, stem, item[1], width, addReq);
      }
      c.requirement.lastIndex = end;
    }

    c.bracketed.lastIndex = 0;
    c.testId.lastIndex = 0;
    const candidates: [number, string][] = [];
    for (let m = c.bracketed.exec(text); m; m = c.bracketed.exec(text)) candidates.push([m.index + 1, m[1]]);
    for (let m = c.testId.exec(text); m; m = c.testId.exec(text)) candidates.push([m.index, m[0]]);
    candidates.sort((a, b) => a[0] - b[0]);
    for (const [, id] of candidates) {
      if (/-\d+$/.test(id) && !c.requirementStart.test(id) && tests.size < MAX_IDS) tests.add(id);
    }
  }
  return { requirementIds: [...requirements], testIds: [...tests] };
}

/** Adds stem-number, expanding a range that follows at `pos`; returns where parsing continues. */
function takeRange(text: string, pos: number, stem: string, first: string, width: number, add: (id: string) => void): number {
  RANGE.lastIndex = pos;
  const r = RANGE.exec(text);
  const from = Number(first);
  const to = r ? Number(r[2]) : NaN;
  const isDash = text[pos] === "-";
  const sameStem = r?.[1] === stem + "-";
  // "-NNN" must keep the width ("BR-7-2025" is no range); a bare " to NNN" must
  // too unless the start is unpadded ("BR-8 to 12"); an end naming another stem
  // is a separate ID that the caller's scan picks up.
  const valid =
    r !== null &&
    to > from &&
    (isDash
      ? r[1] === undefined && r[2].length === width
      : sameStem || (r[1] === undefined && (r[2].length === width || (!first.startsWith("0") && r[2].length > width))));
  if (!valid) {
    add(`${stem}-${first}`);
    return pos;
  }
  const id = (n: number) => `${stem}-${String(n).padStart(width, "0")}`;
  if (to - from < MAX_RANGE) {
    for (let n = from; n <= to; n++) add(id(n));
  } else {
    add(id(from));
    add(sameStem ? `${stem}-${r[2]}` : id(to));
  }
  return RANGE.lastIndex;
}
