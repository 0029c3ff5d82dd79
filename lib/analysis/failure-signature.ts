// Failure signatures: a failure message with its run-specific noise masked, so
// the same failure groups across specs and runs ("connection refused" to
// 10.96.12.4:8080 today and 10.96.7.9:31080 tomorrow is one problem).
//
// Shapes with a structure of their own (source locations, temp paths, UUIDs,
// times, addresses, durations) are masked first. Every other token that looks
// generated (a request id, a pod suffix, a hex id, a bare number) becomes one
// placeholder, <id>, whatever its alphabet or length: "req-392797",
// "req-4b669" and "req-2dace6" are the same slot of the same message.
// Numbers that are the operands of an assertion ("<int>: 500", "expected:<42>",
// "check_eq(6, 7)") are kept, since "500 to equal 400" and "200 to equal 400"
// are different failures; so are HTTP-status-like numbers ("HTTP 503").
//
// All regexes are linear: bounded quantifiers, and lookbehinds that let a match
// start only at a token boundary. Decision record: docs/decisions/0013-failure-signatures.md.
import { createHash } from "node:crypto";
import { UUID_IN_TEXT } from "@/lib/schemas/uuid";

export interface FailureSignature {
  /** Normalized text cut to SIGNATURE_LENGTH characters, for display. */
  signature: string;
  /** SIGNATURE_VERSION, ":" and the first 16 hex chars of sha256(normalized): the grouping key. */
  hash: string;
  normalized: string;
}

/** Bumped whenever normalization changes; stored hashes without it are recomputed (lib/services/recompute-signatures.ts). */
export const SIGNATURE_VERSION = "v2";
export const SIGNATURE_LENGTH = 200;
const MAX_LINES = 10;
// Ten lines of a minified blob can still be megabytes; the head is what identifies it.
const MAX_INPUT = 4000;
// Marks assertion operands so the id rule leaves them alone (control characters are stripped from the input first).
const KEEP = "\u0001";

type Rule = [RegExp, string | ((match: string, ...groups: string[]) => string)];

const SOURCE_EXT = "go|ts|tsx|js|jsx|mjs|cjs|py|java|kt|scala|rb|rs|c|cc|cpp|cxx|h|hpp|cs|php|phpt|ex|exs|swift";
const NUM = "-?\\d{1,30}(?:\\.\\d{1,30}){0,3}";
const keep = (pre: string, n: string) => `${pre}${KEEP}${n}`;

