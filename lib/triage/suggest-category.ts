// Suggests a root-cause category for a new triage item, with the reason shown
// to people. The strongest signal is what people chose before for the same
// failure signature; otherwise ordered rules over the failure message, the
// failure type and the run's setup phases. First match wins, in this order:
//   1. history        people's most frequent choice for this signature
//   2. infrastructure connection refused/reset, dial/no such host, image pull,
//                     OOMKilled, CrashLoopBackOff, TLS/certificate, disk full,
//                     proxy 502/503/504 - checked before timing, so a deadline
//                     exceeded while dialing is infrastructure, not timing
//   3. infrastructure a setup phase of the run failed or was OOM-killed
//   4. product_bug    panics, nil dereferences, "not implemented"/501
//                     (before expectation: such messages also say "Expected")
//   5. test_data      missing fixtures/files/env, unmarshal/parse errors, wrong config
//   6. timing         Gomega "Timed out after", Eventually/Consistently, timeouts
//                     (before expectation: Gomega timeouts also print Expected/to equal)
//   7. expectation    Expected…to equal/be, assertion errors, status-code mismatches
//   8. flaky          the spec passed on retry / flips in recent history
//   9. unanalysed     nothing matched: a person has to look
// Rules are heuristics; the triage page shows how often people agreed.

export const CATEGORY_KEYS = ["timing", "expectation", "test_data", "product_bug", "infrastructure", "flaky", "unanalysed"] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];

export interface SuggestionInput {
  message: string | null;
  details: string | null;
  failureType: string | null;
  status: "failed" | "error";
  failedPhases?: { name: string; status: string; attributes?: unknown }[];
  flaky?: boolean;
  /** categories people confirmed before for the same failure signature */
  history?: { categoryKey: string; count: number }[];
}

export interface Suggestion {
  key: CategoryKey | string;
  rule: string;
  reason: string;
  confidence: "high" | "medium" | "low";
}

interface Rule {
  key: CategoryKey;
  rule: string;
  pattern: RegExp;
}

