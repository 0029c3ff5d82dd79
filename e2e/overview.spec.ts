import { expect, test } from "@playwright/test";

test("the overview shows the Gateway demo's latest run as it really ended", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /Gateway E2E/ })).toBeVisible();
  const latest = page.getByTestId("latest-run");
  // the demo's latest run is a five-phase parallel run; its counts come from the ingested JUnit
  await expect(latest).toContainText("parallel");
  await expect(latest).toContainText(/\d+ of 24 run, \d+ passed/);
  await expect(page.getByText("16 runs", { exact: true })).toBeVisible();
  await expect(page.getByRole("img", { name: "Run duration by mode" })).toBeVisible();
  await expect(page.locator(".recharts-line").first()).toBeVisible();
});
