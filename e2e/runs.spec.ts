// The runs list: filters and sort live in the URL and the server answers them.
import { expect, test } from "@playwright/test";

const table = (page: import("@playwright/test").Page) => page.getByTestId("runs-table");

test("filtering by mode puts it in the URL and shows only those runs", async ({ page }) => {
  await page.goto("/runs?project=gateway-e2e");
  await expect(table(page).locator("tbody tr")).toHaveCount(16);
  await expect(page.getByTestId("run-count")).toHaveText("16 runs match");
  // a menu of the project's own modes, not a free-text box
  await expect(page.getByLabel("Mode").locator("option")).toHaveText(["any", "parallel", "sequential"]);
  await page.getByLabel("Mode").selectOption("sequential");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/runs\?project=gateway-e2e&mode=sequential$/);
  const rows = table(page).locator("tbody tr");
  await expect(rows).toHaveCount(6);
  await expect(page.getByTestId("run-count")).toHaveText("6 runs match");
  for (const mode of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(mode).toBe("sequential");

  // the URL alone reproduces the view
  await page.goto("/runs?project=gateway-e2e&mode=sequential");
  await expect(rows).toHaveCount(6);
  await expect(page.getByLabel("Mode")).toHaveValue("sequential");
});

test("sorting by total duration happens on the server and changes the order", async ({ page }) => {
  await page.goto("/runs?project=gateway-e2e");
  const firstLink = table(page).getByTestId("run-link").first();
  const newest = await firstLink.getAttribute("href");
  const totalHeader = table(page).getByRole("columnheader", { name: /Total/ });
  await expect(table(page).getByRole("columnheader", { name: /Started/ })).toHaveAttribute("aria-sort", "descending");
  await expect(totalHeader).toHaveAttribute("aria-sort", "none");

  await totalHeader.getByRole("button").click();
  await expect(page).toHaveURL(/sort=duration/);
  await expect(totalHeader).toHaveAttribute("aria-sort", "descending");
  await expect(firstLink).not.toHaveAttribute("href", newest!);
  // the longest runs are the sequential ones: their image builds are chained
  await expect(table(page).locator("tbody tr").first().locator("td:nth-child(3)")).toHaveText("sequential");

  // keyboard: the header is a button, Enter flips the direction
  await totalHeader.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=duration&dir=asc/);
  await expect(totalHeader).toHaveAttribute("aria-sort", "ascending");
  // the shortest run is the one whose setup was OOM-killed
  await expect(table(page).locator("tbody tr").first()).toContainText("setup failed");
});

test("an unknown run id shows the not-found page", async ({ page }) => {
  await page.goto("/runs/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Run not found" })).toBeVisible();
});