const RULES: Rule[] = [
  { key: "infrastructure", rule: "connection failure", pattern: /connection refused|connection reset|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|no route to host|no such host|ENOTFOUND|dial tcp|i\/o timeout|broken pipe|java\.net\.(Connect|UnknownHost|NoRouteToHost)Exception|Could not resolve host|network is unreachable/i },
  { key: "infrastructure", rule: "container or cluster failure", pattern: /ImagePullBackOff|ErrImagePull|OOMKilled|out of memory|CrashLoopBackOff|Evicted|node\(s\) (had|didn't)|Insufficient (cpu|memory)|kind: .*fail|docker: .*(error|failed)|Cannot connect to the Docker daemon|x509:|certificate (has expired|signed by unknown)|no space left on device|disk full/i },
  { key: "infrastructure", rule: "gateway error from a proxy", pattern: /\b(502 Bad Gateway|503 Service Unavailable|504 Gateway Time-?out)\b/i },
  { key: "product_bug", rule: "crash in the product", pattern: /panic:|nil pointer dereference|NullPointerException|segmentation fault|SIGSEGV|TypeError: Cannot read propert(y|ies) of (undefined|null)|\bnot (yet )?implemented\b|\bunimplemented\b|\b501 Not Implemented\b|<int>: 501\b|AttributeError: .{0,80}has no attribute|DivideByZeroException|NullReferenceException|ZeroDivisionError|undefined is not a function|is not a function\b/i },
  { key: "test_data", rule: "test data or configuration", pattern: /no such file or directory|ENOENT|FileNotFoundError|fixture[^\n]{0,80}(not found|missing|failed to load)|failed to load fixture|missing (env|environment variable|config)|environment variable [^\n]{0,60} (is )?(not set|missing)|yaml: (unmarshal|line \d+)|json: cannot unmarshal|invalid configuration|config(uration)? (points at|mismatch)|already exists|not found; scraped/i },
  { key: "timing", rule: "timeout", pattern: /Timed out after [\d.]+m?s|Timeout of \d+ ?ms exceeded|exceeded timeout of \d+ ?ms|Timeout \d+ms exceeded|timed? ?out|deadline exceeded|\bEventually\b|\bConsistently\b|Failed: Timeout >[\d.]+s|took longer than/i },
  { key: "expectation", rule: "assertion mismatch", pattern: /Expected[\s\S]{0,200}?\bto (equal|be|contain|have|match|succeed)|not to be empty|\bexpect\([\s\S]{0,80}\)\.(toBe|toEqual|toContain|toHaveBeenCalled|toMatch)|\bAssertionError\b|assert [\s\S]{0,80}(==|!=|\bin\b)|expected:? ?<[\s\S]{0,80}> but was:? ?<|expected [\s\S]{0,60} (to|but) (equal|got|be)|Not equal:|Error Trace:|ComparisonFailure|AssertionFailedError|\bassertion failed\b|assertion `?left == right`? failed|expected:? [^\n]{0,80}\n?\s*got:? |Expected [^\n]{0,40}, got |Assert\.\w+\(\) Failure|Expected:[\s\S]{0,80}Actual:|\b(REQUIRE|CHECK|check_eq|check_ne|ASSERT_\w+|EXPECT_\w+)\(|Failed asserting that|is not true\b/i },
];

const clip = (s: string, n = 90) => {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

function evidence(text: string, m: RegExpExecArray): string {
  const start = Math.max(0, m.index - 20);
  return clip(text.slice(start, m.index + Math.max(m[0].length, 40) + 20));
}

function categoryName(key: string) {
  return ({ timing: "Test timing", expectation: "Expectation mismatch", test_data: "Test data / config", product_bug: "Product bug", infrastructure: "Infrastructure", flaky: "Flaky", unanalysed: "Not yet analysed" } as Record<string, string>)[key] ?? key;
}

export function suggestCategory(input: SuggestionInput): Suggestion {
  const history = (input.history ?? []).filter((h) => h.count > 0).sort((a, b) => b.count - a.count);
  if (history.length) {
    const total = history.reduce((s, h) => s + h.count, 0);
    const top = history[0];
    return {
      key: top.categoryKey, rule: "history", confidence: top.count === total ? "high" : "medium",
      reason: `People chose ${categoryName(top.categoryKey)} for this failure ${top.count} of ${total} time${total === 1 ? "" : "s"}`,
    };
  }
  const text = [input.failureType, input.message, input.details].filter(Boolean).join("\n");
  const apply = (rules: Rule[]) => {
    for (const r of rules) {
      const m = r.pattern.exec(text);
      if (m) return { key: r.key, rule: r.rule, confidence: "medium" as const, reason: `Message says "${evidence(text, m)}" (rule: ${r.rule})` };
    }
    return null;
  };
  const infra = apply(RULES.filter((r) => r.key === "infrastructure"));
  if (infra) return infra;
  const badPhase = (input.failedPhases ?? []).find((p) => p.status === "failed" || p.status === "cancelled" || oomKills(p.attributes) > 0);
  if (badPhase) {
    const oom = oomKills(badPhase.attributes);
    return {
      key: "infrastructure", rule: "setup phase failed", confidence: "medium",
      reason: `Setup phase "${clip(badPhase.name, 60)}" ${oom > 0 ? `had ${oom} OOM kill${oom === 1 ? "" : "s"}` : badPhase.status} in this run (rule: setup phase failed)`,
    };
  }
  const byMessage = apply(RULES.filter((r) => r.key !== "infrastructure"));
  if (byMessage) return byMessage;
  if (input.flaky) return { key: "flaky", rule: "passed on retry", confidence: "low", reason: "The spec passed on a retry in the same run (rule: flaky)" };
  return { key: "unanalysed", rule: "none", confidence: "low", reason: text.trim() ? "No rule matched; needs a person" : "No failure message; needs a person" };
}

function oomKills(attributes: unknown): number {
  const v = (attributes as { oomKills?: unknown } | null | undefined)?.oomKills;
  return typeof v === "number" ? v : Number(v) || 0;
}
