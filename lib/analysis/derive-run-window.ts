// A run's wall-clock window (start, end, total) from the evidence it was sent,
// never from when the upload happened to arrive (issue 12, decision 12).
// Pure: the services feed it the run's claims, its phase times and its
// reports' testsuite timestamps, and store what it returns.
//
// Start: the claimed start, unless the evidence (earliest phase start,
// earliest testsuite timestamp) began earlier; with no claim, the evidence;
// with neither, the request that created the run, flagged: the duration is
// then unknown and left out of every duration figure.
// End: the latest of the evidence (latest phase end, latest testsuite
// timestamp + time) and the claimed end or a separate finish call; the time
// of a one-request upload only when there is no other evidence.
// By construction the window holds every phase and report window, so the
// total is never shorter than the setup, and end >= start.

/**
 * Longer than any CI run: evidence that spans more (a stale report file, phases
 * re-sent weeks apart, a clock far off) gives no duration instead of a nonsense one.
 */
export const MAX_RUN_DURATION_MS = 7 * 86_400_000;

/** A duration, or null when it cannot be a run's (negative, or longer than MAX_RUN_DURATION_MS). */
export function plausibleDuration(ms: number): number | null {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_RUN_DURATION_MS ? ms : null;
}

export const RUN_TIME_SOURCES = ["claimed", "phases", "reports", "finish_call", "request_time"] as const;
export type RunTimeSource = (typeof RUN_TIME_SOURCES)[number];

/** How the run's stored startedAt/finishedAt came about. */
export type StartOrigin = "claimed" | "request_time";
export type EndOrigin = "claimed" | "finish_call" | "request_time";

export interface Interval {
  startMs: number;
  /** null: only the start is known (a phase without an end) */
  endMs: number | null;
}

export interface RunWindowInput {
  start: { ms: number; origin: StartOrigin };
  /** null while the run has not finished */
  end: { ms: number; origin: EndOrigin } | null;
  phases: readonly Interval[];
  reports: readonly Interval[];
}

export interface RunWindow {
  startMs: number;
  startSource: RunTimeSource;
  /** null while the run has not finished */
  endMs: number | null;
  endSource: RunTimeSource | null;
  /** end - start; null while running, when no start was sent anywhere (only the request time is known), and when the evidence spans more than MAX_RUN_DURATION_MS */
  durationMs: number | null;
  /** the claimed start was later than the evidence (or the claimed end earlier): the window covers the evidence instead */
  claimDisagrees: { start: boolean; end: boolean };
}

interface Bound {
  ms: number;
  source: RunTimeSource;
}

/** Earliest start of the evidence; phases win a tie. */
function evidenceStart(phases: readonly Interval[], reports: readonly Interval[]): Bound | null {
  let best: Bound | null = null;
  for (const [list, source] of [[phases, "phases"], [reports, "reports"]] as const) {
    for (const i of list) if (Number.isFinite(i.startMs) && (best === null || i.startMs < best.ms)) best = { ms: i.startMs, source };
  }
  return best;
}

/** Latest end of the evidence (a start counts as an end: the run lasted at least until then); phases win a tie. */
function evidenceEnd(phases: readonly Interval[], reports: readonly Interval[]): Bound | null {
  let best: Bound | null = null;
  for (const [list, source] of [[phases, "phases"], [reports, "reports"]] as const) {
    for (const i of list) {
      for (const ms of [i.startMs, i.endMs]) {
        if (ms !== null && Number.isFinite(ms) && (best === null || ms > best.ms)) best = { ms, source };
      }
    }
  }
  return best;
}

export function deriveRunWindow(input: RunWindowInput): RunWindow {
  const evStart = evidenceStart(input.phases, input.reports);
  const evEnd = evidenceEnd(input.phases, input.reports);
  const claimedStart = input.start.origin === "claimed" ? { ms: input.start.ms, source: "claimed" as const } : null;

  let start: Bound;
  if (claimedStart && (evStart === null || claimedStart.ms <= evStart.ms)) start = claimedStart;
  else if (evStart) start = evStart;
  else start = { ms: input.start.ms, source: "request_time" };
  const startDisagrees = claimedStart !== null && start.source !== "claimed";

  if (input.end === null) {
    return { startMs: start.ms, startSource: start.source, endMs: null, endSource: null, durationMs: null, claimDisagrees: { start: startDisagrees, end: false } };
  }
  const stated: Bound = { ms: input.end.ms, source: input.end.origin };
  let end: Bound;
  if (stated.source === "request_time") end = evEnd ?? stated; // the upload's own time is the last resort
  else end = evEnd && evEnd.ms > stated.ms ? evEnd : stated;
  const endDisagrees = stated.source === "claimed" && end.source !== "claimed";
  // a claimed start after every other time (e.g. a clock far ahead): the window is empty, never negative
  if (end.ms < start.ms) end = { ms: start.ms, source: start.source };
  return {
    startMs: start.ms,
    startSource: start.source,
    endMs: end.ms,
    endSource: end.source,
    durationMs: start.source === "request_time" ? null : plausibleDuration(end.ms - start.ms),
    claimDisagrees: { start: startDisagrees, end: endDisagrees },
  };
}

/** Wall time of the setup: top-level phases' earliest start to latest end (what the run page shows as "Setup"). */
export function setupSpanMs(phases: readonly (Interval & { topLevel: boolean })[]): number | null {
  const top = phases.filter((p) => p.topLevel);
  const starts = top.map((p) => p.startMs);
  const ends = top.flatMap((p) => (p.endMs === null ? [] : [p.endMs]));
  if (!starts.length || !ends.length) return null;
  return plausibleDuration(Math.max(...ends) - Math.min(...starts));
}

/** How the run page names where a bound came from. */
export const RUN_TIME_SOURCE_LABELS: Record<RunTimeSource, string> = {
  claimed: "claimed",
  phases: "derived from phases",
  reports: "derived from reports",
  finish_call: "the finish call",
  request_time: "request time (no start sent)",
};
