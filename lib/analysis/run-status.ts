// A run's status comes from evidence (results and phases), never from what
// the caller claims. Infrastructure (setup phases) and tests are judged
// separately so "setup ok, tests 0/16" can be said.

import type { RunStatus } from "@/lib/schemas/status";

export type RunStatusValue = RunStatus;

export interface RunEvidence {
  finished: boolean;
  claimed?: string | null;
  /** statuses of the run's phases */
  phaseStatuses: readonly string[];
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  pending: number;
  /** failed/errored results of muted specs: shown, but they do not turn the run red */
  muted: number;
}

export interface RunVerdict {
  status: RunStatusValue;
  /** true: all phases passed; false: a phase failed; null: no phases reported */
  setupOk: boolean | null;
  reason: string;
}

export function setupOutcome(phaseStatuses: readonly string[]): boolean | null {
  if (phaseStatuses.length === 0) return null;
  if (phaseStatuses.some((s) => s === "failed" || s === "cancelled")) return false;
  return true;
}

export function computeRunStatus(e: RunEvidence): RunVerdict {
  const setupOk = setupOutcome(e.phaseStatuses);
  const ran = e.passed + e.failed + e.errored;
  const red = Math.max(0, e.failed + e.errored - e.muted);
  if (!e.finished) return { status: "running", setupOk, reason: "the run has not finished" };
  if (e.claimed === "cancelled") return { status: "cancelled", setupOk, reason: "cancelled" };
  if (setupOk === false) return { status: "errored", setupOk, reason: "a setup phase failed" };
  if (red > 0) return { status: "failed", setupOk, reason: `${red} of ${ran} specs that ran failed` };
  if (ran === 0 && e.skipped + e.pending > 0) return { status: "failed", setupOk, reason: "no spec ran" };
  if (ran > 0) return { status: "passed", setupOk, reason: `all ${ran - (e.failed + e.errored)} specs that ran passed` };
  // No results at all: only a setup-only run with passing phases counts as passed.
  if (e.claimed === "failed" || e.claimed === "errored") return { status: e.claimed, setupOk, reason: "no results; the caller reported a failure" };
  if (setupOk === true) return { status: "passed", setupOk, reason: "setup passed; no test results were reported" };
  return { status: "errored", setupOk, reason: "no results or phases were reported" };
}
