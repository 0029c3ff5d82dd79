import { describe, expect, it } from "vitest";
import { hasFilters, parseRunListQuery, runListHref } from "./run-list-query";

describe("runs page URL state", () => {
  it("parses filters, sort and cursors, with defaults", () => {
    const q = parseRunListQuery({ project: "gateway-e2e", mode: "Sequential", status: "failed", from: "2026-01-01", to: "2026-01-31", q: " abc ", sort: "duration", dir: "asc" });
    expect(q).toEqual({ project: "gateway-e2e", mode: "sequential", status: "failed", from: "2026-01-01", to: "2026-01-31", q: "abc", sort: "duration", dir: "asc" });
    expect(parseRunListQuery({})).toEqual({ sort: "started", dir: "desc" });
  });

  it("drops values that do not fit instead of failing the page", () => {
    const q = parseRunListQuery({ project: "Bad Slug!", status: "green", from: "2026-13-45", to: "yesterday", sort: "name", dir: "up", mode: "" });
    expect(q).toEqual({ sort: "started", dir: "desc" });
    expect(hasFilters(q)).toBe(false);
  });

  it("takes the first of repeated parameters", () => {
    expect(parseRunListQuery({ mode: ["parallel", "sequential"] }).mode).toBe("parallel");
  });

  it("builds canonical links: defaults left out, changes applied", () => {
    const q = parseRunListQuery({ project: "gateway-e2e", after: "xyz" });
    expect(runListHref(q)).toBe("/runs?project=gateway-e2e&after=xyz");
    expect(runListHref(q, { sort: "duration", after: undefined })).toBe("/runs?project=gateway-e2e&sort=duration");
    expect(runListHref({ sort: "started", dir: "desc" })).toBe("/runs");
    expect(runListHref({ q: "a&b=c" })).toBe("/runs?q=a%26b%3Dc");
  });
});
