// Compare two runs on the demo data: from the origin run's page to the previous
// comparable parallel run, spec by spec, phase by phase, on one time axis.
import { expect, test } from "@playwright/test";

test("a run links to its previous comparable run, and the comparison lists outcome and duration changes", async ({ page }) => {
  test.slow();
  await page.goto("/runs?project=gateway-e2e&q=demo-13");
  await page.getByTestId("run-link").first().click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const originUrl = page.url();
  const originId = originUrl.split("/").pop()!;

  await page.getByTestId("compare-previous").click();
  await expect(page).toHaveURL(new RegExp(`/runs/compare\\?a=[0-9a-f-]{36}&b=${originId}$`));
  // run B is the origin run (five-phase demo runs come later; the setup-failure run is skipped)
  await expect(page.getByTestId("run-b")).toContainText("parallel");
  await expect(page.getByTestId("run-a")).toContainText("parallel");
  const aId = new URL(page.url()).searchParams.get("a")!;
  expect(aId).not.toBe(originId);

  // every count in the summary equals the rows of that kind in the table
  const rows = page.getByTestId("status-changes").locator("tbody tr");
  const total = await rows.count();
  await expect(page.getByRole("heading", { name: `Outcome changes (${total})` })).toBeVisible();
  for (const kind of ["new_failure", "fixed", "still_failing", "newly_skipped"]) {
    const shown = await page.getByTestId("change-counts").locator(`li[data-change="${kind}"] strong`).innerText();
    await expect(page.getByTestId("status-changes").locator(`tbody tr[data-change="${kind}"]`)).toHaveCount(Number(shown));
  }

  // phases of the same name in both runs, largest change first, and both waterfalls on one axis
  const phaseRows = page.getByTestId("phase-duration-changes").locator("tbody tr");
  await expect(phaseRows).not.toHaveCount(0);
  await expect(page.getByTestId("aligned-waterfalls").getByTestId("phase-waterfall")).toHaveCount(2);
  const ticks = page.getByTestId("aligned-waterfalls").getByTestId("phase-waterfall").locator(".recharts-xAxis .recharts-cartesian-axis-tick-value");
  const last = async (i: number) => (await ticks.nth(i).allInnerTexts()).join("");
  const perChart = (await ticks.count()) / 2;
  expect(await last(perChart - 1)).toBe(await last(2 * perChart - 1));

  await expect(page.getByTestId("spec-duration-changes").locator("tbody tr")).not.toHaveCount(0);

  // the picker on the compare page keeps B and shows A; swap turns them round
  await expect(page.getByLabel("Compare B with another run:")).toHaveValue(aId);
  await page.getByRole("link", { name: "Swap A and B" }).click();
  await expect(page).toHaveURL(new RegExp(`a=${originId}&b=${aId}`));
});

test("unknown ids answer the not-found page", async ({ page }) => {
  await page.goto("/runs/compare?a=0190b3a4-0000-7000-8000-000000000000&b=0190b3a4-0000-7000-8000-000000000001");
  await expect(page.getByTestId("not-found")).toBeVisible();
});
