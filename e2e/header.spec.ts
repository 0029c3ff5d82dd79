// The header with the keyboard: "Skip to content" is the first Tab stop and
// lands in the page; at 390 px the links sit behind a Menu disclosure button.
import { expect, test } from "@playwright/test";

test("the first Tab stop skips to the content", async ({ page }) => {
  await page.goto("/runs");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  // the next Tab stop is inside the page, not the header
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
});

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the header's links are behind a keyboard menu", async ({ page }) => {
    await page.goto("/runs");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.getByRole("button", { name: "Menu" });
    await expect(nav.getByRole("link", { name: "Triage" })).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    for (const name of ["Runs", "Triage", "Requirements", "Runner", "My work"]) await expect(nav.getByRole("link", { name })).toBeInViewport();
    await expect(nav.getByRole("button", { name: "Sign out" })).toBeInViewport();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab"); // into the menu: its first link
    await expect(nav.getByRole("link", { name: "Runs" })).toBeFocused();
    await nav.getByRole("link", { name: "Triage" }).click();
    await expect(page).toHaveURL(/\/triage/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
