// The demo's history is enough for the "biggest duration changes" view to say
// something: the one planted slowdown is found among the noise, and nothing else
// is claimed as a spec change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PROJECT, PLANTED_SLOWDOWN, loadGatewayDemo } from "@/lib/demo/gateway-demo";
import { disconnectDb } from "@/lib/db";
import { findDurationChanges } from "@/lib/queries/find-duration-changes";
import { ensureProject } from "@/lib/services/get-project";
import { type TestDatabase, createTestDatabase } from "@/lib/testing/test-database";

const NOW = Date.parse("2026-03-01T12:00:00Z");
let own: TestDatabase;
let projectId: string;

beforeAll(async () => {
  // this file's own database: the demo loaded at its own date must not meet another file's demo
  own = await createTestDatabase(process.env.DATABASE_URL!, "runboard_demo_history");
  process.env.DATABASE_URL = own.url;
  await loadGatewayDemo(NOW);
  projectId = (await ensureProject(DEMO_PROJECT)).project.id;
}, 120_000);
afterAll(async () => {
  await disconnectDb();
  await own?.drop();
});

describe("the demo's duration history", () => {
  it("finds the planted Config Reload slowdown in parallel runs, and no other spec change", async () => {
    const c = await findDurationChanges(projectId, { days: 14, mode: "parallel", until: new Date(NOW).toISOString() });
    const claimed = c.specs.filter((s) => s.verdict === "slower" || s.verdict === "faster");
    expect(claimed.map((s) => s.name)).toEqual([expect.stringContaining(PLANTED_SLOWDOWN.spec)]);
    const [planted] = claimed;
    expect(planted.verdict).toBe("slower");
    expect(planted.nBefore).toBeGreaterThanOrEqual(3);
    expect(planted.nAfter).toBeGreaterThanOrEqual(3);
    expect(planted.lo!).toBeGreaterThan(0);
    expect(Math.abs(planted.estimateMs! - PLANTED_SLOWDOWN.extraMs)).toBeLessThan(500);
    // the biggest change is listed first
    expect(c.specs[0].name).toContain(PLANTED_SLOWDOWN.spec);
    expect(c.specs.filter((s) => s.verdict === "no clear change").length).toBeGreaterThanOrEqual(5);
    console.log("[demo] phases:", c.phases.map((p) => `${p.name}: ${p.verdict} ${p.estimateMs} [${p.lo}, ${p.hi}] n ${p.nBefore}/${p.nAfter}`));
  });

  it("claims nothing for sequential runs, which have no runs in the later window", async () => {
    const c = await findDurationChanges(projectId, { days: 14, mode: "sequential", until: new Date(NOW).toISOString() });
    expect(c.runs.after).toBe(0);
    expect(c.specs.every((s) => s.verdict === "not enough data")).toBe(true);
  });
});
