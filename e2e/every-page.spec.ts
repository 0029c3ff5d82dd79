// Every page of the demo data, signed in as admin, at 390 x 844 and 1440 x 900,
// in the light and the dark colour scheme: no horizontal page overflow (wide
// tables scroll in their own container), the header's links reachable (through
// the menu when narrow), no serious or critical axe-core violation, no console
// error and no failed request. One browser context per viewport and scheme,
// one page reused for all URLs (e2e/page-checks.ts says what is checked).
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./auth";
import { VIEWPORTS, checkPage, findPages, watchErrors } from "./page-checks";

let pages: string[] = [];

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("admin"), baseURL: test.info().project.use.baseURL });
  pages = await findPages(await context.newPage());
  await context.close();
});

// Two contexts cover it: every page at both widths, axe in both schemes (390 px light, 1440 px dark);
// all four pairings would double the time (axe takes most of it) for little more.
const RUNS = [
  { name: "narrow", viewport: VIEWPORTS.narrow, colorScheme: "light" },
  { name: "wide", viewport: VIEWPORTS.wide, colorScheme: "dark" },
] as const;

for (const { name, viewport, colorScheme } of RUNS) {
  test(`every page holds at ${viewport.width} px, ${colorScheme}`, async ({ browser }) => {
    test.setTimeout(420_000);
    expect(pages.length).toBeGreaterThanOrEqual(17); // the id pages were found too
    const context = await browser.newContext({ storageState: storageStateOf("admin"), baseURL: test.info().project.use.baseURL, viewport, colorScheme });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const problems: string[] = [];
    for (const url of pages) {
      const res = await page.goto(url);
      if (res?.status() !== 200) problems.push(`${url}: HTTP ${res?.status()}`);
      // charts and client tables render after hydration; a live panel keeps polling, so the wait is bounded
      await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
      problems.push(...(await checkPage(page, `${name}/${colorScheme} ${url}`)), ...errors.take().map((e) => `${name}/${colorScheme} ${url}: ${e}`));
    }
    await context.close();
    expect(problems).toEqual([]);
  });
}
