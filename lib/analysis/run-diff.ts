// Two runs compared spec by spec and phase by phase (/runs/compare): which
// specs started or stopped failing, which were newly skipped, and whose
// duration changed most. Pure: rows in, differences out.

import type { ResultStatus } from "@/lib/schemas/status";

export type SpecStatus = ResultStatus;

export interface DiffSpec {
  testCaseId: string;
  name: string;
  status: SpecStatus;
  durationMs: number | null;
  /** normalised failure message (the signature), when the spec failed */
  signature: string | null;
}

export interface DiffPhase {
  name: string;
  durationMs: number | null;
  status: string;
}

/** How a spec's outcome moved from run A to run B. */
export type SpecChange = "new_failure" | "fixed" | "still_failing" | "newly_skipped" | "added" | "removed" | "other";

export interface SpecStatusChange {
  testCaseId: string;
  name: string;
  change: SpecChange;
  a: SpecStatus | null;
  b: SpecStatus | null;
  signatureA: string | null;
  signatureB: string | null;
}

export interface DurationChange {
  /** testCaseId for specs, the phase name for phases */
  key: string;
  name: string;
  aMs: number;
  bMs: number;
  deltaMs: number;
  /** B against A, in percent; null when A took 0 ms */
  percent: number | null;
}

export interface RunDiff {
  counts: Record<SpecChange, number> & { unchanged: number };
  /** every spec whose outcome changed, and those failing in both runs */
  changes: SpecStatusChange[];
  /** specs in both runs with a duration on both sides, by absolute change */
  specDurations: DurationChange[];
  /** phases of the same name in both runs, by absolute change */
  phaseDurations: DurationChange[];
}

const FAILING = new Set<SpecStatus>(["failed", "errored"]);

export function classifyChange(a: SpecStatus | null, b: SpecStatus | null): SpecChange | null {
  if (a === null && b === null) return null;
  if (a === null) return FAILING.has(b!) ? "new_failure" : "added";
  if (b === null) return "removed";
  const fa = FAILING.has(a);
  const fb = FAILING.has(b);
  if (fa && fb) return "still_failing";
  if (fb) return "new_failure";
  if (fa) return "fixed";
  if (b === "skipped" && a !== "skipped") return "newly_skipped";
  return a === b ? null : "other";
}

function durationChange(key: string, name: string, aMs: number, bMs: number): DurationChange {
  return { key, name, aMs, bMs, deltaMs: bMs - aMs, percent: aMs > 0 ? ((bMs - aMs) / aMs) * 100 : null };
}

const byAbsDelta = (x: DurationChange, y: DurationChange) => Math.abs(y.deltaMs) - Math.abs(x.deltaMs) || x.name.localeCompare(y.name);

/** The order the page lists changes in: what broke first, then what got fixed. */
const CHANGE_ORDER: SpecChange[] = ["new_failure", "fixed", "still_failing", "newly_skipped", "added", "removed", "other"];

export function diffRuns(a: { specs: DiffSpec[]; phases: DiffPhase[] }, b: { specs: DiffSpec[]; phases: DiffPhase[] }): RunDiff {
  const inA = new Map(a.specs.map((s) => [s.testCaseId, s]));
  const inB = new Map(b.specs.map((s) => [s.testCaseId, s]));
  const counts = { new_failure: 0, fixed: 0, still_failing: 0, newly_skipped: 0, added: 0, removed: 0, other: 0, unchanged: 0 };
  const changes: SpecStatusChange[] = [];
  const specDurations: DurationChange[] = [];
  for (const id of new Set([...inA.keys(), ...inB.keys()])) {
    const sa = inA.get(id) ?? null;
    const sb = inB.get(id) ?? null;
    const change = classifyChange(sa?.status ?? null, sb?.status ?? null);
    if (change === null) counts.unchanged++;
    else {
      counts[change]++;
      changes.push({
        testCaseId: id, name: (sb ?? sa)!.name, change, a: sa?.status ?? null, b: sb?.status ?? null,
        signatureA: sa?.signature ?? null, signatureB: sb?.signature ?? null,
      });
    }
    if (sa?.durationMs != null && sb?.durationMs != null) specDurations.push(durationChange(id, sb.name, sa.durationMs, sb.durationMs));
  }
  changes.sort((x, y) => CHANGE_ORDER.indexOf(x.change) - CHANGE_ORDER.indexOf(y.change) || x.name.localeCompare(y.name));
  const phasesA = new Map(a.phases.map((p) => [p.name, p]));
  const phaseDurations = b.phases
    .filter((p) => p.durationMs !== null && phasesA.get(p.name)?.durationMs != null)
    .map((p) => durationChange(p.name, p.name, phasesA.get(p.name)!.durationMs!, p.durationMs!));
  return { counts, changes, specDurations: specDurations.sort(byAbsDelta), phaseDurations: phaseDurations.sort(byAbsDelta) };
}
