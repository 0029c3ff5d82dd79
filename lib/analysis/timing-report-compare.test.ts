// Issue 12 part 4: the report compares like with like (decision 0015).
import { describe, expect, it } from "vitest";
import { buildTimingReport, type TimingRunInput } from "./timing-report";

let n = 0;
function run(mode: string, d: number, totalS: number, extra: Partial<TimingRunInput> = {}): TimingRunInput {
  return { id: `c${++n}`, mode, startedAt: new Date(Date.UTC(2026, 10, d)), setupOk: true, durationMs: totalS * 1000, setupDurationMs: totalS * 900, testDurationMs: totalS * 100, ...extra };
}
const seq = [460, 455, 470, 462, 458, 466].map((s, i) => run("sequential", 1 + i, s, { runnerHost: "ci-a" }));
const par = [315, 318, 312, 316, 320, 310].map((s, i) => run("parallel", 1 + i, s, { runnerHost: "ci-a" }));
const target = { baseline: "sequential", candidate: "parallel", percent: 27 };

describe("buildTimingReport compares like with like", () => {
  it("keeps the README's sshd try-out runs (13 s, 5 s) out of the CI figures and counts them", () => {
    const clean = buildTimingReport([...seq, ...par], [], {}, target);
    const tryOut = [run("parallel", 35, 13, { template: "sshd try-out", tryOut: true }), run("parallel", 35, 5, { template: "sshd try-out", tryOut: true })];
    const r = buildTimingReport([...seq, ...par, ...tryOut], [], {}, target);
    const total = r.comparisons.find((c) => c.metric === "total")!;
    expect(total.result.pValue).toBe(clean.comparisons[0].result.pValue);
    expect(total.result.pValue!).toBeLessThan(0.01);
    expect(total.result.n).toEqual({ baseline: 6, candidate: 6 });
    expect(r.comparability.leftOut.tryOut).toBe(2);
    expect(r.points.map((p) => p.id)).not.toContain(tryOut[0].id);
  });

  it("compares only the largest template group by default, all of them when the project merges", () => {
    const other = [run("parallel", 8, 314, { template: "nightly" }), run("parallel", 9, 317, { template: "nightly" })];
    const r = buildTimingReport([...seq, ...par, ...other], [], {}, target);
    expect(r.comparability.population).toBe("CI");
    expect(r.comparability.leftOut.otherPopulations).toEqual([{ name: "nightly", runs: 2 }]);
    const merged = buildTimingReport([...seq, ...par, ...other], [], {}, target, { compareAcrossTemplates: true, includeTryOutRuns: false });
    expect(merged.comparisons[0].result.n.candidate).toBe(8);
  });

  it("keeps a lead-excluded run out and counts it", () => {
    const r = buildTimingReport([...seq, ...par, run("parallel", 7, 900, { statsExcluded: true })], [], {}, target);
    expect(r.comparability.leftOut.excludedByLead).toBe(1);
    expect(r.comparisons[0].result.n.candidate).toBe(6);
  });

  it("flags a run far outside its mode and leaves it out unless asked to keep it", () => {
    const odd = run("parallel", 7, 20);
    const r = buildTimingReport([...seq, ...par, odd], [], {}, target);
    expect(r.comparability.outliers.map((o) => o.runId)).toEqual([odd.id]);
    expect(r.comparisons[0].result.n.candidate).toBe(6);
    const kept = buildTimingReport([...seq, ...par, odd], [], {}, target, { compareAcrossTemplates: false, includeTryOutRuns: false, keepOutliers: true });
    expect(kept.comparisons[0].result.n.candidate).toBe(7);
    expect(kept.comparability.outliers).toHaveLength(1);
  });

  it("says when the sides ran on different hosts", () => {
    const parB = par.map((r) => ({ ...r, runnerHost: "big-box" }));
    expect(buildTimingReport([...seq, ...parB], [], {}, target).hosts).toMatchObject({ differs: true, shared: [] });
    expect(buildTimingReport([...seq, ...par], [], {}, target).hosts?.differs).toBe(false);
  });

  it("names the modes when there is not enough data", () => {
    const r = buildTimingReport(par.slice(0, 4), [], {}, target);
    expect(r.comparisons[0].result.reason).toBe("need at least 3 runs per mode, have 0 sequential and 4 parallel runs");
  });
});
