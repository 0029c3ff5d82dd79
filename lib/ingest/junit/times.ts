// JUnit `time` attributes are seconds as free text. Writers disagree on the
// format (locale separators, exponents, nanoseconds), so parsing is lenient
// but never guesses a value out of garbage: anything unclear becomes null.

/** Longer than any real test run; larger values are unit mix-ups (ns, ms) we cannot undo. */
export const MAX_PLAUSIBLE_SECONDS = 30 * 24 * 3600;

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// "2,503.1" / "1,234,567": comma groups of exactly three digits before a dot (or several groups).
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const MULTI_COMMA_THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3}){2,}$/;
// "1.234,5": European thousands dot with a decimal comma.
const DOT_THOUSANDS_COMMA_DECIMAL = /^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/;
// "1,5": a lone comma is a decimal separator (locale-formatted seconds).
const COMMA_DECIMAL = /^[+-]?\d+,\d+$/;

/**
 * Seconds from a `time`-like attribute, or null when missing, unparsable,
 * negative or not finite. Accepts "1.5", "0.000000", "1e-05", "2,503.1"
 * (thousands separator) and "1,5" (decimal comma).
 */
export function parseSeconds(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  if (isSimpleDecimal(raw)) return Number(raw);
  let s = raw.trim();
  if (s === "") return null;
  if (!PLAIN_NUMBER.test(s)) {
    if (s.includes(",")) {
      if (COMMA_THOUSANDS.test(s) && (s.includes(".") || MULTI_COMMA_THOUSANDS.test(s))) s = s.replaceAll(",", "");
      else if (DOT_THOUSANDS_COMMA_DECIMAL.test(s)) s = s.replaceAll(".", "").replace(",", ".");
      else if (COMMA_DECIMAL.test(s)) s = s.replace(",", ".");
      else return null;
    } else {
      return null;
    }
  }
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0) return null;
  return n;
}

/** "12", "0.25": what nearly every writer emits; checked by hand because this runs per testcase. */
function isSimpleDecimal(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 24) return false;
  let dot = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e /* . */) {
      if (dot || i === 0 || i === n - 1) return false;
      dot = true;
    } else if (c < 0x30 || c > 0x39) {
      return false;
    }
  }
  return true;
}

/** Seconds -> milliseconds, rounded to whole microseconds so float noise (0.1+0.2) does not leak into storage. */
export function secondsToMs(seconds: number | null): number | null {
  if (seconds === null) return null;
  return Math.round(seconds * 1e6) / 1e3;
}

/**
 * Milliseconds computed from a value that was really nanoseconds
 * (container-structure-test writes Go's time.Duration, i.e. ns, into `time`).
 */
export function nsMistakenForSecondsToMs(ms: number | null): number | null {
  if (ms === null) return null;
  return Math.round(ms / 1e3) / 1e6;
}

/** Null for durations no test run can have (see MAX_PLAUSIBLE_SECONDS). */
export function plausibleMs(ms: number | null): number | null {
  return ms !== null && ms > MAX_PLAUSIBLE_SECONDS * 1000 ? null : ms;
}
