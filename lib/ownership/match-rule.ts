// Which ownership rule a spec falls under: the first that matches. Globs are
// picomatch's; a file glob treats "/" as a separator (** crosses folders),
// the others match names in which "*" crosses anything. Requirement IDs and
// labels ignore case.
import picomatch from "picomatch";
import type { RuleKind } from "@/lib/ownership/owners-file";

export interface SpecFacts {
  name: string;
  classname: string;
  file: string | null;
  requirementIds: string[];
  /** the run's labels */
  labels: Record<string, string>;
}

export interface MatchableRule {
  kind: RuleKind;
  pattern: string;
}

type Test = (s: SpecFacts) => boolean;

export function compileRule(rule: MatchableRule): Test {
  const loose = { bash: true, dot: true };
  switch (rule.kind) {
    case "requirement": {
      const m = picomatch(rule.pattern, { ...loose, nocase: true });
      return (s) => s.requirementIds.some((id) => m(id));
    }
    case "spec": {
      const m = picomatch(rule.pattern, loose);
      return (s) => m(s.name);
    }
    case "classname": {
      const m = picomatch(rule.pattern, loose);
      return (s) => m(s.classname);
    }
    case "file": {
      // a file rule also matches the classname, which is where many JUnit dialects put the path
      const m = picomatch(rule.pattern, { dot: true });
      return (s) => (s.file !== null && m(s.file.replace(/^\.\//, ""))) || m(s.classname);
    }
    case "label": {
      const m = picomatch(rule.pattern, { ...loose, nocase: true });
      return (s) => Object.entries(s.labels).some(([k, v]) => m(`${k}=${v}`) || m(k));
    }
  }
}

/** Index of the first matching rule, or -1. */
export function firstMatch(rules: MatchableRule[] | Test[], spec: SpecFacts): number {
  const tests = rules.map((r) => (typeof r === "function" ? r : compileRule(r)));
  return tests.findIndex((t) => t(spec));
}
