import { describe, expect, it } from "vitest";
import { type GridRun, buildRequirementGrid, requirementPrefix, worstCell } from "@/lib/analysis/requirement-grid";

const run = (id: string): GridRun => ({ id, mode: "parallel", branch: "main", status: "failed", startedAt: new Date("2026-11-01") });

describe("requirement grid", () => {
  it("groups requirement IDs by prefix in natural order", () => {
    expect(requirementPrefix("BR-GATEWAY-024")).toBe("BR-GATEWAY");
    expect(requirementPrefix("DD-GATEWAY-009")).toBe("DD-GATEWAY");
    expect(requirementPrefix("REQ42")).toBe("REQ");
    expect(requirementPrefix("SECURITY")).toBe("SECURITY");
  });

  it("a cell is the worst result of the requirement's specs; not run when none of them ran", () => {
    expect(worstCell(["passed", "failed", "skipped"])).toBe("failed");
    expect(worstCell(["passed", "skipped", "not_run"])).toBe("skipped");
    expect(worstCell(["not_run", "passed"])).toBe("passed");
    expect(worstCell(["not_run"])).toBe("not_run");
    expect(worstCell([])).toBe("not_run");
  });

  it("builds rows per requirement (a spec naming two counts under both) with cells per run", () => {
    const grid = buildRequirementGrid([run("r2"), run("r1")], [
      { id: "s1", name: "rate limit a", requirementIds: ["BR-GATEWAY-018"], results: { r2: "failed", r1: "passed" } },
      { id: "s2", name: "rate limit b", requirementIds: ["BR-GATEWAY-018", "BR-GATEWAY-2"], results: { r2: "passed" } },
      { id: "s3", name: "design", requirementIds: ["DD-GATEWAY-009"], results: { r1: "skipped" } },
    ]);
    expect(grid.requirementCount).toBe(3);
    expect(grid.groups.map((g) => [g.prefix, g.requirements.map((r) => r.id)])).toEqual([
      ["BR-GATEWAY", ["BR-GATEWAY-2", "BR-GATEWAY-018"]],
      ["DD-GATEWAY", ["DD-GATEWAY-009"]],
    ]);
    const r018 = grid.groups[0].requirements[1];
    expect(r018.cells).toEqual(["failed", "passed"]);
    expect(r018.specs.map((s) => s.name)).toEqual(["rate limit a", "rate limit b"]);
    expect(r018.specs[1].cells).toEqual(["passed", "not_run"]);
    expect(grid.groups[1].requirements[0].cells).toEqual(["not_run", "skipped"]);
  });
});
