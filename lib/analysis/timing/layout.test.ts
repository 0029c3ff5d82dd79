import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalName, layoutChanges, layoutSignature, phaseComparability, type RunPhases } from "./layout";

const MAPPING = { "provision cluster": "provision", "k8s-setup": "provision" };

const run = (runId: string, at: number, phases: [string, number, string?][]): RunPhases => ({
  runId,
  at,
  phases: phases.map(([name, startMs, parent]) => ({ name, startMs, parent: parent ?? null })),
});

const RUNS = [
  run("r4", 4000, [["provision cluster", 0], ["deploy-a", 10], ["deploy-b", 10], ["test", 20]]),
  run("r1", 1000, [["provision cluster", 0], ["deploy", 10], ["test", 20]]),
  run("r2", 2000, [["test", 20], ["deploy", 10], ["provision cluster", 0]]),
  // renamed top phase, mapped to the same canonical name; the child phase is not top-level
  run("r3", 3000, [["k8s-setup", 0], ["operators", 2, "k8s-setup"], ["deploy", 10], ["test", 20]]),
];

describe("layoutSignature", () => {
  it("orders top-level phases by start and maps names", () => {
    expect(layoutSignature(RUNS[3].phases, MAPPING)).toEqual(["provision", "deploy", "test"]);
    expect(layoutSignature(RUNS[2].phases, MAPPING)).toEqual(["provision", "deploy", "test"]);
  });

  it("keeps input order for phases that start together (parallel top-level phases)", () => {
    expect(layoutSignature(RUNS[0].phases, MAPPING)).toEqual(["provision", "deploy-a", "deploy-b", "test"]);
  });

  it("does not treat inherited object keys as mapped names", () => {
    expect(canonicalName("constructor", MAPPING)).toBe("constructor");
    expect(canonicalName("toString", {})).toBe("toString");
  });
});

describe("layoutChanges", () => {
  it("sorts runs by time and marks only real layout changes", () => {
    const { layouts, changes } = layoutChanges(RUNS, MAPPING);
    expect(layouts.map((l) => l.runId)).toEqual(["r1", "r2", "r3", "r4"]);
    expect(changes).toEqual([
      {
        at: 4000,
        runId: "r4",
        previousRunId: "r3",
        from: ["provision", "deploy", "test"],
        to: ["provision", "deploy-a", "deploy-b", "test"],
      },
    ]);
  });

  it("without the mapping, the rename is a layout change too", () => {
    expect(layoutChanges(RUNS, {}).changes.map((c) => c.runId)).toEqual(["r3", "r4"]);
  });

  it("a sequence of runs with one layout has no changes; each change differs from its predecessor", () => {
    const names = fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(names, { minLength: 1, maxLength: 15 }), (layouts) => {
        const runs = layouts.map((ns, i) => run(`r${i}`, i, ns.map((n, j) => [n, j] as [string, number])));
        const { changes } = layoutChanges(runs, {});
        let expected = 0;
        for (let i = 1; i < layouts.length; i++) if (layouts[i].join() !== layouts[i - 1].join()) expected++;
        expect(changes).toHaveLength(expected);
        for (const c of changes) expect(c.from).not.toEqual(c.to);
      }),
    );
  });
});

describe("phaseComparability", () => {
  const before = ["provision", "deploy", "test"];
  const after = ["provision", "deploy-a", "deploy-b", "test"];

  it("same layout: compares phases with the same canonical name", () => {
    expect(phaseComparability({ phase: "provision cluster", signature: before }, { phase: "k8s-setup", signature: before }, MAPPING)).toEqual({
      comparable: true,
      canonical: "provision",
    });
    expect(phaseComparability({ phase: "deploy", signature: before }, { phase: "deploy", signature: before }, MAPPING)).toMatchObject({ comparable: true });
    expect(phaseComparability({ phase: "deploy", signature: before }, { phase: "test", signature: before }, MAPPING)).toMatchObject({ comparable: false });
  });

  it("different layouts: refuses unless both names are mapped to the same canonical name", () => {
    const refused = phaseComparability({ phase: "test", signature: before }, { phase: "test", signature: after }, MAPPING);
    expect(refused.comparable).toBe(false);
    if (!refused.comparable) expect(refused.reason).toMatch(/different phase layouts .* map "test" and "test"/);
    expect(phaseComparability({ phase: "provision cluster", signature: before }, { phase: "k8s-setup", signature: after }, MAPPING)).toEqual({
      comparable: true,
      canonical: "provision",
    });
    // mapping "test" explicitly makes it comparable across the change
    expect(phaseComparability({ phase: "test", signature: before }, { phase: "test", signature: after }, { ...MAPPING, test: "test" }).comparable).toBe(true);
  });
});
