// Which runs the timing statistics compare (decision 0015). A run belongs to a
// population: the template that started it (runner runs, or runs labelled
// template=...) or "CI" for runs posted without one. By default only one
// population is compared, so a try-out template's 13 s sample runs never meet
// the 7-minute CI runs; the project can merge them. Try-out runs (template
// marked try-out, or label tryout=true) and runs a lead excluded stay out, and
// every run left out is counted by reason.

export const CI_POPULATION = "CI";

export interface PopulationRun {
  id: string;
  /** template name, null for CI-posted runs */
  template?: string | null;
  tryOut?: boolean;
  statsExcluded?: boolean;
}

export interface PopulationPolicy {
  compareAcrossTemplates: boolean;
  includeTryOutRuns: boolean;
  /** the population asked for in the URL; unknown or absent: the largest */
  population?: string;
}

export interface PopulationCount {
  name: string;
  runs: number;
}

export interface PopulationSelection<T> {
  kept: T[];
  /** the population compared; null when the project merges templates */
  population: string | null;
  populations: PopulationCount[];
  leftOut: { tryOut: number; excludedByLead: number; otherPopulations: PopulationCount[] };
}

export function populationOf(r: PopulationRun): string {
  return r.template ? r.template : CI_POPULATION;
}

function countBy<T>(runs: T[], key: (r: T) => string): PopulationCount[] {
  const m = new Map<string, number>();
  for (const r of runs) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  // largest first; CI before a template of the same size; then by name
  return [...m.entries()]
    .map(([name, runs]) => ({ name, runs }))
    .sort((a, b) => b.runs - a.runs || Number(b.name === CI_POPULATION) - Number(a.name === CI_POPULATION) || a.name.localeCompare(b.name));
}

export function selectPopulation<T extends PopulationRun>(runs: T[], policy: PopulationPolicy): PopulationSelection<T> {
  const notExcluded = runs.filter((r) => !r.statsExcluded);
  const eligible = policy.includeTryOutRuns ? notExcluded : notExcluded.filter((r) => !r.tryOut);
  const leftOut = { tryOut: notExcluded.length - eligible.length, excludedByLead: runs.length - notExcluded.length, otherPopulations: [] as PopulationCount[] };
  const populations = countBy(eligible, populationOf);
  if (policy.compareAcrossTemplates || populations.length === 0) return { kept: eligible, population: null, populations, leftOut };
  const chosen = populations.find((p) => p.name === policy.population)?.name ?? populations[0].name;
  leftOut.otherPopulations = populations.filter((p) => p.name !== chosen);
  return { kept: eligible.filter((r) => populationOf(r) === chosen), population: chosen, populations, leftOut };
}

/** A stored run's template and try-out flag: label template=NAME (the runner sets it), label tryout=true, or a template marked try-out. */
export function populationFields(labels: unknown, tryOutTemplates: readonly string[]): { template: string | null; tryOut: boolean } {
  const l = labels && typeof labels === "object" ? (labels as Record<string, unknown>) : {};
  const template = typeof l.template === "string" && l.template.trim() ? l.template.trim() : null;
  const flagged = typeof l.tryout === "string" && ["true", "1", "yes"].includes(l.tryout.toLowerCase());
  return { template, tryOut: flagged || (template !== null && tryOutTemplates.includes(template)) };
}
