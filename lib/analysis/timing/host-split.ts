// Whether the two sides of a comparison ran on the same runner hosts. A
// parallel run on a bigger host is not the parallel mode's speed-up, so when
// the hosts differ the page says so and offers the comparison per host.

export const UNKNOWN_HOST = "(no host reported)";

export interface HostSplit {
  differs: boolean;
  baseline: { host: string; runs: number }[];
  candidate: { host: string; runs: number }[];
  /** hosts with runs on both sides: a per-host comparison is possible there */
  shared: string[];
}

function count(runs: { runnerHost?: string | null }[]) {
  const m = new Map<string, number>();
  for (const r of runs) {
    const h = r.runnerHost || UNKNOWN_HOST;
    m.set(h, (m.get(h) ?? 0) + 1);
  }
  return [...m.entries()].map(([host, runs]) => ({ host, runs })).sort((a, b) => b.runs - a.runs || a.host.localeCompare(b.host));
}

export function splitByHost(baseline: { runnerHost?: string | null }[], candidate: { runnerHost?: string | null }[]): HostSplit {
  const b = count(baseline);
  const c = count(candidate);
  const bs = new Set(b.map((x) => x.host));
  const cs = new Set(c.map((x) => x.host));
  const differs = bs.size !== cs.size || [...bs].some((h) => !cs.has(h));
  return { differs: differs && b.length > 0 && c.length > 0, baseline: b, candidate: c, shared: [...bs].filter((h) => cs.has(h) && h !== UNKNOWN_HOST).sort() };
}
