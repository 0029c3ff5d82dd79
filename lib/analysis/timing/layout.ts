// Phase layouts. When a suite is restructured (phases renamed, split or run
// in parallel) a phase's duration before and after is not the same quantity,
// and a chart that silently joins them shows a fake jump. A layout signature
// (ordered canonical top-level phase names) lets charts mark the change, and
// comparisons across layouts are refused unless the project mapped both names
// to one canonical name, i.e. someone decided they mean the same thing.

export interface PhaseRecord {
  name: string;
  startMs: number;
  /** parent phase name; absent/null = top-level */
  parent?: string | null;
}

export interface RunPhases {
  runId: string;
  /** run start, ms since epoch: orders runs and places the chart marker */
  at: number;
  phases: readonly PhaseRecord[];
}

/** project mapping: phase name as reported -> canonical name */
export type PhaseMapping = Readonly<Record<string, string>>;

function isMapped(name: string, mapping: PhaseMapping): boolean {
  // Object.hasOwn so "constructor" or "toString" as a phase name is not "mapped".
  return Object.hasOwn(mapping, name);
}

export function canonicalName(name: string, mapping: PhaseMapping): string {
  return isMapped(name, mapping) ? mapping[name] : name;
}

/** Ordered canonical names of the top-level phases (by start time; ties keep input order). */
export function layoutSignature(phases: readonly PhaseRecord[], mapping: PhaseMapping): string[] {
  return phases
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.parent === undefined || p.parent === null)
    .sort((a, b) => a.p.startMs - b.p.startMs || a.i - b.i)
    .map(({ p }) => canonicalName(p.name, mapping));
}

/** Stable key for grouping runs by layout (JSON, so names containing separators cannot collide). */
export function layoutKey(signature: readonly string[]): string {
  return JSON.stringify(signature);
}

export interface RunLayout {
  runId: string;
  at: number;
  signature: string[];
  /** layoutKey(signature), when the caller has it already */
  key?: string;
}

export interface LayoutChange {
  /** the first run with the new layout: where the chart marks the change */
  at: number;
  runId: string;
  previousRunId: string;
  from: string[];
  to: string[];
}

export function layoutChanges(runs: readonly RunPhases[], mapping: PhaseMapping): { layouts: RunLayout[]; changes: LayoutChange[] } {
  return layoutChangesOf(runs.map((r) => ({ runId: r.runId, at: r.at, signature: layoutSignature(r.phases, mapping) })));
}

/** layoutChanges of runs whose signatures are known (in any order; ties in time keep input order). */
export function layoutChangesOf(runs: readonly RunLayout[]): { layouts: RunLayout[]; changes: LayoutChange[] } {
  const layouts = runs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.at - b.r.at || a.i - b.i)
    .map(({ r }) => r);
  const keys = layouts.map((l) => l.key ?? layoutKey(l.signature));
  const changes: LayoutChange[] = [];
  for (let i = 1; i < layouts.length; i++) {
    const prev = layouts[i - 1];
    const cur = layouts[i];
    if (keys[i - 1] !== keys[i]) {
      changes.push({ at: cur.at, runId: cur.runId, previousRunId: prev.runId, from: prev.signature, to: cur.signature });
    }
  }
  return { layouts, changes };
}

export interface PhaseRef {
  phase: string;
  signature: readonly string[];
}

export type PhaseComparability = { comparable: true; canonical: string } | { comparable: false; reason: string };

/**
 * May phase `a` of one run be compared with phase `b` of another?
 * Same layout: yes when their canonical names match (an unmapped name is its own canonical name).
 * Different layouts: only when the mapping explicitly maps both names to the same canonical
 * name; an identical raw name is not enough, since the phase may now cover different work.
 */
export function phaseComparability(a: PhaseRef, b: PhaseRef, mapping: PhaseMapping): PhaseComparability {
  const ca = canonicalName(a.phase, mapping);
  const cb = canonicalName(b.phase, mapping);
  if (layoutKey(a.signature) === layoutKey(b.signature)) {
    return ca === cb
      ? { comparable: true, canonical: ca }
      : { comparable: false, reason: `"${a.phase}" and "${b.phase}" are different phases (canonical "${ca}" vs "${cb}")` };
  }
  if (isMapped(a.phase, mapping) && isMapped(b.phase, mapping) && ca === cb) return { comparable: true, canonical: ca };
  return {
    comparable: false,
    reason: `the runs have different phase layouts (${a.signature.join(" > ") || "none"} vs ${b.signature.join(" > ") || "none"}); map "${a.phase}" and "${b.phase}" to the same canonical name to compare them`,
  };
}
