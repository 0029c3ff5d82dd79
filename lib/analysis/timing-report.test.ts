import { describe, expect, it } from "vitest";
import { buildTimingReport, type TimingPhaseInput, type TimingRunInput } from "./timing-report";

const day = (d: number) => new Date(Date.UTC(2026, 0, d));
let n = 0;
function run(mode: string, d: number, totalS: number, setupS: number, setupOk: boolean | null = true): TimingRunInput {
  return { id: `r${++n}`, mode, startedAt: day(d), setupOk, durationMs: totalS * 1000, setupDurationMs: setupS * 1000, testDurationMs: (totalS - setupS) * 1000 };
}
function phases(r: TimingRunInput, parent: string, branches: [string, number][], group: string | null): TimingPhaseInput[] {
  const t0 = r.startedAt.getTime();
  const wall = branches.length ? Math.max(...branches.map((b) => b[1])) + 5000 : 60_000;
  const p: TimingPhaseInput = { id: `${r.id}-p`, runId: r.id, name: parent, parentId: null, group: null, startedAt: new Date(t0), finishedAt: new Date(t0 + wall), durationMs: wall };
  return [p, ...branches.map(([name, ms], i) => ({ id: `${r.id}-${i}`, runId: r.id, name, parentId: p.id, group, startedAt: new Date(t0), finishedAt: new Date(t0 + ms), durationMs: ms }))];
}

describe("buildTimingReport", () => {
  const seq = [run("sequential", 1, 460, 420), run("sequential", 2, 455, 415), run("sequential", 3, 470, 430), run("sequential", 3, 462, 421)];
  const par = [run("parallel", 4, 315, 276), run("parallel", 5, 318, 280), run("parallel", 6, 312, 274), run("parallel", 6, 316, 277)];
  const failed = run("parallel", 7, 200, 200, false);
  const ph = [...par.flatMap((r) => phases(r, "images", [["Gateway image", 127_000], ["DataStorage image", 104_000], ["PostgreSQL + Redis", 46_000]], "images"))];

  it("compares modes with n and keeps setup failures out of the figures, saying how many", () => {
    const r = buildTimingReport([...seq, ...par, failed], ph, {}, { baseline: "sequential", candidate: "parallel", percent: 27 });
    expect(r.excludedSetupFailures).toBe(1);
    expect(r.modes.find((m) => m.mode === "parallel")).toMatchObject({ runs: 4, excludedSetupFailures: 1, total: { n: 4, median: 315_500 } });
    const total = r.comparisons.find((c) => c.metric === "total")!;
    // medians 461 s and 315.5 s: (461 - 315.5) / 461 = 31.56 %
    expect(total.result.improvementPct).toBeCloseTo(31.56, 1);
    expect(total.result.n).toEqual({ baseline: 4, candidate: 4 });
    expect(total.result.verdict).toBe("faster");
    expect(total.target?.text).toMatch(/expected 27 %/);
    expect(r.points.find((p) => p.id === failed.id)?.setupFailed).toBe(true);
  });

  it("says not enough data with fewer than 3 runs a side, and for an estimated baseline", () => {
    const r = buildTimingReport([seq[0], ...par], ph, {}, { baseline: "sequential", candidate: "parallel", percent: 27, baselineEstimateMs: 456_000 });
    const total = r.comparisons.find((c) => c.metric === "total")!;
    expect(total.result.verdict).toBe("not enough data");
    expect(total.target?.status).toBe("not enough data");
  });

  it("names the branch that bounds a parallel group and its efficiency", () => {
    const r = buildTimingReport(par, ph, {}, null);
    const g = r.parallelGroups[0];
    expect(g.summary.mostOftenBounding).toEqual({ names: ["Gateway image"], count: 4, of: 4 });
    // (127 + 104 + 46) / (132 × 3) = 0.6995
    expect(g.summary.efficiency.median).toBeCloseTo(277 / 396, 3);
  });

  it("marks where the phase layout changed", () => {
    const a = run("parallel", 10, 300, 260);
    const b = run("parallel", 11, 300, 260);
    const pa = phases(a, "cluster", [], null);
    const pb = phases(b, "images first", [], null);
    const r = buildTimingReport([a, b], [...pa, ...pb], {}, null);
    expect(r.layoutChanges).toHaveLength(1);
    expect(r.layoutChanges[0].to).toEqual(["images first"]);
    // mapped to one canonical name, the layouts are the same
    expect(buildTimingReport([a, b], [...pa, ...pb], { cluster: "c", "images first": "c" }, null).layoutChanges).toHaveLength(0);
  });
});

describe("phases grouped by run, as the timing data hands them out", () => {
  const par = [run("parallel", 20, 315, 276), run("parallel", 21, 318, 280), run("parallel", 22, 312, 274)];
  const byRun = (list: TimingPhaseInput[]) => new Map(par.map((r) => [r.id, list.filter((p) => p.runId === r.id)]));
  const images = par.flatMap((r) => phases(r, "images", [["Gateway image", 127_000], ["DataStorage image", 104_000]], "images"));

  it("give the report the flat list gives", () => {
    const grouped = byRun(images);
    expect(buildTimingReport(par, grouped, {}, null)).toEqual(buildTimingReport(par, images, {}, null));
    // the second report works from the same lists (kept per list): still the same
    expect(buildTimingReport(par, grouped, {}, null)).toEqual(buildTimingReport(par, images, {}, null));
  });

  it("are worked out again for another mapping and for a run's new list", () => {
    const grouped = byRun(images);
    expect(buildTimingReport(par, grouped, {}, null).phaseMedians[0].layout).toEqual(["images"]);
    const mapped = buildTimingReport(par, grouped, { images: "build" }, null);
    expect(mapped.phaseMedians[0].layout).toEqual(["build"]);
    expect(mapped.parallelGroups[0].parent).toBe("build");
    // phases re-sent to a run: the data layer hands out a new list for it
    const resent = par.flatMap((r) => phases(r, "images", [["Gateway image", 200_000], ["DataStorage image", 104_000]], "images"));
    const after = buildTimingReport(par, new Map([...grouped, [par[0].id, resent.filter((p) => p.runId === par[0].id)]]), {}, null);
    expect(after.parallelGroups[0].summary.branches.find((b) => b.name === "Gateway image")!.max).toBe(200_000);
    expect(after.phaseMedians[0].phases[0].n).toBe(3);
  });
});

describe("runs without timing", () => {
  it("are kept out of every duration figure and counted apart from setup failures", () => {
    const par = [run("parallel", 1, 315, 276), run("parallel", 2, 318, 280), run("parallel", 3, 312, 274)];
    // a one-request upload with no timestamps anywhere: once stored as a 69 ms total
    const unknown = { ...run("parallel", 4, 0, 0), durationMs: null, setupDurationMs: null, testDurationMs: 5500 };
    const failed = run("parallel", 5, 200, 200, false);
    const r = buildTimingReport([...par, unknown, failed], [], {}, null);
    expect(r.excludedWithoutTiming).toBe(1);
    expect(r.excludedSetupFailures).toBe(1);
    expect(r.modes[0]).toMatchObject({ runs: 3, excludedWithoutTiming: 1, excludedSetupFailures: 1, total: { n: 3, median: 315_000 } });
  });
});
