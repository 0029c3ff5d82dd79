// Suggests a root-cause category for a new triage item, with the reason shown
// next to it. Pure: the caller passes the failure, the run's bad setup phases,
// flakiness and what people chose before; nothing is read here.
//
// Order (history always wins, then the first rule that matches):
//   1. history         the category people confirmed most for the same failure signature
//   2. infrastructure  the text names the environment: connection refused/reset, DNS,
//                      dial/connect time-outs, image pulls, OOMKilled, CrashLoopBackOff,
//                      too few nodes, disk full, certificates, proxy 502/503/504,
//                      kind/kubectl/docker/helm errors
//   3. infrastructure  a setup phase of the run failed or had OOM kills
//   4. timing          Gomega "Timed out after"/Eventually/Consistently, runner time-outs
//                      (Jest, Mocha, Playwright, pytest-timeout, go test), deadline exceeded
//   5. product_bug     the text says the feature is missing: not implemented, 501, Unimplemented
//   6. test_data       missing fixture/file/env, unparsable YAML/JSON, "already exists", bad config
//   7. expectation     Expected…to equal/be, assertion errors, expected:<x> but was:<y>,
//                      status-code mismatches, testify, pytest assert, xUnit/NUnit/Catch2
//   8. product_bug     crashes: panics, nil dereferences, NPE, TypeError on undefined, AttributeError
//   9. flaky           nothing above matched and the spec passed on retry / flips in history
//  10. unanalysed      "No rule matched; needs a person"
//
// Why this order: almost every failure is printed as "Expected X to equal Y", so
// an assertion is the weakest evidence; a cause named next to it explains it.
// - A time-out while dialing or connecting is infrastructure (2 before 4); a bare
//   "context deadline exceeded" is timing.
// - Gomega's Eventually that timed out waiting for a status code prints "Timed out
//   after 30s … Expected <int>: 500 to equal <int>: 200": timing (4 before 7).
// - Cypress prefixes every failed assertion with "Timed out retrying after 4000ms:",
//   so that prefix before an "expected … to …" assertion is dropped (expectation);
//   waiting for an element that never appeared stays timing.
// - "Expected 15 to equal 1 … not implemented" is a product bug (5 before 7);
//   "Expected <*fs.PathError>: open testdata/x.yaml: no such file … to be nil" is
//   test data (6 before 7).
// - 502/503/504 as the status actually received is infrastructure (a proxy or an
//   unready backend answered); as the expected value, or any other code (500
//   included), a mismatch is expectation.
// - Rust's assert! panics ("panicked at … assertion `left == right` failed") and go
//   test's "panic: test timed out after 10m0s" are an assertion and a time-out, not
//   crashes (8 after 4 and 7).
// - A result of type "error" is judged by its text like a failure: a connection
//   failure in it (e.g. java.net.ConnectException) is infrastructure.
// - A failed setup phase outranks every rule but message infrastructure (which
//   quotes better evidence). Phases named like a test step ("Run E2E tests") are
//   ignored unless OOM-killed: they fail whenever a spec does.
// - Loose words ("timeout", "assert x == y", "got X, want Y") count only in the
//   message (or in the details when there is no message): pytest bodies quote the
//   test's source code.
// - Decoding errors that responses produce as often as fixtures do ("Unexpected
//   token < in JSON", Go's "invalid character '<' looking for beginning of value",
//   usually an HTML error page) are left to a person; YAML errors and Go's "json:
//   cannot unmarshal" count as test data.
// - History: ties go to the earlier key of CATEGORY_KEYS; "unanalysed" and
//   non-positive counts are not choices.
import { DEFAULT_CATEGORIES } from "@/lib/triage/categories";

export const CATEGORY_KEYS = ["timing", "expectation", "test_data", "product_bug", "infrastructure", "flaky", "unanalysed"] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];

export interface SuggestionInput {
  /** failure message (may be long and multi-line) */
  message: string | null;
  /** stack trace / failure body */
  details: string | null;
  /** e.g. "failed", "error", "AssertionError", "java.net.ConnectException" */
  failureType: string | null;
  status: "failed" | "error";
  /** setup phases of the run that failed or had oomKills > 0 */
  failedPhases?: { name: string; status: string; attributes?: Record<string, unknown> | null }[];
  /** passed on retry in this run, or flips in recent history */
  flaky?: boolean;
  /** categories people confirmed before for the same failure signature */
  history?: { categoryKey: string; count: number }[];
}

export interface Suggestion {
  /** a CategoryKey, or a project's own key when it comes from history */
  key: CategoryKey | string;
  rule: string;
  reason: string;
  confidence: "high" | "medium" | "low";
}