const STRUCTURE: Rule[] = [
  // ANSI colour codes from Ginkgo/Gomega output.
  [/\u001b\[[0-9;]{0,20}m/g, ""],
  [/[\u0000-\u0008\u000e-\u001f]/g, ""],
  // Go stack frame offsets ("errors_test.go:57 +0x1a5").
  [/ \+0x[0-9a-f]{1,16}\b/g, ""],
  // Source locations: keep the file name, drop directories and line numbers
  // (both move with unrelated edits).
  [
    new RegExp(`(?<![\\w.@+~/\\\\-])(?:[A-Za-z]:)?[/\\\\]?(?:[\\w.@+~-]{1,255}[/\\\\]){0,64}([\\w.@+~-]{1,255}\\.(?:${SOURCE_EXT})):\\d{1,7}(?::\\d{1,7})?`, "g"),
    "$1",
  ],
  // Temp files and directories.
  [/(?<![\w.-])(?:\/private)?\/(?:tmp|var\/folders)(?:\/[\w.@+~=-]{1,255}){0,64}\/?/g, "<tmp>"],
  [/(?<![\w.-])[A-Za-z]:\\Users\\[^\\\s]{1,255}\\AppData\\Local\\Temp(?:\\[\w.@+~=-]{1,255}){0,64}/g, "<tmp>"],
  [UUID_IN_TEXT, "<uuid>"],
  // RFC 3339 and "2025-01-02 10:00:00[.123] [+0000 UTC] [m=+0.5]" (Go's time.String()).
  [
    /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|\s?[+-]\d{2}:?\d{2}(?:\s[A-Z]{2,5})?)?)?(?:\sm=[+-]\d{1,12}\.\d{1,9})?\b/g,
    "<time>",
  ],
  // Ginkgo's own "01/02/25 10:00:00.123" and bare clock times.
  [/\b\d{1,2}\/\d{1,2}\/\d{2,4}(?:\s\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})?)?\b/g, "<time>"],
  [/\b\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})?\b/g, "<time>"],
  // IPv6 before IPv4 so "::ffff:10.0.0.1" is not half-masked; checked in code
  // because a regex exact enough to reject "a:b" would be huge.
  [/(?<![\w:.])[0-9A-Fa-f:]{2,39}(?![\w:.])/g, (m) => (isIpv6(m) ? "<ip>" : m)],
  [/\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b(?::\d{1,5}\b)?/g, (m) => (m.includes(":") ? "<ip>:<port>" : "<ip>")],
  [/(\[<ip>\]|\blocalhost|:\/\/[\w.-]{1,253}):\d{1,5}\b/g, "$1:<port>"],
  [/\b0x[0-9a-fA-F]{1,16}\b/g, "<addr>"],
  // Durations: "30.001s", "250ms", "1m30s", "2h0m0s", "5000 ms", "3 seconds".
  [/\b(?:\d{1,12}(?:\.\d{1,9})?(?:ns|us|µs|ms|h|m|s)){1,6}\b/g, "<duration>"],
  [/\b\d{1,12}(?:\.\d{1,9})? ?(?:ms|milliseconds?|secs?|seconds?|mins?|minutes?|hours?)\b/g, "<duration>"],
];

