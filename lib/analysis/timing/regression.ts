// Flag a run whose setup time is far above its mode's recent history.
//
// Rule: flagged when current > median + k × 1.4826 × MAD of the previous N
// runs of the same mode (defaults k = 3, N = 20, at least 5 previous runs).
// Median and MAD rather than mean and standard deviation because one earlier
// slow run would inflate the SD and hide the next regression; 1.4826 makes
// the MAD estimate the SD for normally distributed data, so k = 3 reads as
// "three sigmas" (the Hampel filter rule).

import { assertFinite, quantileSorted, sortedCopy } from "./describe";

export interface RegressionOptions {
  /** how many previous runs to look at (most recent first) */
  window?: number;
  /** fewer previous runs than this: "not enough history" */
  minHistory?: number;
  /** how many scaled MADs above the median count as "far" */
  k?: number;
}

export interface RegressionCheck {
  status: "flagged" | "ok" | "not enough history";
  flagged: boolean;
  threshold: number | null;
  median: number | null;
  /** raw median absolute deviation of the history (not scaled) */
  mad: number | null;
  /** the spread actually used: 1.4826 × MAD, or the fallback below */
  scale: number | null;
  scaleSource: "mad" | "mean-absolute-deviation" | null;
  /** previous runs used */
  n: number;
  reason: string;
}

export const MAD_TO_SD = 1.4826;
/** √(π/2): turns a mean absolute deviation into an SD estimate (normal data). */
export const MEAN_AD_TO_SD = 1.2533;

const DEFAULT_WINDOW = 20;

/**
 * @param previous durations of earlier runs of the same mode, oldest first;
 *   only the last `window` are used.
 */
export function checkRegression(current: number, previous: readonly number[], options: RegressionOptions = {}): RegressionCheck {
  const window = options.window ?? DEFAULT_WINDOW;
  assertFinite([current], "current run");
  assertFinite(previous, "history");
  if (!Number.isInteger(window) || window < 1) throw new RangeError("window must be a positive integer");
  return judge(current, previous.slice(-window), options.minHistory ?? 5, options.k ?? 3);
}

/** The check on a history already cut to its window, its values known to be finite. */
function judge(current: number, history: readonly number[], minHistory: number, k: number): RegressionCheck {
  const n = history.length;
  if (n < minHistory) {
    return {
      status: "not enough history",
      flagged: false,
      threshold: null,
      median: null,
      mad: null,
      scale: null,
      scaleSource: null,
      n,
      reason: `need at least ${minHistory} previous runs of this mode, have ${n}`,
    };
  }
  // the values were checked by the caller: the medians skip describe.ts's check
  const med = quantileSorted(sortedCopy(history), 0.5);
  const deviations = history.map((x) => Math.abs(x - med));
  const mad = quantileSorted(sortedCopy(deviations), 0.5);
  let scale = MAD_TO_SD * mad;
  let scaleSource: "mad" | "mean-absolute-deviation" = "mad";
  if (mad === 0) {
    // More than half the history is identical (e.g. durations rounded to seconds):
    // MAD says "no spread" and any slower run would be flagged. Fall back to the
    // mean absolute deviation (Iglewicz & Hoaglin's modified z-score convention).
    scale = (MEAN_AD_TO_SD * deviations.reduce((a, b) => a + b, 0)) / n;
    scaleSource = "mean-absolute-deviation";
  }
  const threshold = med + k * scale;
  const flagged = current > threshold;
  const rule = `median ${med} + ${k} × ${Number(scale.toFixed(3))} (${scaleSource === "mad" ? "1.4826·MAD" : "1.2533·mean abs. deviation"}) of the previous ${n} runs = ${Number(threshold.toFixed(3))}`;
  return {
    status: flagged ? "flagged" : "ok",
    flagged,
    threshold,
    median: med,
    mad,
    scale,
    scaleSource,
    n,
    reason: `${current} is ${flagged ? "above" : "within"} ${rule}`,
  };
}

export interface ModeRun {
  id: string;
  mode: string;
  /** ms since epoch; orders the history */
  startedAt: number;
  setupMs: number;
}

/** Same check, selecting the history from all runs: same mode, started before this run. */
export function checkRunRegression(run: ModeRun, runs: readonly ModeRun[], options: RegressionOptions = {}): RegressionCheck {
  const previous = runs
    .filter((r) => r.mode === run.mode && r.id !== run.id && r.startedAt < run.startedAt)
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((r) => r.setupMs);
  return checkRegression(run.setupMs, previous, options);
}

/**
 * checkRunRegression for every run at once: each mode's runs sorted once, each
 * run checked against those started strictly before it (the same history in
 * the same order), O(n log n) where checking each run apart was O(n² log n):
 * ~125 ms of CPU per timing page view at 2,000 runs.
 */
export function checkRunRegressions(runs: readonly ModeRun[], options: RegressionOptions = {}): Map<string, RegressionCheck> {
  const byMode = new Map<string, ModeRun[]>();
  for (const r of runs) {
    const list = byMode.get(r.mode);
    if (list) list.push(r);
    else byMode.set(r.mode, [r]);
  }
  const window = options.window ?? DEFAULT_WINDOW;
  if (!Number.isInteger(window) || window < 1) throw new RangeError("window must be a positive integer");
  const minHistory = options.minHistory ?? 5;
  const k = options.k ?? 3;
  const out = new Map<string, RegressionCheck>();
  for (const modeRuns of byMode.values()) {
    const sorted = [...modeRuns].sort((a, b) => a.startedAt - b.startedAt);
    const setup = sorted.map((r) => r.setupMs);
    // checked once here, not once per run and window (2,000 runs per timing view)
    assertFinite(setup, "history");
    // runs started at the same instant are not each other's history
    let before = 0;
    for (let i = 0; i < sorted.length; i++) {
      while (sorted[before].startedAt < sorted[i].startedAt) before++;
      out.set(sorted[i].id, judge(sorted[i].setupMs, setup.slice(Math.max(0, before - window), before), minHistory, k));
    }
  }
  return out;
}

