import { describe, expect, it } from "vitest";
import { PhaseTracker, parseProtocolLine } from "@/lib/runner/phase-protocol";
import { phasePatternSchema } from "@/lib/runner/phase-protocol";

let t = Date.parse("2026-01-01T00:00:00Z");
const clock = () => new Date((t += 1000));

describe("parseProtocolLine", () => {
  it("reads start and end lines with quoted names, parents, groups and attributes", () => {
    expect(parseProtocolLine('##runboard phase start name="Kind cluster + CRDs"')).toEqual({ kind: "start", name: "Kind cluster + CRDs" });
    expect(parseProtocolLine('  ##runboard phase start name="Gateway image" parent="Build images" group=images')).toEqual({ kind: "start", name: "Gateway image", parent: "Build images", group: "images" });
    expect(parseProtocolLine('##runboard phase end name="say \\"hi\\"" status=failed peakMemoryMb=2150 node=kind-1')).toEqual({ kind: "end", name: 'say "hi"', status: "failed", attributes: { peakMemoryMb: 2150, node: "kind-1" } });
    expect(parseProtocolLine("plain output")).toBeNull();
    expect(parseProtocolLine("##runboard phase start")).toBeNull();
  });
});

describe("PhaseTracker", () => {
  it("turns protocol lines into running and finished phases with parents", () => {
    const tr = new PhaseTracker([], clock);
    const a = tr.line('##runboard phase start name="Build images"');
    expect(a).toMatchObject([{ name: "Build images", status: "running" }]);
    expect(tr.line('##runboard phase start name="Gateway image" parent="Build images" group="images"')).toMatchObject([{ parent: "Build images", group: "images" }]);
    const end = tr.line('##runboard phase end name="Gateway image" status=passed');
    expect(end[0]).toMatchObject({ name: "Gateway image", status: "passed", parent: "Build images" });
    expect(Date.parse(end[0].finishedAt!) - Date.parse(end[0].startedAt)).toBe(1000);
    expect(tr.closeAll("failed")).toMatchObject([{ name: "Build images", status: "failed" }]);
  });

  it("recognises the origin suite's own lines through a template's patterns, one phase after another", () => {
    const patterns = [
      { pattern: "PHASE (\\d+): ([^.(]+)", start: "Phase $1: $2" },
      { pattern: "✅ (\\w+) build completed", end: "$1 build" },
      { pattern: "📦 .*Building images", start: "Gateway build", parent: "Phase 1: Building images in parallel", group: "images" },
    ].map((p) => phasePatternSchema.parse(p));
    const tr = new PhaseTracker(patterns, clock);
    expect(tr.line("📦 PHASE 1: Building images in parallel (NO CLUSTER YET)...").map((p) => p.name)).toEqual(["Phase 1: Building images in parallel", "Gateway build"]);
    expect(tr.line("✅ Gateway build completed")).toMatchObject([{ name: "Gateway build", status: "passed" }]);
    const next = tr.line("🏗️ PHASE 2: Creating Kind cluster...");
    expect(next.map((p) => [p.name, p.status])).toEqual([["Phase 1: Building images in parallel", "passed"], ["Phase 2: Creating Kind cluster", "running"]]);
  });

  it("refuses patterns that are not regular expressions or say neither start nor end", () => {
    expect(phasePatternSchema.safeParse({ pattern: "(", start: "x" }).success).toBe(false);
    expect(phasePatternSchema.safeParse({ pattern: "x" }).success).toBe(false);
  });
});
