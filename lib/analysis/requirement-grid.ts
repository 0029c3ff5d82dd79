// The requirement x run grid as data: requirement IDs grouped by prefix
// (BR-GATEWAY, DD-GATEWAY, ...), each with one cell per run holding the worst
// result of its specs there, and the specs' own cells for the expanded view.
// Pure: the query hands in runs and specs with their results.

export type GridCell = "passed" | "failed" | "skipped" | "not_run";

export interface GridRun {
  id: string;
  mode: string;
  branch: string | null;
  status: string;
  startedAt: Date;
}

export interface GridSpec {
  id: string;
  name: string;
  requirementIds: string[];
  /** by run id; a run missing here did not run the spec */
  results: Record<string, Exclude<GridCell, "not_run">>;
}

export interface GridSpecRow {
  id: string;
  name: string;
  cells: GridCell[];
}

export interface GridRequirement {
  id: string;
  cells: GridCell[];
  specs: GridSpecRow[];
}

export interface RequirementGrid {
  runs: GridRun[];
  groups: { prefix: string; requirements: GridRequirement[] }[];
  requirementCount: number;
}

const WORST: GridCell[] = ["failed", "skipped", "passed", "not_run"];

/** The worst of a requirement's spec results in one run; not_run when none of its specs ran. */
export function worstCell(cells: readonly GridCell[]): GridCell {
  let best = WORST.length - 1;
  for (const c of cells) best = Math.min(best, WORST.indexOf(c));
  return WORST[best];
}

/** "BR-GATEWAY-024" -> "BR-GATEWAY"; an ID without a numeric tail is its own prefix. */
export function requirementPrefix(id: string): string {
  const m = /^(.*?)[-_ ]?\d+[a-z]?$/i.exec(id);
  return m && m[1] ? m[1] : id;
}

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function buildRequirementGrid(runs: GridRun[], specs: GridSpec[]): RequirementGrid {
  const byRequirement = new Map<string, GridSpecRow[]>();
  for (const s of specs) {
    const row: GridSpecRow = { id: s.id, name: s.name, cells: runs.map((r) => s.results[r.id] ?? "not_run") };
    for (const req of new Set(s.requirementIds)) byRequirement.set(req, [...(byRequirement.get(req) ?? []), row]);
  }
  const groups = new Map<string, GridRequirement[]>();
  for (const [id, rows] of byRequirement) {
    rows.sort((a, b) => natural.compare(a.name, b.name));
    const cells = runs.map((_, i) => worstCell(rows.map((r) => r.cells[i])));
    const prefix = requirementPrefix(id);
    groups.set(prefix, [...(groups.get(prefix) ?? []), { id, cells, specs: rows }]);
  }
  return {
    runs,
    groups: [...groups.entries()]
      .sort(([a], [b]) => natural.compare(a, b))
      .map(([prefix, requirements]) => ({ prefix, requirements: requirements.sort((a, b) => natural.compare(a.id, b.id)) })),
    requirementCount: byRequirement.size,
  };
}