// Assertion operands, marked so they survive the id rule.
const OPERANDS: Rule[] = [
  // Gomega's "<int>: 503", "<float64>: 0.5".
  [new RegExp(`(<(?:u?int|float|complex)\\d{0,3}>:\\s{0,8})(${NUM})`, "g"), (_, pre: string, n: string) => keep(pre, n)],
  // "expected:<42> but was:<43>", "Expected: 3 / Actual: 2", "expected 250 got 500", "to equal [ 2 ]", "toBe(5)".
  [
    new RegExp(`(\\b(?:expected|actual|got|was|found|received|equal|equals|be|than|toBe|toEqual)\\b[\\s:<\\[(]{0,4})(${NUM})`, "gi"),
    (_, pre: string, n: string) => keep(pre, n),
  ],
  // "429 == 200", "v == 1", "0 != 10".
  [new RegExp(`(${NUM})(\\s?(?:==|!=|>=|<=)\\s?)(${NUM})?`, "g"), (_, a: string, op: string, b?: string) => keep("", a) + op + (b ? keep("", b) : "")],
  [new RegExp(`((?:==|!=|>=|<=)\\s?)(${NUM})`, "g"), (_, pre: string, n: string) => keep(pre, n)],
  // "check_eq(6, 7)", "assertEquals(3, 4)".
  [
    new RegExp(`(\\b(?:check|assert|expect|require)\\w{0,20}\\(\\s?)(${NUM})(?:(,\\s?)(${NUM}))?`, "gi"),
    (_, pre: string, a: string, sep?: string, b?: string) => keep(pre, a) + (sep && b ? keep(sep, b) : ""),
  ],
  // HTTP-status-like numbers standing alone ("HTTP 503", "got 404 from"): 503 and 404 are different failures.
  [/(?<![\w.\-/+#:])([1-5]\d\d)(?![\w\-/+]|\.\d)/g, (_, n: string) => keep("", n)],
];

/**
 * Normalizes a failure for grouping: the first lines of `message` (or of
 * `details` when the message is empty) with addresses, times, ids and numbers masked.
 */
export function failureSignature(message: string | undefined | null, details?: string | null): FailureSignature {
  const source = message?.trim() ? message : (details ?? "");
  let text = source.split("\n", MAX_LINES).join("\n").slice(0, MAX_INPUT);
  for (const [re, replacement] of [...STRUCTURE, ...OPERANDS]) {
    text = typeof replacement === "string" ? text.replace(re, replacement) : text.replace(re, replacement);
  }
  text = maskIds(text).replaceAll(KEEP, "");
  const normalized = text.replace(/\s+/g, " ").trim();
  return {
    signature: normalized.length > SIGNATURE_LENGTH ? normalized.slice(0, SIGNATURE_LENGTH - 1) + "…" : normalized,
    hash: `${SIGNATURE_VERSION}:${createHash("sha256").update(normalized).digest("hex").slice(0, 16)}`,
    normalized,
  };
}

// The k8s name generator's alphabet has no vowels (pod-template-hash and generateName suffixes).
const NO_VOWELS = /^[bcdfghjklmnpqrstvwxz]{4,12}$/i;
const PROTOCOLS = /^(?:https?|html|xhtml|grpcs?|sftp|smtp|ldaps?|nfs|rtmp|mqtt|pkcs|dns|ssh|html)$/i;
// Words that carry digits: versions, encodings, architectures, abbreviations.
const VERSION = /^v\d{1,4}(?:(?:alpha|beta|rc)\d{0,4})?(?:\.\d{1,30}){0,3}$/i;
const DIGIT_WORDS = /^(?:i18n|l10n|a11y|k8s|e2e|x86|x64|i386|amd64|arm64|utf\d{1,2}|sha\d{1,3}|md5|base\d{2}|u?int\d{1,3}|float\d{2}|ipv[46]|http[23]|h2c|oauth2|x509|s3|ec2|p\d{2})$/i;

/** Replaces every id-like token (and the runs of them joined by - _ . or :) with "<id>". */
function maskIds(text: string): string {
  const masked = text.replace(/\u0001-?[\d.]{1,124}|(?<![A-Za-z0-9])[A-Za-z0-9]{1,255}(?:\.\d{1,30}){0,3}(?![A-Za-z0-9])/g, (tok, offset: number) => {
    if (tok.startsWith(KEEP)) return tok;
    const before = text.slice(Math.max(0, offset - 8), offset);
    return isIdLike(tok, before) ? "<id>" : tok;
  });
  // "gateway-<id>-<id>" (deployment pods) and "gateway-<id>" (generateName) name the same thing
  return masked.replace(/<id>(?:[-_.:]<id>){1,32}/g, "<id>");
}

function isIdLike(tok: string, before: string): boolean {
  const joined = before.endsWith("-") || before.endsWith("_");
  if (/^[\d.]+$/.test(tok)) return !(joined && /(?:sha|utf|iso|ucs|rfc|base)-$/i.test(before));
  if (VERSION.test(tok)) return false;
  // letters only: a generated suffix has no vowels ("gateway-xkzpq", "worker_trrcr"); words and protocols have
  if (!/\d/.test(tok)) return joined && NO_VOWELS.test(tok) && !PROTOCOLS.test(tok);
  if (DIGIT_WORDS.test(tok)) return false;
  if (joined) return true;
  if (tok.length < 4) return false;
  return /^\d/.test(tok) || digitLetterSwitches(tok) >= 2 || (tok.length >= 8 && /^[0-9a-f]+$/i.test(tok));
}

function isIpv6(s: string): boolean {
  if (!s.includes("::") && s.split(":").length !== 8) return false;
  const groups = s.split(":");
  if (groups.length < 3 || groups.length > 8 || s.includes(":::")) return false;
  return groups.every((g) => g.length <= 4) && /[0-9A-Fa-f]/.test(s);
}

function digitLetterSwitches(s: string): number {
  let switches = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s.charCodeAt(i - 1);
    const b = s.charCodeAt(i);
    const isDigit = (c: number) => c >= 48 && c <= 57;
    const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
    if ((isDigit(a) && isLetter(b)) || (isLetter(a) && isDigit(b))) switches++;
  }
  return switches;
}
