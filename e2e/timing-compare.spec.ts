// Issue 12 part 4 in the browser: runner-like try-out runs posted through the
// API stay out of the timing figures and the page says so; a run far outside
// its mode is flagged; different hosts are named with a per-host view; a lead
// excludes a run with a reason, seen on the run page and in the counts; the
// date-filter message names the modes; the ⓘ is reachable by keyboard; the
// "layout changed" label stays inside its chart.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { e2eProject } from "./members";
import { storageStateOf } from "./auth";

const root = path.resolve(import.meta.dirname, "..");
const PROJECT = "compare-e2e";
const DAY = 86_400_000;
const now = Date.now();
const dayIso = (d: number) => new Date(now - d * DAY).toISOString();
const runIds: Record<string, string> = {};

async function postRun(api: APIRequestContext, key: string, o: { mode: string; daysAgo: number; seconds: number; host: string; phase?: string; labels?: Record<string, string> }) {
  const start = now - o.daysAgo * DAY;
  const created = await api.post("/api/v1/runs", { data: { project: PROJECT, mode: o.mode, runnerHost: o.host, startedAt: new Date(start).toISOString(), externalId: key, labels: o.labels } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  const phases = await api.post(`/api/v1/runs/${id}/phases`, { data: { phases: [{ name: o.phase ?? "setup", startedAt: new Date(start).toISOString(), durationMs: Math.round(o.seconds * 800), status: "passed" }] } });
  expect(phases.ok(), await phases.text()).toBe(true);
  const finished = await api.post(`/api/v1/runs/${id}/finish`, { data: { finishedAt: new Date(start + o.seconds * 1000).toISOString() } });
  expect(finished.ok(), await finished.text()).toBe(true);
  runIds[key] = id;
}

test.beforeAll(async ({ baseURL }) => {
  await e2eProject(PROJECT); // its members: the e2e lead, triager and viewer
  const databaseUrl = fs.readFileSync(path.join(root, "test-results/e2e-database-url"), "utf8").trim();
  const created = spawnSync(process.execPath, [path.join(root, "bin/runboard.mjs"), "token", "create", "--project", PROJECT, "--name", "ci", "--json"], {
    cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  expect(created.status, created.stderr).toBe(0);
  // the project's own comparison, as gateway-e2e has: sequential is the baseline even when a filter leaves no sequential run
  const target = spawnSync(process.execPath, [path.join(root, "bin/runboard.mjs"), "project", "set", "--project", PROJECT, "--target", "sequential:parallel:27"], {
    cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  expect(target.status, target.stderr).toBe(0);
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${JSON.parse(created.stdout).token}` } });
  // CI: sequential on ci-a; parallel mostly on ci-b; the newest parallel run has a new phase layout
  for (const [i, s] of [460, 455, 470, 462, 458, 466].entries()) await postRun(api, `seq-${i}`, { mode: "sequential", daysAgo: 40 - i, seconds: s, host: "ci-a" });
  for (const [i, s] of [315, 318, 312, 316, 320, 310].entries()) {
    await postRun(api, `par-${i}`, { mode: "parallel", daysAgo: 30 - i, seconds: s, host: i < 2 ? "ci-a" : "ci-b", phase: i === 5 ? "images first" : "setup" });
  }
  await postRun(api, "par-odd", { mode: "parallel", daysAgo: 27.5, seconds: 40, host: "ci-b" });
  // the README's sshd try-out: a runner template's 13 s and 5 s sample runs
  for (const [i, s] of [13, 5].entries()) {
    await postRun(api, `try-${i}`, { mode: "parallel", daysAgo: 1, seconds: s, host: "localhost", labels: { template: "sshd try-out", tryout: "true" } });
  }
  await api.dispose();
});

test.describe.configure({ mode: "serial" });

test("try-out runs stay out and the page says so; an outlier is flagged; the hosts are named with a per-host view", async ({ page }) => {
  await page.goto(`/projects/${PROJECT}/timing`);
  const note = page.getByTestId("comparability");
  await expect(note).toContainText("Compared: CI runs only");
  await expect(note).toContainText("2 runs from try-outs kept out");
  const total = page.getByTestId("verdict-total");
  await expect(total).toContainText("n = 6 sequential vs 6 parallel runs");
  await expect(total).toContainText(/parallel is \d+\.\d % faster than sequential/);
  await expect(total).toContainText("Mann-Whitney p = 0.002");

  const outliers = page.getByTestId("outliers");
  await expect(outliers).toContainText(`run ${runIds["par-odd"].slice(0, 8)} (parallel): 40`);
  await expect(outliers).toContainText("1 run flagged and left out");

  const hosts = page.getByTestId("host-note");
  await expect(hosts).toContainText("different runner hosts: sequential on ci-a (6); parallel on ci-b (4), ci-a (2)");
  await hosts.getByRole("link", { name: "ci-a" }).click();
  await expect(page).toHaveURL(/host=ci-a/);
  await expect(page.getByTestId("host-note")).toContainText("Runs on host ci-a only");
  await expect(page.getByTestId("verdict-total")).toContainText("have 6 sequential and 2 parallel runs");
});

test("with a date filter the missing side is named by its mode", async ({ page }) => {
  await page.goto(`/projects/${PROJECT}/timing?from=${dayIso(31).slice(0, 10)}`);
  await expect(page.getByTestId("verdict-total")).toContainText("need at least 3 runs per mode, have 0 sequential and 6 parallel runs");
});

test("the ⓘ explanation is reached with Tab and shows on focus", async ({ page }) => {
  await page.goto(`/projects/${PROJECT}/timing`);
  const info = page.getByTestId("verdict-total").getByRole("button", { name: "How the interval is computed" });
  const tip = page.getByTestId("verdict-total").getByRole("tooltip");
  await expect(tip).toBeHidden();
  for (let i = 0; i < 80 && !(await info.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(info).toBeFocused();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText("Hodges-Lehmann");
});

test("the layout-changed label stays inside its chart, also at 390 px", async ({ page }) => {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/projects/${PROJECT}/timing`);
    const chart = page.getByRole("img", { name: "Total duration by mode over time" });
    const label = chart.getByText("layout changed");
    await expect(label).toBeVisible();
    const [c, l] = [await chart.locator("svg.recharts-surface[role=application]").boundingBox(), await label.boundingBox()];
    expect(l!.x, `label left edge at ${width} px`).toBeGreaterThanOrEqual(c!.x);
    expect(l!.x + l!.width, `label right edge at ${width} px`).toBeLessThanOrEqual(c!.x + c!.width);
  }
});

test.describe("a lead", () => {
  test.use({ storageState: storageStateOf("lead") });

  test("excludes a run with a reason, seen on the run page and counted on the timing page", async ({ page }) => {
    await page.goto(`/runs/${runIds["par-0"]}`);
    await page.getByLabel("Reason (recorded in the run's history)").fill("image pull stalled on the runner");
    await page.getByRole("button", { name: "Exclude from statistics" }).click();
    await expect(page.getByTestId("stats-excluded")).toContainText(/Excluded from statistics by Lena Lead on .+: image pull stalled on the runner/);
    await expect(page.getByTestId("run-history")).toContainText("Lena Lead excluded the run from the statistics: image pull stalled on the runner");
    await page.goto(`/projects/${PROJECT}/timing`);
    await expect(page.getByTestId("comparability")).toContainText("1 run excluded by a lead");
    await expect(page.getByTestId("verdict-total")).toContainText("n = 6 sequential vs 5 parallel runs");
  });
});
