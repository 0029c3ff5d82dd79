// TEST SUPPORT ONLY: the .test-support.ts suffix keeps it out of production code (eslint.config.mjs refuses the import outside tests).
// Deliberately naive reference implementations that share no code or method
// with the production statistics: U by counting pairs instead of ranks, null
// distributions by enumerating every split of the pooled sample instead of the
// Mann-Whitney recurrence, and the Hodges-Lehmann interval by inverting the
// enumerated test over a grid of shifts instead of reading order statistics.
// Exponential cost: keep m + n <= 12.

/** U for the first sample by pair counting: #(b > c) + ½ #(b = c). */
export function pairCountU(b: readonly number[], c: readonly number[]): number {
  let u = 0;
  for (const x of b) for (const y of c) u += x > y ? 1 : x === y ? 0.5 : 0;
  return u;
}

/** Calls fn with every m-subset of 0..N-1 (as an index list). */
function forEachSubset(N: number, m: number, fn: (subset: number[]) => void): void {
  const pick: number[] = [];
  const rec = (start: number) => {
    if (pick.length === m) return fn(pick);
    for (let i = start; i <= N - (m - pick.length); i++) {
      pick.push(i);
      rec(i + 1);
      pick.pop();
    }
  };
  rec(0);
}

/** Counts of U over all C(m+n, m) label assignments of ranks 1..m+n (no ties). */
export function enumeratedUCounts(m: number, n: number): { counts: number[]; total: number } {
  const counts = new Array<number>(m * n + 1).fill(0);
  let total = 0;
  const values = Array.from({ length: m + n }, (_, i) => i + 1);
  forEachSubset(m + n, m, (s) => {
    const inB = new Set(s);
    const b = s.map((i) => values[i]);
    const c = values.filter((_, i) => !inB.has(i));
    counts[pairCountU(b, c)]++;
    total++;
  });
  return { counts, total };
}

/**
 * Exact two-sided permutation p-value, conditional on the pooled values (so it
 * is also exact with ties): share of splits with |U - mn/2| at least the observed.
 */
export function permutationPValue(b: readonly number[], c: readonly number[]): number {
  const pooled = [...b, ...c];
  const m = b.length;
  const half = (m * c.length) / 2;
  const observed = Math.abs(pairCountU(b, c) - half);
  let hits = 0;
  let total = 0;
  forEachSubset(pooled.length, m, (s) => {
    const inB = new Set(s);
    const bb = s.map((i) => pooled[i]);
    const cc = pooled.filter((_, i) => !inB.has(i));
    total++;
    if (Math.abs(pairCountU(bb, cc) - half) >= observed - 1e-9) hits++;
  });
  return hits / total;
}

/**
 * Lehmann interval by test inversion: the shifts d for which the enumerated
 * test on (b - d, c) does not reject at alpha. Probes every midpoint between
 * consecutive distinct pairwise differences (plus one beyond each end); the
 * interval's ends are the differences bounding the accepted probes.
 */
export function invertedInterval(b: readonly number[], c: readonly number[], alpha = 0.05): [number, number] {
  const diffs = [...new Set(b.flatMap((x) => c.map((y) => x - y)))].sort((p, q) => p - q);
  const probes = [diffs[0] - 1];
  for (let i = 0; i + 1 < diffs.length; i++) probes.push((diffs[i] + diffs[i + 1]) / 2);
  probes.push(diffs[diffs.length - 1] + 1);
  const accepted = probes.filter((d) => permutationPValue(b.map((x) => x - d), c) > alpha + 1e-12);
  const lo = Math.min(...accepted);
  const hi = Math.max(...accepted);
  return [Math.max(...diffs.filter((x) => x < lo)), Math.min(...diffs.filter((x) => x > hi))];
}
