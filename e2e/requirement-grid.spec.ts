// The requirement x run grid on the demo data: worst result per requirement
// and run, keyboard navigation, expanding a requirement to its specs, and a
// details line that names the specs and links to the failure.
import { expect, test } from "@playwright/test";

test("cells show each requirement's worst result per run; the keyboard moves, expands and explains", async ({ page }) => {
  test.slow();
  await page.goto("/requirements/grid?project=gateway-e2e&runs=10&mode=parallel");
  await expect(page.getByTestId("grid-summary")).toContainText("× the last");
  const grid = page.getByTestId("requirement-grid");
  await expect(grid.getByRole("columnheader")).toHaveCount(1 + Number((await page.getByTestId("grid-summary").innerText()).match(/the last (\d+) run/)![1]));

  // BR-GATEWAY-018 names two specs; in the origin run (a parallel run) both failed
  const header = grid.getByRole("rowheader", { name: "BR-GATEWAY-018 (2)", exact: true });
  const row = grid.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "BR-GATEWAY-018 (2)", exact: true }) });
  const failed = row.getByRole("gridcell", { name: /: failed$/ }).first();
  await failed.focus(); // what a keyboard user does (arrows); pointing at a cell shows the same line
  const details = page.getByTestId("grid-details");
  await expect(details).toContainText("BR-GATEWAY-018 in run");
  await expect(details.getByRole("link", { name: /^run / })).toHaveAttribute("href", /\/runs\/[0-9a-f-]{36}$/);
  expect(await details.locator('a[href^="/specs/"]').count()).toBe(2);

  // arrow keys move the one focused cell; Home goes to the requirement, Enter expands it
  await page.keyboard.press("ArrowRight");
  await expect(page.locator(":focus")).toHaveAttribute("data-col", String(Number(await failed.getAttribute("data-col")) + 1));
  await page.keyboard.press("Home");
  await expect(page.locator(":focus")).toHaveAttribute("role", "rowheader");
  await page.keyboard.press("Enter");
  await expect(header).toHaveAttribute("aria-expanded", "true");
  await expect(grid.getByRole("rowheader", { name: /Test 07: Rate Limiting/ })).toBeVisible(); // its specs are listed under it
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await expect(details).toContainText(/(passed|failed|skipped|not run)/);
  await expect(page.locator(":focus")).toHaveAttribute("aria-label", /run .*: (passed|failed|skipped|not run)$/);
});

test("at 390 px the page does not overflow: the grid scrolls inside its own box", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/requirements/grid?project=gateway-e2e");
  await expect(page.getByTestId("requirement-grid")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