interface Rule {
  key: CategoryKey;
  rule: string;
  confidence: Suggestion["confidence"];
  pattern: RegExp;
  /** loose patterns: the message only (the details when there is no message) */
  messageOnly?: boolean;
}

export const MAX_REASON = 160;
// Bounds the regex work on huge Gomega dumps; the cause is near the top.
const MAX_MESSAGE = 16_000;
const MAX_DETAILS = 8_000;
const UNMATCHED = "No rule matched; needs a person";

// Patterns use bounded quantifiers only, so each stays linear in the input.
const RULES: Rule[] = [
  // 2. infrastructure, from the text
  { key: "infrastructure", rule: "connection", confidence: "high", pattern: /\bconnection (?:refused|reset)\b|\bE(?:CONNREFUSED|CONNRESET|HOSTUNREACH|NETUNREACH|NOTFOUND)\b|\bno route to host\b|\bnetwork is unreachable\b|\bno such host\b|\bgetaddrinfo\b|Could not resolve host|Temporary failure in name resolution|Name or service not known|\b(?:java\.net\.)?(?:Connect|UnknownHost|NoRouteToHost)Exception\b|\bConnection(?:Refused|Reset|Aborted)Error\b|\b(?:NewConnection|MaxRetry)Error\b|\bdial (?:tcp|udp|unix)\b|\bbroken pipe\b|\bError while dialing\b|\b(?:failed|unable|could not|couldn't) (?:to )?connect\b|\bupstream connect error\b|\bno healthy upstream\b/i },
  { key: "infrastructure", rule: "connect-timeout", confidence: "high", pattern: /\b(?:dial(?:ing)?|connect(?:ing)?|handshake)\b[^\n]{0,80}?(?:deadline exceeded|timed out|timeout)|(?:deadline exceeded|timed out)[^\n]{0,40}?\b(?:while|when) (?:dialing|connecting)\b|\bi\/o timeout\b|\bwaiting for (?:a )?connection\b|\bConnectTimeout(?:Error|Exception)?\b/i },
  { key: "infrastructure", rule: "cluster", confidence: "high", pattern: /\bImagePullBackOff\b|\bErrImagePull\b|\bOOMKilled\b|\bOOM[- ]?kill(?:ed|s)?\b|\bCrashLoopBackOff\b|\bCreateContainer(?:Config)?Error\b|\bFailedScheduling\b|\bInsufficient (?:cpu|memory)\b|\b\d{1,5}\/\d{1,5} nodes are available\b|(?:needs|requires) a cluster with at least \d{1,5} nodes?\b|\bnode\(s\) (?:had|didn't)\b|\b(?:Memory|PID)Pressure\b|The node was low on resource|JavaScript heap out of memory|\bout of memory\b|Cannot allocate memory|\bOutOfMemoryError\b/i },
  { key: "infrastructure", rule: "disk-full", confidence: "high", pattern: /\bno space left on device\b|\bENOSPC\b|\bdisk (?:is )?full\b|\bDiskPressure\b/i },
  { key: "infrastructure", rule: "certificate", confidence: "high", pattern: /\bx509: |\bcertificate (?:has expired|is not valid|signed by unknown authority|verify failed|is valid for)\b|\bCERTIFICATE_VERIFY_FAILED\b|\bSSL(?:Handshake)?(?:Exception|Error)\b|\b(?:UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED)\b|\btls: (?:failed to verify|bad certificate|handshake failure|unknown certificate)\b|PKIX path building failed/i },
  { key: "infrastructure", rule: "proxy-5xx", confidence: "high", pattern: /\b(?:502 )?Bad Gateway\b|\b(?:503 )?Service (?:Temporarily )?Unavailable\b|\b(?:504 )?Gateway Time-?out\b|\bExpected\s{1,20}<int>: 50[234]\b(?:\s{1,20}to equal\b)?|\bexpected 50[234] to (?:equal|be)\b|\b(?:got|received|returned|responded with):?\s{0,4}50[234]\b|\bHTTP\/\d(?:\.\d)? 50[234]\b/i },
  { key: "infrastructure", rule: "tooling", confidence: "high", pattern: /Cannot connect to the Docker daemon|\bdocker\.sock\b|\bError response from daemon\b|\bfailed to create cluster\b|\bkind (?:create|load|export|delete|get)\b[^\n]{0,80}?\b(?:fail|error)|\bkubectl\b[^\n]{0,80}?\b(?:error|failed|Unable to connect)\b|Unable to connect to the server|The connection to the server [^\n]{0,80}? was refused|executable file not found in \$PATH|\bcommand not found\b|\bhelm\b[^\n]{0,40}?\bError: /i },
  // 4. timing (3, setup phases, is checked in code between 2 and 4)
  { key: "timing", rule: "timeout", confidence: "high", pattern: /\bTimed out after \d{1,9}(?:\.\d{1,9})?m?s\b|\bFailed after \d{1,9}(?:\.\d{1,9})?m?s\b|\bEventually\b|\bConsistently\b|\bExceeded timeout of \d{1,9} ?ms\b|Async callback was not invoked within|\b[Tt]imeout (?:of )?\d{1,9} ?ms exceeded\b|\bTimed out retrying after \d{1,9} ?ms\b|\bFailed: Timeout >\d{1,9}(?:\.\d{1,9})?s\b|\+{4,20} Timeout \+{4,20}|\btest timed out after\b|\bTimeout(?:Exception|Error)\b|\bexecution timed out\b|\bDeadlineExceeded\b|\bDEADLINE_EXCEEDED\b/ },
  { key: "timing", rule: "timeout-word", confidence: "medium", messageOnly: true, pattern: /\btimed? ?out\b|\btimeout\b|\bdeadline exceeded\b|\btook (?:longer|too long)\b/i },
  // 5. product bug named by the message
  { key: "product_bug", rule: "not-implemented", confidence: "medium", pattern: /\bnot (?:yet )?implemented\b|\bunimplemented\b|\bNotImplemented(?:Error|Exception)?\b|\bUnsupportedOperationException\b|\b501 Not Implemented\b|\bExpected\s{1,20}<int>: 501\b(?:\s{1,20}to equal\b)?|\b(?:got|received|returned|responded with):?\s{0,4}501\b/i },
  // 6. test data / config
  { key: "test_data", rule: "test-data", confidence: "medium", pattern: /\bno such file or directory\b|\bENOENT\b|\bFileNotFound(?:Error|Exception)\b|\bNoSuchFileException\b|\b(?:fixtures?|testdata|test data|seed data)\b[^\n]{0,80}?\b(?:not found|missing|does(?: not|n't) exist|invalid)\b|\bfailed to (?:load|read|open|parse) (?:fixture|testdata|test data|config)|\bmissing (?:required )?(?:env(?:ironment)?(?: var(?:iable)?)?|config(?:uration)?|fixture|secret)\b|\benv(?:ironment)? var(?:iable)? [^\n]{0,60}?\b(?:not set|unset|missing|required|empty)\b|\byaml: (?:unmarshal errors|line \d{1,7}:|did not find)|\bjson: cannot unmarshal\b|\berror (?:converting|parsing) YAML\b|\bAlreadyExists\b|\balready exists\b|\binvalid config(?:uration)?\b|\btest (?:config(?:uration)?|data|fixtures?|settings) (?:points at|mismatch|is wrong)\b/i },
  // 7. expectation
  { key: "expectation", rule: "assertion", confidence: "high", pattern: /\bexpected\b[\s\S]{0,400}?\b(?:not )?to (?:deeply )?(?:equal|be|contain|include|have|match|exist|succeed|satisfy|receive|consist|throw)\b|^\s{0,8}(?:not )?to (?:equal|be|contain|have|match|consist|satisfy|succeed|receive)\b|\bexpect\([^)\n]{0,120}\)\.(?:not\.)?(?:to|resolves|rejects)\w{0,30}|\.(?:toBe|toEqual|toStrictEqual|toMatch\w{0,20}|toContain\w{0,10}|toHave\w{1,30}|toBeTruthy|toBeFalsy|toThrow\w{0,10})\(/im },
  { key: "expectation", rule: "assertion", confidence: "high", pattern: /\bAssertion(?:Failed)?Error\b|\bComparisonFailure\b|\bExpectationNotMetError\b|\bERR_ASSERTION\b|\bassertion failed\b|\bassertion `?\(?left [!=]= right\)?`? failed|\bexpected:? ?<[^\n]{0,200}?> but was:? ?<|\bexpected:? ?\[[^\n]{0,200}?\] but (?:was|found):? ?\[|\bExpected:[\s\S]{0,300}?\b(?:Actual|Received|But was|but):|\bNot equal:|\bError Trace:|\bAssert\.\w{1,30}\(\) Failure\b|Failed asserting that\b|\bExpected (?:truthy|falsy)\b|\bAssertion with [!=<>]{1,3} failed\b/i },
  // Catch2/GoogleTest/tst macros; case matters ("at Module.require (node:…)" is a stack frame).
  { key: "expectation", rule: "assertion", confidence: "high", pattern: /\b(?:REQUIRE|CHECK|REQUIRE_FALSE|CHECK_FALSE|ASSERT_[A-Z]{2,10}|EXPECT_[A-Z]{2,10}|check_(?:eq|ne|ge|gt|le|lt))\s?\(/ },
  { key: "expectation", rule: "assertion", confidence: "medium", messageOnly: true, pattern: /\bassert\b[^\n]{1,120}?(?:==|!=|<=|>=|\bis\b|\bin\b)|\bexpected:? [^\n]{1,120}?(?:,|\n\s{0,20}) ?got:? |\b(?:got|have):? [^\n]{1,80}?,? want(?:ed)?:? |\bwant(?:ed)?:? [^\n]{1,80}?,? got:? |\bis not (?:true|false)\b|^\s{0,8}[^\s=!]{1,80} (?:==|!=) [^\s=]{1,80}\s{0,8}$/im },
  // 8. crashes
  { key: "product_bug", rule: "crash", confidence: "medium", pattern: /\bpanic: |\[PANICKED\]|\bTest Panicked\b|\bnil pointer dereference\b|\binvalid memory address\b|\bindex out of range\b|\bNull(?:Pointer|Reference)Exception\b|\bsegmentation fault\b|\bSIGSEGV\b|\bTypeError: Cannot read propert(?:y|ies) of (?:undefined|null)|\bTypeError: [^\n]{1,80}? is not (?:a function|iterable|an object)\b|\bTypeError: (?:undefined|null) is not\b|\bReferenceError: [^\n]{1,60}? is not defined\b|\bAttributeError: |'NoneType' object\b|\bZeroDivisionError\b|\bDivideByZeroException\b|\bArithmeticException\b|\bClassCastException\b|\b(?:ArrayIndex|StringIndex|Index)OutOfBoundsException\b|\bIndexError: |\bStackOverflowError\b|\bstack overflow\b|called `(?:Option|Result)::unwrap\(\)` on an? `(?:None|Err)/i },
];

const ANSI = /\u001b\[[0-9;]{0,20}m/g;
// Cypress retries every assertion, so its time-out prefix before one says nothing about timing.
const CYPRESS_RETRY = /Timed out retrying after \d{1,9} ?ms: (?=expected\b)/g;
const BAD_PHASE_STATUS = new Set(["failed", "errored", "error", "cancelled", "canceled", "timedout", "timed_out"]);
const TEST_STEP = /\b(?:tests?|specs?|e2e|ginkgo|pytest|jest|vitest|suite)\b/i;
const SETUP_WORD = /\b(?:setup|set up|deploy\w{0,10}|install\w{0,10}|provision\w{0,10}|cluster|images?|build\w{0,5}|bootstrap|infra\w{0,15})\b/i;
const LABELS = new Map<string, string>(DEFAULT_CATEGORIES.map((c) => [c.key, c.label]));

export function suggestCategory(input: SuggestionInput): Suggestion {
  const fromHistory = suggestFromHistory(input.history ?? []);
  if (fromHistory) return fromHistory;

  const message = prepare(input.message, MAX_MESSAGE);
  const details = prepare(input.details, MAX_DETAILS);
  const failureType = prepare(input.failureType, 200);
  const sources: [label: string, text: string][] = [["Message says", message], ["Failure type is", failureType], ["Details say", details]];
  const looseSource: [string, string] = message.trim() ? ["Message says", message] : ["Details say", details];

  const match = (rules: Rule[]): Suggestion | null => {
    for (const r of rules) {
      for (const [label, text] of r.messageOnly ? [looseSource] : sources) {
        r.pattern.lastIndex = 0;
        const m = r.pattern.exec(text);
        if (m) return { key: r.key, rule: r.rule, confidence: r.confidence, reason: quote(label, text, m, r.rule) };
      }
    }
    return null;
  };

  const infra = match(RULES.filter((r) => r.key === "infrastructure"));
  if (infra) return infra;
  const phase = suggestFromPhases(input.failedPhases ?? []);
  if (phase) return phase;
  const byText = match(RULES.filter((r) => r.key !== "infrastructure"));
  if (byText) return byText;
  if (input.flaky) {
    return { key: "flaky", rule: "flaky", confidence: "low", reason: "The spec passed on a retry or flips between runs; no rule matched its message (rule: flaky)" };
  }
  return { key: "unanalysed", rule: "none", confidence: "low", reason: UNMATCHED };
}

function suggestFromHistory(history: { categoryKey: string; count: number }[]): Suggestion | null {
  const votes = new Map<string, number>();
  for (const h of history) {
    if (!h.categoryKey || h.categoryKey === "unanalysed" || !(h.count > 0)) continue;
    votes.set(h.categoryKey, (votes.get(h.categoryKey) ?? 0) + h.count);
  }
  if (!votes.size) return null;
  const rank = (k: string) => {
    const i = (CATEGORY_KEYS as readonly string[]).indexOf(k);
    return i < 0 ? CATEGORY_KEYS.length : i;
  };
  const ranked = [...votes].sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
  const [key, count] = ranked[0];
  const total = ranked.reduce((s, [, n]) => s + n, 0);
  const tied = ranked.length > 1 && ranked[1][1] === count;
  const reason = `People chose ${LABELS.get(key) ?? key} for this failure ${count} of ${total} time${total === 1 ? "" : "s"}${tied ? ` (tied with ${LABELS.get(ranked[1][0]) ?? ranked[1][0]})` : ""}`;
  // One earlier choice, or a split vote, is a hint rather than a consensus.
  const confidence = !tied && total >= 2 && count / total >= 0.75 ? "high" : "medium";
  return { key, rule: "history", confidence, reason: clip(reason, MAX_REASON) };
}

function suggestFromPhases(phases: NonNullable<SuggestionInput["failedPhases"]>): Suggestion | null {
  const bad = phases
    .map((p) => ({ ...p, oom: oomKills(p.attributes) }))
    .filter((p) => p.oom > 0 || (BAD_PHASE_STATUS.has(p.status.toLowerCase()) && !(TEST_STEP.test(p.name) && !SETUP_WORD.test(p.name))))
    .sort((a, b) => Number(b.oom > 0) - Number(a.oom > 0));
  if (!bad.length) return null;
  const p = bad[0];
  const what = p.oom > 0
    ? `${BAD_PHASE_STATUS.has(p.status.toLowerCase()) ? `${p.status} with` : "had"} ${p.oom} OOM kill${p.oom === 1 ? "" : "s"}`
    : p.status.toLowerCase() === "failed" ? "failed" : `ended ${p.status}`;
  const more = bad.length > 1 ? ` (+${bad.length - 1} more)` : "";
  return {
    key: "infrastructure", rule: "setup-phase", confidence: "medium",
    reason: `Setup phase "${clip(p.name, 60)}" ${what} in this run${more} (rule: setup-phase)`,
  };
}

function oomKills(attributes: Record<string, unknown> | null | undefined): number {
  const n = Number(attributes?.oomKills ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function prepare(text: string | null, max: number): string {
  return (text ?? "").slice(0, max).replace(ANSI, "").replace(CYPRESS_RETRY, "");
}

/** `Message says "…evidence…" (rule: x)`, the evidence being the matched lines clipped around the match. */
function quote(label: string, text: string, m: RegExpExecArray, rule: string): string {
  const suffix = ` (rule: ${rule})`;
  const budget = MAX_REASON - label.length - suffix.length - 3;
  const lineStart = text.lastIndexOf("\n", m.index - 1) + 1;
  const matchEnd = m.index + m[0].length;
  const endOf = (from: number) => {
    const at = text.indexOf("\n", from);
    return at < 0 ? text.length : at;
  };
  // Gomega puts the value on the next line ("to equal\n    <int>: 201"): take it along.
  let lineEnd = endOf(matchEnd);
  if (!text.slice(matchEnd, lineEnd).trim() && lineEnd < text.length) lineEnd = endOf(lineEnd + 1);
  const squash = (s: string) => s.replace(/\s+/g, " ");
  const before = squash(text.slice(lineStart, m.index)).replace(/^\s*\[FAILED\]\s*/, "").trimStart();
  const hit = squash(m[0]);
  const after = squash(text.slice(matchEnd, lineEnd)).trimEnd();
  let evidence: string;
  if (hit.length >= budget) evidence = clip(hit.trim(), budget);
  else {
    // Context on both sides, more after the match (it usually names the target).
    const room = budget - hit.length;
    const keepBefore = Math.min(before.length, Math.max(Math.floor(room / 3), room - after.length));
    const head = keepBefore >= before.length ? before : keepBefore > 1 ? `…${before.slice(before.length - keepBefore + 1)}` : "";
    const tail = clip(after, budget - hit.length - head.length);
    evidence = squash(`${head}${hit}${tail}`).trim();
  }
  return `${label} "${evidence}"${suffix}`;
}

function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, " ");
  if (max <= 0) return "";
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
