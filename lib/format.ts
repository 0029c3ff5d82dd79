// Formatting shared by pages and components (pure, no React).

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  if (m < 60) return `${m}m ${rest.toFixed(1).padStart(4, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

/** A chart axis tick given in seconds, in the same format with whole seconds where the tick is whole: 45 s, 3m 20s, 3h 53m. */
export function formatAxisSeconds(seconds: number): string {
  if (seconds === 0) return "0";
  return formatDuration(Math.round(seconds * 10) * 100).replace(/\.0( ?s)$/, "$1");
}

/** A round upper end for a time axis, a multiple of a round step (1, 2, 2.5 or 5 times a power of ten): 10.425 -> 12.5. */
export function niceAxisMax(seconds: number): number {
  if (!(seconds > 0)) return 1;
  const steps = [1, 2, 2.5, 5, 10];
  const pow = 10 ** Math.floor(Math.log10(seconds / 5));
  const step = steps.find((m) => m * pow >= seconds / 5)! * pow; // at most five steps
  return Math.ceil(seconds / step - 1e-9) * step;
}

export interface SpecCounts {
  testsTotal: number;
  testsPassed: number;
  testsFailed: number;
  testsErrored: number;
  testsSkipped: number;
  testsPending: number;
}

export function specsRan(c: SpecCounts): number {
  return c.testsPassed + c.testsFailed + c.testsErrored;
}

/** "16 of 24 run, 0 passed" */
export function specsSummary(c: SpecCounts): string {
  if (c.testsTotal === 0) return "no specs reported";
  return `${specsRan(c)} of ${c.testsTotal} run, ${c.testsPassed} passed`;
}

/** Status wording that keeps infrastructure and tests apart when they differ. */
export function runStatusText(r: SpecCounts & { status: string; setupOk: boolean | null }): string {
  const ran = specsRan(r);
  const failed = r.testsFailed + r.testsErrored;
  if (r.status === "running") return "running";
  if (r.status === "cancelled") return "cancelled";
  if (r.setupOk === false) return "setup failed";
  if (r.status === "failed" && r.setupOk) return ran === 0 ? "setup ok, no spec ran" : `setup ok, tests ${r.testsPassed}/${ran}`;
  if (r.status === "failed") return failed ? `tests ${r.testsPassed}/${ran}` : "failed";
  return r.status;
}

export function formatDateTime(d: Date | string): string {
  const date = typeof d === "string" ? new Date(d) : d;
  return date.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

export function percent(n: number, d: number): string {
  if (d === 0) return "—";
  return `${((100 * n) / d).toFixed(0)}%`;
}
