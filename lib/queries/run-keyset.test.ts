import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, planSegments } from "./run-keyset";

const id = "0190f5f0-0000-7000-8000-000000000001";

describe("keyset cursors", () => {
  it("round-trips and rejects cursors of another view or foreign strings", () => {
    const c = { sort: "duration" as const, dir: "desc" as const, value: 314_600, id };
    const raw = encodeCursor(c);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw, "duration", "desc")).toEqual(c);
    expect(decodeCursor(raw, "duration", "asc")).toBeNull();
    expect(decodeCursor(raw, "setup", "desc")).toBeNull();
    expect(decodeCursor("not-a-cursor", "started", "desc")).toBeNull();
    expect(decodeCursor(Buffer.from('{"s":"started","d":"desc","v":5,"i":"x"}').toString("base64url"), "started", "desc")).toBeNull();
    const started = { sort: "started" as const, dir: "desc" as const, value: "2026-01-12T10:00:00.000Z", id };
    expect(decodeCursor(encodeCursor(started), "started", "desc")).toEqual(started);
    expect(decodeCursor(encodeCursor({ ...started, value: null }), "started", "desc")).toBeNull();
  });
});

describe("planSegments", () => {
  it("seeks with a leading <= on the sort column, then the id tie-break", () => {
    const [seg, ...rest] = planSegments("started", "desc", { sort: "started", dir: "desc", value: "2026-01-12T10:00:00.000Z", id });
    expect(rest).toEqual([]);
    const at = new Date("2026-01-12T10:00:00.000Z");
    expect(seg.where).toEqual({ AND: [{ startedAt: { lte: at } }, { OR: [{ startedAt: { lt: at } }, { id: { lt: id } }] }] });
    expect(seg.orderBy).toEqual([{ startedAt: "desc" }, { id: "desc" }]);
  });

  it("puts runs without a duration last, after the runs with one", () => {
    const segs = planSegments("duration", "asc", null);
    expect(segs.map((s) => s.where)).toEqual([{ AND: [{ durationMs: { not: null } }] }, { durationMs: null }]);
    expect(segs[1].orderBy).toEqual([{ id: "asc" }]);
  });

  it("continues inside the null segment once the cursor is there", () => {
    const segs = planSegments("setup", "desc", { sort: "setup", dir: "desc", value: null, id });
    expect(segs).toEqual([{ where: { setupDurationMs: null, id: { lt: id } }, orderBy: [{ id: "desc" }] }]);
  });

  it("walks backward in reverse: from a value only values precede it, from a null the nulls then the values", () => {
    const fromValue = planSegments("duration", "desc", { sort: "duration", dir: "desc", value: 1000, id }, true);
    expect(fromValue).toHaveLength(1);
    expect(fromValue[0].orderBy).toEqual([{ durationMs: "asc" }, { id: "asc" }]);
    expect(fromValue[0].where).toEqual({ AND: [{ durationMs: { not: null } }, { durationMs: { gte: 1000 } }, { OR: [{ durationMs: { gt: 1000 } }, { id: { gt: id } }] }] });
    const fromNull = planSegments("duration", "desc", { sort: "duration", dir: "desc", value: null, id }, true);
    expect(fromNull.map((s) => s.orderBy)).toEqual([[{ id: "asc" }], [{ durationMs: "asc" }, { id: "asc" }]]);
    expect(fromNull[0].where).toEqual({ durationMs: null, id: { gt: id } });
  });
});
