// A run's phases as the timing report reads them (lib/analysis/timing-report.ts):
// its layout, the first duration of each top-level phase, its parallel groups.
// Worked out once per phase list: see infoByList.
import type { TimingPhaseInput, TimingRunInput } from "@/lib/analysis/timing-report";
import { type PhaseMapping, canonicalName, layoutKey, layoutSignature } from "@/lib/analysis/timing/layout";
import type { GroupRun } from "@/lib/analysis/timing/parallel-groups";

/** A parallel group of one run: its parent's wall time and the branches under it (the report's parallel groups). */
type RunGroup = { key: string; parent: string; group: string; run: GroupRun };

/** A run's phases as the report reads them, worked out once per run (~14k phases at 2,000 runs). */
export type RunPhaseInfo = {
  /** canonical top-level phase names in start order */
  signature: string[];
  key: string;
  /** canonical top-level name -> the duration of the first top-level phase of that name (position order) */
  firstDurations: Map<string, number | null>;
  /** the run's parallel groups, in the order the phases list them */
  groups: RunGroup[];
};

function phaseInfo(runId: string, phases: readonly TimingPhaseInput[], mapping: PhaseMapping): RunPhaseInfo {
  const ids = new Set<string>();
  for (const p of phases) ids.add(p.id);
  // top level: no parent, or one that is not a phase of the run (layoutSignature's rule)
  const top = phases.filter((p) => !p.parentId || !ids.has(p.parentId));
  const firstDurations = new Map<string, number | null>();
  for (const p of top) {
    const name = canonicalName(p.name, mapping);
    if (!firstDurations.has(name)) firstDurations.set(name, p.durationMs);
  }
  const signature = layoutSignature(top.map((p) => ({ name: p.name, startMs: p.startedAt?.getTime() ?? 0 })), mapping);
  // phases run side by side under one parent: its children of one group, with start and finish
  const groups: RunGroup[] = [];
  for (const parent of phases) {
    if (parent.parentId || parent.durationMs === null) continue;
    const children = phases.filter((c) => c.parentId === parent.id && c.group && c.startedAt && c.finishedAt);
    if (!children.length) continue;
    const parentName = canonicalName(parent.name, mapping);
    for (const g of new Set(children.map((c) => c.group!))) {
      groups.push({
        key: `${parentName}|${g}`, parent: parentName, group: g,
        run: {
          runId, wallMs: parent.durationMs,
          branches: children.filter((c) => c.group === g).map((c) => ({ name: c.name, startMs: c.startedAt!.getTime(), endMs: c.finishedAt!.getTime() })),
        },
      });
    }
  }
  return { signature, key: layoutKey(signature), firstDurations, groups };
}

// A run's worked-out phases by the identity of its phase list and the mapping. The timing data
// (lib/queries/get-project-timing-data.ts) hands out the same list for a run while the run's
// version holds, so a view with a new filter works out only the runs it has not seen (issue #17:
// ~15 ms of a view at 2,000 runs). Lists are never changed once read; a new version is a new list.
const infoByList = new WeakMap<readonly TimingPhaseInput[], { runId: string; mapping: string; info: RunPhaseInfo }>();
const NO_PHASES: RunPhaseInfo = { signature: [], key: layoutKey([]), firstDurations: new Map(), groups: [] };

export function phaseInfoOf(runs: TimingRunInput[], phasesByRun: ReadonlyMap<string, readonly TimingPhaseInput[]>, mapping: PhaseMapping): Map<string, RunPhaseInfo> {
  const mappingKey = JSON.stringify(mapping);
  const out = new Map<string, RunPhaseInfo>();
  for (const r of runs) {
    const phases = phasesByRun.get(r.id);
    if (!phases?.length) {
      out.set(r.id, NO_PHASES);
      continue;
    }
    const kept = infoByList.get(phases);
    if (kept && kept.runId === r.id && kept.mapping === mappingKey) {
      out.set(r.id, kept.info);
      continue;
    }
    const info = phaseInfo(r.id, phases, mapping);
    infoByList.set(phases, { runId: r.id, mapping: mappingKey, info });
    out.set(r.id, info);
  }
  return out;
}
