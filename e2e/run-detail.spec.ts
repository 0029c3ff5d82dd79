// The origin-like run: a parallel four-phase run that CI called passed with
// 16 failed and 8 skipped specs in 314.6 s; then one of its failing specs.
import { expect, test } from "@playwright/test";

test.beforeEach(async ({ page }) => {
  await page.goto("/runs?project=gateway-e2e&q=demo-13");
  await page.getByTestId("run-link").first().click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
});

test("the run page shows totals, the claim against the evidence, and the phase waterfall with parallel lanes", async ({ page }) => {
  await expect(page.getByTestId("run-totals")).toContainText("5m 14.6s");
  await expect(page.getByTestId("run-totals")).toContainText("16 of 24 run, 0 passed");
  await expect(page.getByTestId("claim-mismatch")).toHaveText("CI said passed; Runboard says failed: 16 of 16 specs that ran failed.");
  await expect(page.getByTestId("median-comparison")).toContainText(/vs median of 5 earlier parallel runs/);

  const waterfall = page.getByTestId("phase-waterfall");
  await expect(waterfall).toBeVisible();
  await expect(waterfall.locator(".recharts-bar-rectangle path").first()).toBeVisible();

  const phases = page.getByTestId("phase-table");
  const parent = "Phase 2: Build & deploy images";
  for (const lane of ["Gateway image", "DataStorage image", "PostgreSQL + Redis"]) {
    const row = phases.locator("tr", { has: page.getByRole("rowheader", { name: lane, exact: true }) });
    await expect(row.locator("td").nth(0)).toHaveText(parent);
    await expect(row.locator("td").nth(1)).toHaveText("images");
    // the three builds start together: parallel lanes overlapping in time
    await expect(row.locator("td").nth(2)).toHaveText("+1m 12.9s");
  }
  await expect(phases.locator("tr", { hasText: "Gateway image" }).locator("td").nth(5)).toHaveText("2,150 MB");
});

test("results filter by status and text, failures are grouped, and the report downloads", async ({ page }) => {
  const results = page.getByTestId("results-table");
  await expect(results.locator("tbody tr")).toHaveCount(24);
  await page.getByLabel("Status").selectOption("skipped");
  await expect(results.locator("tbody tr")).toHaveCount(8);
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Search specs and messages").fill("BR-GATEWAY-018");
  await expect(results.locator("tbody tr")).toHaveCount(2);

  const groups = page.getByTestId("failure-groups");
  await expect(groups.locator(":scope > li")).not.toHaveCount(0);

  const href = await page.getByRole("link", { name: "Download junit-gateway-e2e.xml" }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/xml");
  expect(res.headers()["content-disposition"]).toContain('attachment; filename="junit-gateway-e2e.xml"');
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await res.text()).toContain('failures="16"');

  // the name opens the report as text with line numbers
  await page.getByRole("link", { name: "junit-gateway-e2e.xml", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("junit-gateway-e2e.xml");
  const lines = page.getByTestId("report-lines").locator("tr");
  await expect(lines.first()).toContainText(/^1\s*<\?xml/);
  await expect(page.getByTestId("report-lines")).toContainText('failures="16"');
  await expect(page.getByRole("link", { name: "Download" })).toHaveAttribute("href", href!);
});

test("specs failing with the same message are one group, and the heading counts the groups shown", async ({ page }) => {
  const section = page.getByRole("region", { name: /^Failures by signature/ });
  const groups = section.getByTestId("failure-groups").locator(":scope > li");
  await expect(groups.first()).toBeVisible();
  const heading = await section.getByRole("heading").innerText();
  expect(heading).toBe("Failures by signature (15)");
  await expect(groups).toHaveCount(15);
  await expect(section.getByTestId("failure-groups-summary")).toHaveText("16 failures in 15 groups");
  const prometheus = groups.filter({ hasText: "Test 09:" });
  await expect(prometheus).toHaveCount(1);
  await expect(prometheus).toContainText("Test 17:");
  await expect(prometheus).toContainText("2 specs");
  await expect(prometheus).toContainText("POST /api/v1/signals/prometheus (request id req-<id>)");
  // each status option's count is the number of rows it shows
  await page.getByLabel("Status").selectOption({ label: "failed (16)" });
  await expect(page.getByTestId("results-table").locator("tbody tr")).toHaveCount(16);
});

test("a failing spec's history shows a pass/fail strip linking to its runs", async ({ page }) => {
  await page.getByTestId("results-table").locator("tbody tr").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/specs\/[0-9a-f-]{36}$/);
  const strip = page.getByTestId("history-strip");
  // 16 runs, one of which never reached the specs (setup OOM)
  await expect(strip.getByRole("link")).toHaveCount(15);
  await expect(strip.locator('[data-status="failed"]').first()).toHaveAttribute("title", /failed/);
  await expect(page.getByRole("img", { name: "Spec duration over its recent runs" })).toBeVisible();
  // a failing spec has its triage item, linked from here
  await expect(page.getByTestId("triage")).toContainText("Failures");
  await expect(page.getByTestId("triage").getByRole("link", { name: "Open the triage item →" })).toHaveAttribute("href", /^\/triage\/[0-9a-f-]{36}$/);
  await strip.getByRole("link").last().click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
});
