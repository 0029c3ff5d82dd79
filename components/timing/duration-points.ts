// The chart points of the timing page as the server hands them to the client:
// one array per field, not an object per run. 2,000 runs as objects were
// 280 KB of the page's 303 KB (every key repeated per run); the columns carry
// the same values in well under half of that. Plain module (no "use client"):
// the page packs, the chart unpacks.

/** What the charts draw of a run. */
export interface DurationPoint {
  at: number;
  mode: string;
  totalS: number | null;
  setupS: number | null;
  testS: number | null;
  setupFailed: boolean;
}

export interface PackedPoints {
  modes: string[];
  at: number[];
  /** index into modes */
  mode: number[];
  totalS: (number | null)[];
  setupS: (number | null)[];
  testS: (number | null)[];
  /** 1: the run failed in setup */
  setupFailed: (0 | 1)[];
}

export function packPoints(points: readonly DurationPoint[]): PackedPoints {
  const modes: string[] = [];
  const index = new Map<string, number>();
  const out: PackedPoints = { modes, at: [], mode: [], totalS: [], setupS: [], testS: [], setupFailed: [] };
  for (const p of points) {
    let m = index.get(p.mode);
    if (m === undefined) index.set(p.mode, (m = modes.push(p.mode) - 1));
    out.at.push(p.at);
    out.mode.push(m);
    out.totalS.push(p.totalS);
    out.setupS.push(p.setupS);
    out.testS.push(p.testS);
    out.setupFailed.push(p.setupFailed ? 1 : 0);
  }
  return out;
}

export function unpackPoints(p: PackedPoints): DurationPoint[] {
  return p.at.map((at, i) => ({
    at, mode: p.modes[p.mode[i]], totalS: p.totalS[i], setupS: p.setupS[i], testS: p.testS[i], setupFailed: p.setupFailed[i] === 1,
  }));
}
