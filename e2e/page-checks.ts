// What every page must hold at a viewport and colour scheme (issue 18): no
// horizontal page overflow, the header's links reachable (through the menu at
// narrow widths), no serious or critical axe-core violations, no console
// errors and no failed requests. Used by e2e/every-page.spec.ts and, against a
// dev server, by hand while fixing.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export const VIEWPORTS = { narrow: { width: 390, height: 844 }, wide: { width: 1440, height: 900 } } as const;

/** The pages of the demo data, with ids taken from the pages themselves. */
export async function findPages(page: Page): Promise<string[]> {
  const hrefs = async (url: string, re: RegExp) => {
    await page.goto(url);
    const all = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    return all.filter((h) => re.test(h));
  };
  const run = (await hrefs("/runs", /^\/runs\/[0-9a-f-]{36}$/))[0];
  const fromRun = run ? await hrefs(run, /^\/(specs\/[0-9a-f-]{36}|runs\/compare\?a=|runs\/[0-9a-f-]{36}\/reports\/[0-9a-f-]{36}\/view)/) : [];
  const item = (await hrefs("/triage", /^\/triage\/[0-9a-f-]{36}$/))[0];
  const project = (await hrefs("/", /^\/projects\/[a-z0-9-]+$/))[0] ?? "/projects/gateway-e2e";
  const pick = (re: RegExp) => fromRun.find((h) => re.test(h));
  return [
    "/", "/runs", "/triage", "/triage?view=board", "/requirements", "/requirements/grid", "/runner", "/my-work", "/teams", "/admin/users",
    project, `${project}/timing`, `${project}/settings`,
    run, pick(/^\/specs\//), pick(/^\/runs\/compare/), pick(/\/view$/), item,
  ].filter((u): u is string => Boolean(u));
}

/** Collects console errors, uncaught exceptions and failed requests of a page; `take()` returns and clears them. */
export function watchErrors(page: Page) {
  let errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`exception: ${e.message}`));
  page.on("requestfailed", (r) => {
    // a navigation away cancels the previous page's pending requests (prefetches, the live poll): not a failure
    if (r.failure()?.errorText !== "net::ERR_ABORTED") errors.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return {
    take() {
      const out = errors;
      errors = [];
      return out;
    },
  };
}

/** Header links that are not visible inside the viewport (after opening the menu when there is one). */
async function unreachableHeaderLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = nav.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) {
    await menu.press("Enter");
    if ((await menu.getAttribute("aria-expanded")) !== "true") return ["the Menu button does not open"];
  }
  const width = page.viewportSize()!.width;
  const out: string[] = [];
  for (const link of await nav.getByRole("link").all()) {
    const box = await link.boundingBox();
    if (!box || !(await link.isVisible()) || box.x < 0 || box.x + box.width > width) out.push(`header link "${await link.textContent()}" is not reachable`);
  }
  if (await menu.isVisible()) await menu.press("Enter");
  return out;
}

/** Everything wrong with the page now open, as readable lines (empty when it is fine). */
export async function checkPage(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  if (scrollWidth > innerWidth) problems.push(`page is ${scrollWidth} px wide in a ${innerWidth} px window`);
  problems.push(...(await unreachableHeaderLinks(page)));
  const axe = await new AxeBuilder({ page }).analyze();
  for (const v of axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
    problems.push(`axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x: ${where})`);
  }
  return problems.map((p) => `${label}: ${p}`);
}
