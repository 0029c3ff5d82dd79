// The timing page on the demo data: whether the target still holds on the most
// recent window (with n and interval, and its history), and the biggest
// duration changes between two windows with n per side, never a bare claim.
import { expect, test } from "@playwright/test";

test("the target is checked on the most recent window, and duration changes come with n and intervals", async ({ page }) => {
  test.slow();
  await page.goto("/projects/gateway-e2e/timing");
  const target = page.getByTestId("target-status");
  await expect(target).toContainText("Target: parallel at least 27 % faster than sequential.");
  await expect(target).toContainText(/on the last 10 runs per mode/);
  await expect(target).toContainText(/n = \d+ sequential, \d+ parallel/);
  expect(["target met", "consistent with target", "target missed", "not enough data"]).toContain(await target.getAttribute("data-status"));
  // the verdict's history is kept: at least "not enough data" first, then what followed
  await target.getByText(/Verdict history/).click();
  await expect(page.getByTestId("target-history").locator("li").first()).toContainText("not enough data");

  // a smaller window is a URL parameter; with 3 runs per mode the window's n says so
  await page.goto("/projects/gateway-e2e/timing?window=3");
  await expect(page.getByTestId("target-status")).toContainText("n = 3 sequential, 3 parallel");

  await page.goto("/projects/gateway-e2e/timing");
  const changes = page.getByRole("region", { name: /Biggest duration changes/ });
  await expect(changes.getByTestId("duration-changes").first()).toContainText(/\(\d+ runs\) against .* \(\d+ runs\)/);
  await expect(changes.getByText(/with fewer than 3 runs on a side, so nothing is claimed/).first()).toBeVisible();
  // the demo plants one real change among the noise: Config Reload got ~4 s slower in parallel runs; it leads the specs, and links to its history
  const specs = changes.getByTestId("duration-changes-specs");
  await expect(specs).toHaveCount(1);
  const planted = specs.locator("tbody tr").first();
  await expect(planted).toContainText("Test 24: Config Reload");
  await expect(planted.locator("td").nth(1)).toHaveText(/^slower \+\d+(\.\d+)?\s?s$/);
  await planted.getByRole("link").click();
  await expect(page).toHaveURL(/\/specs\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Config Reload");
  await page.goBack();

  // every clear change shows its interval and n on both sides
  for (const row of await changes.locator("tr[data-verdict]").all()) {
    await expect(row.locator("td").nth(2)).toHaveText(/^\[.+, .+\]$/);
    await expect(row.locator("td").nth(4)).toHaveText(/^\d+ \/ \d+$/);
  }
});
