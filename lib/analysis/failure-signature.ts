// Failure signatures: a failure message with its run-specific noise masked, so
// the same failure groups across specs and runs ("connection refused" to
// 10.96.12.4:8080 today and 10.96.7.9:31080 tomorrow is one problem).
//
// Masking is ordered from the most specific shape to the most generic (a UUID
// before hex ids before plain numbers). All regexes are linear: bounded
// quantifiers, and lookbehinds that let a match start only at a token boundary.
import { createHash } from "node:crypto";

export interface FailureSignature {
  /** Normalized text cut to SIGNATURE_LENGTH characters, for display. */
  signature: string;
  /** First 16 hex chars of sha256(normalized): the grouping key. */
  hash: string;
  normalized: string;
}

export const SIGNATURE_LENGTH = 200;
const MAX_LINES = 10;
// Ten lines of a minified blob can still be megabytes; the head is what identifies it.
const MAX_INPUT = 4000;

// The k8s name generator's alphabet (no vowels, no 0/1/3), as in pod-template-hash and generateName suffixes.
const K8S = "[bcdfghjklmnpqrstvwxz2456789]";

type Rule = [RegExp, string | ((match: string, ...groups: string[]) => string)];

const RULES: Rule[] = [
  // ANSI colour codes from Ginkgo/Gomega output.
  [/\u001b\[[0-9;]{0,20}m/g, ""],
  // Go stack frame offsets ("errors_test.go:57 +0x1a5").
  [/ \+0x[0-9a-f]{1,16}\b/g, ""],
  // Source locations: keep the file name, drop directories and line numbers
  // (both move with unrelated edits).
  [
    /(?<![\w.@+~/\\-])(?:[A-Za-z]:)?[/\\]?(?:[\w.@+~-]{1,255}[/\\]){0,64}([\w.@+~-]{1,255}\.(?:go|ts|tsx|js|jsx|mjs|cjs|py|java|kt|rb|rs)):\d{1,7}(?::\d{1,7})?/g,
    "$1",
  ],
  // Temp files and directories.
  [/(?<![\w.-])(?:\/private)?\/(?:tmp|var\/folders)(?:\/[\w.@+~=-]{1,255}){0,64}\/?/g, "<tmp>"],
  [/(?<![\w.-])[A-Za-z]:\\Users\\[^\\\s]{1,255}\\AppData\\Local\\Temp(?:\\[\w.@+~=-]{1,255}){0,64}/g, "<tmp>"],
  [/\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g, "<uuid>"],
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
  // Deployment pods (name-<replicaset hash>-<suffix>) and generateName suffixes.
  [new RegExp(`(?<![\\w.-])([a-z0-9](?:[a-z0-9.-]{0,250}[a-z0-9])?)-${K8S}{6,10}-${K8S}{5}\\b`, "g"), "$1-<pod>"],
  [new RegExp(`(?<![\\w.-])([a-z][a-z0-9.-]{0,250}[a-z0-9])-(?=${K8S}{0,4}\\d)${K8S}{5}\\b`, "g"), "$1-<pod>"],
  // Quoted random strings (tokens, request ids): long, no spaces, and letters
  // and digits interleaved; "GatewayConfigV2" or "api/v1/signals" are not random.
  [/"([\w+/=.:-]{16,256})"/g, (m, s: string) => (digitLetterSwitches(s) >= 3 ? '"<random>"' : m)],
  // Hex ids (commit SHAs, container ids, trace ids); a digit is required so words like "deadbeef" stay.
  [/\b(?=[0-9a-f]{0,63}\d)(?=[0-9a-f]{0,63}[a-f])[0-9a-f]{8,64}\b/g, "<hex>"],
  // Short prefixed ids ("req-2dace6", "job-f1b3"): a lowercase prefix and 4-7 hex
  // chars mixing digits and letters; "sha-256" or "utf-8" have no letter and stay.
  [/\b([a-z]{2,12}-)(?=[0-9a-f]{0,6}\d)(?=[0-9a-f]{0,6}[a-f])[0-9a-f]{4,7}\b/g, "$1<id>"],
  // Durations: "30.001s", "250ms", "1m30s", "2h0m0s".
  [/\b(?:\d{1,12}(?:\.\d{1,9})?(?:ns|us|µs|ms|h|m|s)){1,6}\b/g, "<duration>"],
  // Other numbers, except three-digit ones that read as HTTP status codes:
  // "<int>: 503" and "<int>: 404" are different failures, while counts, ports,
  // pids and ages vary run to run.
  [/(?<![\w.])\d+(?:\.\d+)?(?!\w|\.\w)/g, (m) => (/^[1-5]\d\d$/.test(m) ? m : "<n>")],
];

/**
 * Normalizes a failure for grouping: the first lines of `message` (or of
 * `details` when the message is empty) with addresses, times, ids and numbers masked.
 */
export function failureSignature(message: string | undefined, details?: string): FailureSignature {
  const source = message?.trim() ? message : (details ?? "");
  const head = source.split("\n", MAX_LINES).join("\n").slice(0, MAX_INPUT);
  let text = head;
  for (const [re, replacement] of RULES) {
    text = typeof replacement === "string" ? text.replace(re, replacement) : text.replace(re, replacement);
  }
  const normalized = text.replace(/\s+/g, " ").trim();
  return {
    signature: normalized.length > SIGNATURE_LENGTH ? normalized.slice(0, SIGNATURE_LENGTH - 1) + "…" : normalized,
    hash: createHash("sha256").update(normalized).digest("hex").slice(0, 16),
    normalized,
  };
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
