import { describe, expect, it } from "vitest";
import { mulberry32 } from "./bootstrap";
import { type TargetRun, targetHistory } from "./target-history";

const target = { baseline: "sequential", candidate: "parallel", percent: 27 };
const DAY = 86_400_000;

/** alternating sequential (~456 s) and parallel runs; parallel ~300 s until `slowFrom`, then ~420 s */
function history(count: number, slowFrom = Infinity): TargetRun[] {
  const rnd = mulberry32(9);
  return Array.from({ length: count }, (_, i) => {
    const mode = i % 2 === 0 ? "sequential" : "parallel";
    const centre = mode === "sequential" ? 456_000 : i >= slowFrom ? 420_000 : 300_000;
    return { id: `run-${String(i).padStart(3, "0")}`, mode, at: Date.parse("2026-10-01") + i * DAY, durationMs: Math.round(centre * (1 + (rnd() - 0.5) * 0.04)) };
  });
}

describe("targetHistory", () => {
  it("says not enough data before 3 runs a side, then verified while the window's interval stays above the target", () => {
    const h = targetHistory(history(30), target);
    expect(h.points[0].status).toBe("not enough data");
    expect(h.points[4].status).toBe("not enough data"); // 3 sequential, 2 parallel
    expect(h.current).toBe("target met");
    expect(h.changes.map((c) => c.to)).toContain("target met");
    expect(h.lastBroken).toBeNull();
    expect(h.points.at(-1)!.n).toEqual({ baseline: 10, candidate: 10 });
  });

  it("stops holding when recent parallel runs slow down, naming the run that tipped it and keeping the history", () => {
    const h = targetHistory(history(60, 40), target);
    expect(h.current).not.toBe("target met");
    expect(h.lastBroken).not.toBeNull();
    const tipped = h.lastBroken!;
    expect(tipped.from).toBe("target met");
    // the run that tipped it is one of the slow parallel runs, after the slowdown began
    expect(Number(tipped.runId.slice(4))).toBeGreaterThanOrEqual(40);
    expect(tipped.runId.endsWith("1") || Number(tipped.runId.slice(4)) % 2 === 1).toBe(true);
    // the whole story is kept: met first, broken later
    const statuses = h.changes.map((c) => c.to);
    expect(statuses.indexOf("target met")).toBeLessThan(statuses.lastIndexOf(h.current));
  });

  it("looks only at the last N runs per mode: old slow runs stop counting", () => {
    const runs = history(60, 0).map((r, i) => (i >= 30 && r.mode === "parallel" ? { ...r, durationMs: 300_000 } : r));
    expect(targetHistory(runs, target, 10).current).toBe("target met");
    expect(targetHistory(runs, target, 30).current).not.toBe("target met");
  });
});
