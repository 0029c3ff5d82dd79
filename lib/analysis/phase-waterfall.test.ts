import { describe, expect, it } from "vitest";
import { type WaterfallPhaseInput, layoutWaterfall } from "./phase-waterfall";

const t0 = Date.parse("2026-01-12T10:00:00Z");
const phase = (id: string, name: string, startS: number, ms: number, extra: Partial<WaterfallPhaseInput> = {}): WaterfallPhaseInput => ({
  id, name, parentId: null, group: null, position: 0, status: "passed",
  startedAt: new Date(t0 + startS * 1000), finishedAt: new Date(t0 + startS * 1000 + ms), durationMs: ms, attributes: {}, ...extra,
});

describe("layoutWaterfall", () => {
  it("puts children under their parent and parallel siblings in overlapping lanes", () => {
    const lanes = layoutWaterfall(
      [
        phase("p3", "Phase 3", 210.3, 35_200, { position: 5 }),
        phase("p1", "Phase 1", 0, 72_400, { position: 0 }),
        phase("p2", "Phase 2", 72.4, 137_900, { position: 1 }),
        phase("c2", "DataStorage image", 72.9, 104_300, { parentId: "p2", group: "images", position: 3, attributes: { peakMemoryMb: 1830 } }),
        phase("c1", "Gateway image", 72.9, 127_600, { parentId: "p2", group: "images", position: 2, attributes: { peakMemoryMb: 2150, oomKills: 1 } }),
      ],
      new Date(t0),
    );
    expect(lanes.map((l) => [l.name, l.depth, l.parent])).toEqual([
      ["Phase 1", 0, null],
      ["Phase 2", 0, null],
      ["Gateway image", 1, "Phase 2"],
      ["DataStorage image", 1, "Phase 2"],
      ["Phase 3", 0, null],
    ]);
    const [gw, ds] = [lanes[2], lanes[3]];
    expect(gw.offsetMs).toBe(72_900);
    expect(ds.offsetMs).toBe(gw.offsetMs);
    expect(gw).toMatchObject({ group: "images", peakMemoryMb: 2150, oomKills: 1, durationMs: 127_600 });
  });

  it("measures from the earliest phase when one started before the run", () => {
    const lanes = layoutWaterfall([phase("a", "early", -5, 1000)], new Date(t0));
    expect(lanes[0].offsetMs).toBe(0);
  });

  it("keeps phases without a start and survives a parent cycle", () => {
    const lanes = layoutWaterfall(
      [
        { ...phase("a", "no start", 0, 0), startedAt: null, finishedAt: null, durationMs: null },
        phase("x", "x", 1, 10, { parentId: "y" }),
        phase("y", "y", 2, 10, { parentId: "x" }),
      ],
      new Date(t0),
    );
    expect(lanes.find((l) => l.name === "no start")).toMatchObject({ offsetMs: null, durationMs: null });
    expect(lanes.map((l) => l.name).sort()).toEqual(["no start", "x", "y"]);
  });
});
