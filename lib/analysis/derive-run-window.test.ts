import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Interval, type RunWindowInput, deriveRunWindow, setupSpanMs } from "./derive-run-window";

const T0 = Date.parse("2026-01-12T10:00:00Z");
const min = 60_000;

describe("deriveRunWindow", () => {
  it("one-request upload without startedAt: the window is the evidence, not the request (the 69 ms total)", () => {
    const request = T0 + 10 * min;
    const w = deriveRunWindow({
      start: { ms: request - 69, origin: "request_time" },
      end: { ms: request, origin: "request_time" },
      phases: [{ startMs: T0, endMs: T0 + 3 * min }],
      reports: [{ startMs: T0 + 3 * min, endMs: T0 + 7 * min }],
    });
    expect(w).toMatchObject({ startMs: T0, startSource: "phases", endMs: T0 + 7 * min, endSource: "reports", durationMs: 7 * min });
  });

  it("no timestamps anywhere: the duration is unknown, not the request's length", () => {
    const w = deriveRunWindow({ start: { ms: T0, origin: "request_time" }, end: { ms: T0 + 69, origin: "request_time" }, phases: [], reports: [] });
    expect(w.startSource).toBe("request_time");
    expect(w.durationMs).toBeNull();
  });

  it("a claimed start before the evidence is kept; a claimed start after it is overruled and flagged", () => {
    const phases = [{ startMs: T0, endMs: T0 + min }];
    const end = { ms: T0 + 5 * min, origin: "claimed" as const };
    const early = deriveRunWindow({ start: { ms: T0 - min, origin: "claimed" }, end, phases, reports: [] });
    expect(early).toMatchObject({ startMs: T0 - min, startSource: "claimed", durationMs: 6 * min, claimDisagrees: { start: false, end: false } });
    const late = deriveRunWindow({ start: { ms: T0 + 30_000, origin: "claimed" }, end, phases, reports: [] });
    expect(late).toMatchObject({ startMs: T0, startSource: "phases", claimDisagrees: { start: true, end: false } });
  });

  it("a separate finish call after the evidence ends the run; a claimed end before the evidence is overruled", () => {
    const reports = [{ startMs: T0, endMs: T0 + 4 * min }];
    const start = { ms: T0 - 1000, origin: "request_time" as const };
    expect(deriveRunWindow({ start, end: { ms: T0 + 5 * min, origin: "finish_call" }, phases: [], reports }))
      .toMatchObject({ endMs: T0 + 5 * min, endSource: "finish_call", startSource: "reports", durationMs: 5 * min });
    expect(deriveRunWindow({ start, end: { ms: T0 + min, origin: "claimed" }, phases: [], reports }))
      .toMatchObject({ endMs: T0 + 4 * min, endSource: "reports", claimDisagrees: { start: false, end: true } });
  });

  it("claimed start and finish call with no other evidence: known", () => {
    const w = deriveRunWindow({ start: { ms: T0, origin: "claimed" }, end: { ms: T0 + 2 * min, origin: "finish_call" }, phases: [], reports: [] });
    expect(w).toMatchObject({ startSource: "claimed", endSource: "finish_call", durationMs: 2 * min });
  });

  it("evidence spanning more than any run can take (a stale report, phases weeks apart) gives no total and no setup, never an overflowing one", () => {
    const day = 86_400_000;
    const phases = [{ startMs: T0 - 124 * day, endMs: T0 - 124 * day + min, topLevel: true }, { startMs: T0, endMs: T0 + min, topLevel: true }];
    const w = deriveRunWindow({ start: { ms: T0, origin: "request_time" }, end: { ms: T0 + 2 * min, origin: "request_time" }, phases, reports: [] });
    expect(w).toMatchObject({ startMs: T0 - 124 * day, durationMs: null });
    expect(setupSpanMs(phases)).toBeNull();
    // a week is the most a run may span
    expect(deriveRunWindow({ start: { ms: T0, origin: "claimed" }, end: { ms: T0 + 7 * day, origin: "claimed" }, phases: [], reports: [] }).durationMs).toBe(7 * day);
  });

  it("an unfinished run has a start but no end or total", () => {
    const w = deriveRunWindow({ start: { ms: T0 + min, origin: "request_time" }, end: null, phases: [{ startMs: T0, endMs: null }], reports: [] });
    expect(w).toMatchObject({ startMs: T0, startSource: "phases", endMs: null, durationMs: null });
  });
});

// Times within a day of T0, in ms; intervals with end >= start as the phases schema and report parsers guarantee.
const time = fc.integer({ min: T0 - 86_400_000, max: T0 + 86_400_000 });
const interval = fc.tuple(time, fc.option(fc.integer({ min: 0, max: 86_400_000 }), { nil: null }))
  .map(([s, d]): Interval => ({ startMs: s, endMs: d === null ? null : s + d }));
const input = fc.record({
  start: fc.record({ ms: time, origin: fc.constantFrom("claimed" as const, "request_time" as const) }),
  end: fc.option(fc.record({ ms: time, origin: fc.constantFrom("claimed" as const, "finish_call" as const, "request_time" as const) }), { nil: null }),
  phases: fc.array(fc.tuple(interval, fc.boolean()).map(([i, topLevel]) => ({ ...i, topLevel })), { maxLength: 8 }),
  reports: fc.array(interval.filter((i) => i.endMs !== null), { maxLength: 5 }),
});

describe("deriveRunWindow invariants (property)", () => {
  it("end >= start, the window holds every phase and report, and the total is never shorter than the setup", () => {
    fc.assert(
      fc.property(input, (raw) => {
        const w = deriveRunWindow(raw as RunWindowInput);
        for (const i of [...raw.phases, ...raw.reports]) {
          expect(w.startMs).toBeLessThanOrEqual(i.startMs);
          if (w.endMs !== null) {
            expect(w.endMs).toBeGreaterThanOrEqual(i.startMs);
            if (i.endMs !== null) expect(w.endMs).toBeGreaterThanOrEqual(i.endMs);
          }
        }
        if (w.endMs !== null) expect(w.endMs).toBeGreaterThanOrEqual(w.startMs);
        if (w.durationMs !== null) {
          expect(w.durationMs).toBeGreaterThanOrEqual(0);
          expect(w.durationMs).toBe(w.endMs! - w.startMs);
          const setup = setupSpanMs(raw.phases);
          if (setup !== null) expect(w.durationMs).toBeGreaterThanOrEqual(setup);
        }
        // a duration is known exactly when something other than the request time gave the start
        expect(w.durationMs === null).toBe(w.endMs === null || w.startSource === "request_time");
        if (raw.phases.length + raw.reports.length > 0) expect(w.startSource).not.toBe("request_time");
      }),
      { numRuns: 2000 },
    );
  });
});
