import { expect, test } from "@playwright/test";

test("the overview shows the Gateway demo's latest run as it really ended", async ({ page }) => {
  await page.goto("/");
  const card = page.locator("section", { has: page.getByRole("heading", { name: /Gateway E2E/ }) });
  await expect(card).toBeVisible();
  const latest = card.getByTestId("latest-run");
  // the demo's latest run is a five-phase parallel run; its counts come from the ingested JUnit
  await expect(latest).toContainText("parallel");
  await expect(latest).toContainText(/\d+ of 24 run, \d+ passed/);
  await expect(card.getByText("16 runs", { exact: true })).toBeVisible();
  await expect(card.getByRole("img", { name: "Run duration by mode" })).toBeVisible();
  await expect(card.locator(".recharts-line").first()).toBeVisible();
});
