import { describe, expect, it } from "vitest";
import { UNKNOWN_HOST, splitByHost } from "./host-split";

const on = (...hosts: (string | null)[]) => hosts.map((runnerHost) => ({ runnerHost }));

describe("splitByHost", () => {
  it("says when the sides ran on different hosts and where a per-host comparison is possible", () => {
    const s = splitByHost(on("ci-a", "ci-a", "ci-a"), on("ci-b", "ci-b", "ci-a"));
    expect(s.differs).toBe(true);
    expect(s.baseline).toEqual([{ host: "ci-a", runs: 3 }]);
    expect(s.candidate).toEqual([{ host: "ci-b", runs: 2 }, { host: "ci-a", runs: 1 }]);
    expect(s.shared).toEqual(["ci-a"]);
  });

  it("is quiet when both sides ran on the same hosts, or report none", () => {
    expect(splitByHost(on("a", "b"), on("b", "a", "a")).differs).toBe(false);
    expect(splitByHost(on(null, null), on(null)).differs).toBe(false);
    expect(splitByHost(on(null), on("a")).baseline).toEqual([{ host: UNKNOWN_HOST, runs: 1 }]);
    expect(splitByHost(on(null), on("a")).shared).toEqual([]);
  });
});
