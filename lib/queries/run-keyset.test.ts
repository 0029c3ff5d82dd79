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

/** Render a segment's conditions with the values inline, to read them in assertions. */
function render(seg: ReturnType<typeof planSegments>[number]) {
  const values: unknown[] = [];
  const where = seg.where((v) => `$${values.push(v)}`);
  return { where: where.join(" AND ").replace(/\$(\d+)/g, (_, n) => JSON.stringify(values[Number(n) - 1])), orderBy: seg.orderBy };
}

describe("planSegments", () => {
  it("seeks with a leading <= on the sort column, then the id tie-break", () => {
    const segs = planSegments("started", "desc", { sort: "started", dir: "desc", value: "2026-01-12T10:00:00.000Z", id });
    expect(segs.map(render)).toEqual([{
      where: `r."startedAt" <= "2026-01-12T10:00:00.000Z"::timestamp AND (r."startedAt" < "2026-01-12T10:00:00.000Z"::timestamp OR r.id < "${id}"::uuid)`,
      orderBy: `r."startedAt" DESC, r.id DESC`,
    }]);
  });

  it("puts runs without a duration last, after the runs with one", () => {
    expect(planSegments("duration", "asc", null).map(render)).toEqual([
      { where: `r."durationMs" IS NOT NULL`, orderBy: `r."durationMs" ASC, r.id ASC` },
      { where: `r."durationMs" IS NULL`, orderBy: "r.id ASC" },
    ]);
  });

  it("continues inside the null segment once the cursor is there", () => {
    expect(planSegments("setup", "desc", { sort: "setup", dir: "desc", value: null, id }).map(render)).toEqual([
      { where: `r."setupDurationMs" IS NULL AND r.id < "${id}"::uuid`, orderBy: "r.id DESC" },
    ]);
  });

  it("walks backward in reverse: from a value only values precede it, from a null the nulls then the values", () => {
    const fromValue = planSegments("duration", "desc", { sort: "duration", dir: "desc", value: 1000, id }, true).map(render);
    expect(fromValue).toEqual([{
      where: `r."durationMs" IS NOT NULL AND r."durationMs" >= 1000::int AND (r."durationMs" > 1000::int OR r.id > "${id}"::uuid)`,
      orderBy: `r."durationMs" ASC, r.id ASC`,
    }]);
    const fromNull = planSegments("duration", "desc", { sort: "duration", dir: "desc", value: null, id }, true).map(render);
    expect(fromNull).toEqual([
      { where: `r."durationMs" IS NULL AND r.id > "${id}"::uuid`, orderBy: "r.id ASC" },
      { where: `r."durationMs" IS NOT NULL`, orderBy: `r."durationMs" ASC, r.id ASC` },
    ]);
  });
});
