import { describe, expect, it } from "vitest";
import { UNMATCHED_ROUTE, routeLabel } from "@/lib/metrics";

describe("routeLabel", () => {
  it("is the route pattern: dynamic segments become their parameter's name", () => {
    expect(routeLabel("/api/v1/runs/zz8f3k2/results", { id: "zz8f3k2" })).toBe("/api/v1/runs/[id]/results");
    expect(routeLabel("/api/projects/gateway/categories/0190a000-0000-7000-8000-000000000000", { project: "gateway", id: "0190a000-0000-7000-8000-000000000000" }))
      .toBe("/api/projects/[project]/categories/[id]");
    expect(routeLabel("/api/auth/sign-in/email", { all: ["sign-in", "email"] })).toBe("/api/auth/[...all]");
  });

  it("decodes segments the way Next matched them (an encoded id or static segment is not a new label)", () => {
    expect(routeLabel("/api/v1/runs/a%20b/results", { id: "a b" })).toBe("/api/v1/runs/[id]/results");
    expect(routeLabel("/api/v1/run%73", {})).toBe("/api/v1/runs");
  });

  it("folds requests without params, and paths that do not decode, into one label", () => {
    expect(routeLabel("/api/v1/runs/zz1/results", undefined)).toBe(UNMATCHED_ROUTE);
    expect(routeLabel("/api/v1/runs/%E0%A4%A/results", { id: "x" })).toBe(UNMATCHED_ROUTE);
  });

  it("never makes more than 200 distinct labels, whatever it is given", () => {
    const labels = new Set(Array.from({ length: 1000 }, (_, i) => routeLabel(`/api/static-${i}`, {})));
    expect(labels.size).toBeLessThanOrEqual(201);
    expect(labels).toContain(UNMATCHED_ROUTE);
  });
});
