// A run whose setup takes far longer than its mode's recent runs is flagged
// on the runs list and on its page. Runs are posted through the ingest API.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eProject } from "./members";

const slug = `e2e-regress-${Date.now().toString(36)}`;
let token: string;

test.beforeAll(async () => {
  process.env.DATABASE_URL = fs.readFileSync(path.resolve(import.meta.dirname, "../test-results/e2e-database-url"), "utf8").trim();
  const { createApiToken } = await import("@/lib/services/create-api-token");
  token = (await createApiToken((await e2eProject(slug)).id, "e2e")).token;
});

test.afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
});

test("a far slower setup is flagged on the runs list and the run page", async ({ page, request }) => {
  const auth = { authorization: `Bearer ${token}` };
  const t0 = Date.parse("2026-03-01T08:00:00Z");
  let slowId = "";
  for (const [i, setupS] of [276, 280, 274, 279, 277, 281, 430].entries()) {
    const start = t0 + i * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const res = await request.post("/api/v1/runs", { headers: auth, data: { project: slug, mode: "parallel", startedAt: iso(start) } });
    const { id } = await res.json();
    const phases = { phases: [{ name: "Kind cluster + images", startedAt: iso(start), durationMs: setupS * 1000, status: "passed" }] };
    expect((await request.post(`/api/v1/runs/${id}/phases`, { headers: auth, data: phases })).status()).toBe(200);
    expect((await request.post(`/api/v1/runs/${id}/finish`, { headers: auth, data: { finishedAt: iso(start + setupS * 1000 + 40_000) } })).status()).toBe(200);
    slowId = id;
  }
  await page.goto(`/runs?project=${slug}`);
  await expect(page.getByTestId("slow-setup")).toHaveCount(1);
  await expect(page.locator("tr", { has: page.getByTestId("slow-setup") })).toContainText("7m 10.0s");
  await page.goto(`/runs/${slowId}`);
  await expect(page.getByTestId("run-totals").getByTestId("slow-setup")).toBeVisible();
});
