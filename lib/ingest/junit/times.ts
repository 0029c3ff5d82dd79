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

// "2026-01-12T10:03:30", "2026-01-12 10:03:30.123", "2026-01-12T10:03:30Z", "...+02:00", "...+0200"
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Milliseconds since the epoch from a testsuite `timestamp` (or Ginkgo's
 * StartTime/EndTime), or null when missing or unreadable. Writers disagree on
 * the zone: Gradle and jest-junit write UTC without saying so, others write
 * an offset. A timestamp without a zone is read as UTC (decision 12). Years
 * outside 2000-2100 (Go's zero time "0001-01-01T00:00:00Z") are treated as missing.
 */
export function parseTimestamp(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const m = TIMESTAMP.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  if (year < 2000 || year > 2100) return null;
  const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  let t = Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // Date.UTC rolls over out-of-range fields (month 13, hour 25): such a value was garbage
  const back = new Date(t);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || back.getUTCHours() !== Number(h)
    || back.getUTCMinutes() !== Number(mi) || back.getUTCSeconds() !== Number(s)) return null;
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return t;
}

/** Earliest start and latest end of several windows; null when there are none. */
export function mergeWindows(windows: readonly { startMs: number; endMs: number }[]): { startMs: number; endMs: number } | null {
  if (!windows.length) return null;
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const w of windows) {
    startMs = Math.min(startMs, w.startMs);
    endMs = Math.max(endMs, w.endMs);
  }
  return { startMs, endMs };
}
