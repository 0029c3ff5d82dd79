import { describe, expect, it } from "vitest";
import { populationFields, selectPopulation } from "./population";

const ci = (id: string) => ({ id, template: null });
const tpl = (id: string, template: string, tryOut = false) => ({ id, template, tryOut });

describe("selectPopulation", () => {
  const runs = [ci("c1"), ci("c2"), ci("c3"), tpl("t1", "nightly"), tpl("s1", "sshd try-out", true), tpl("s2", "sshd try-out", true), { ...ci("x1"), statsExcluded: true }];

  it("compares one population by default and counts what it left out, by reason", () => {
    const s = selectPopulation(runs, { compareAcrossTemplates: false, includeTryOutRuns: false });
    expect(s.population).toBe("CI");
    expect(s.kept.map((r) => r.id)).toEqual(["c1", "c2", "c3"]);
    expect(s.leftOut).toEqual({ tryOut: 2, excludedByLead: 1, otherPopulations: [{ name: "nightly", runs: 1 }] });
  });

  it("compares the population the URL asks for", () => {
    const s = selectPopulation(runs, { compareAcrossTemplates: false, includeTryOutRuns: false, population: "nightly" });
    expect(s.kept.map((r) => r.id)).toEqual(["t1"]);
    expect(s.leftOut.otherPopulations).toEqual([{ name: "CI", runs: 3 }]);
  });

  it("merges templates when the project says so, still without try-out runs unless included", () => {
    const merged = selectPopulation(runs, { compareAcrossTemplates: true, includeTryOutRuns: false });
    expect(merged.population).toBeNull();
    expect(merged.kept.map((r) => r.id)).toEqual(["c1", "c2", "c3", "t1"]);
    const all = selectPopulation(runs, { compareAcrossTemplates: true, includeTryOutRuns: true });
    expect(all.kept).toHaveLength(6);
    expect(all.leftOut.excludedByLead).toBe(1);
  });

  it("prefers CI over a template of the same size", () => {
    const s = selectPopulation([tpl("a", "aaa"), ci("b")], { compareAcrossTemplates: false, includeTryOutRuns: false });
    expect(s.population).toBe("CI");
  });
});

describe("populationFields", () => {
  it("reads the template label, the tryout label and the project's try-out templates", () => {
    expect(populationFields({}, [])).toEqual({ template: null, tryOut: false });
    expect(populationFields({ template: "nightly" }, [])).toEqual({ template: "nightly", tryOut: false });
    expect(populationFields({ template: "sshd try-out" }, ["sshd try-out"])).toEqual({ template: "sshd try-out", tryOut: true });
    expect(populationFields({ template: "x", tryout: "true" }, [])).toEqual({ template: "x", tryOut: true });
    expect(populationFields(null, [])).toEqual({ template: null, tryOut: false });
  });
});
