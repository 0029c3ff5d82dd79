// Lay a run's phases out for the waterfall: depth-first, children under their
// parent, siblings by start time. Every phase gets its own lane, so phases of
// one parallel group show as bars overlapping in time. Offsets are measured
// from the run's start (or the earliest phase, if a phase started earlier).
export interface WaterfallPhaseInput {
  id: string;
  name: string;
  parentId: string | null;
  group: string | null;
  position: number;
  status: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  attributes: unknown;
}

export interface WaterfallLane {
  id: string;
  name: string;
  depth: number;
  parent: string | null;
  group: string | null;
  status: string;
  /** ms from the origin; null when the phase reported no start */
  offsetMs: number | null;
  durationMs: number | null;
  peakMemoryMb: number | null;
  oomKills: number | null;
}

function numberAttr(attributes: unknown, key: string): number | null {
  if (!attributes || typeof attributes !== "object") return null;
  const v = (attributes as Record<string, unknown>)[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function durationOf(p: WaterfallPhaseInput): number | null {
  if (p.durationMs !== null) return p.durationMs;
  if (p.startedAt && p.finishedAt) return p.finishedAt.getTime() - p.startedAt.getTime();
  return null;
}

export function layoutWaterfall(phases: readonly WaterfallPhaseInput[], runStartedAt: Date): WaterfallLane[] {
  const starts = phases.map((p) => p.startedAt?.getTime()).filter((t): t is number => t !== undefined);
  const origin = Math.min(runStartedAt.getTime(), ...starts);
  const byId = new Map(phases.map((p) => [p.id, p]));
  const children = new Map<string | null, WaterfallPhaseInput[]>();
  for (const p of phases) {
    // a parent that is not in the list (should not happen) makes the phase top-level
    const parent = p.parentId && byId.has(p.parentId) ? p.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  const order = (a: WaterfallPhaseInput, b: WaterfallPhaseInput) =>
    (a.startedAt?.getTime() ?? Infinity) - (b.startedAt?.getTime() ?? Infinity) || a.position - b.position;

  const lanes: WaterfallLane[] = [];
  const visit = (parentId: string | null, depth: number, seen: Set<string>) => {
    for (const p of [...(children.get(parentId) ?? [])].sort(order)) {
      if (seen.has(p.id)) continue; // a cycle in bad data must not hang the page
      seen.add(p.id);
      lanes.push({
        id: p.id,
        name: p.name,
        depth,
        parent: parentId ? byId.get(parentId)?.name ?? null : null,
        group: p.group,
        status: p.status,
        offsetMs: p.startedAt ? p.startedAt.getTime() - origin : null,
        durationMs: durationOf(p),
        peakMemoryMb: numberAttr(p.attributes, "peakMemoryMb"),
        oomKills: numberAttr(p.attributes, "oomKills"),
      });
      visit(p.id, depth + 1, seen);
    }
  };
  const seen = new Set<string>();
  visit(null, 0, seen);
  // phases caught in a parent cycle are unreachable from the top: show them at the top level
  for (const p of phases) {
    if (seen.has(p.id)) continue;
    const key = `orphan:${p.id}`;
    children.set(key, [p]);
    visit(key, 0, seen);
  }
  return lanes;
}
