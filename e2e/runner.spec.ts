// Live provisioning from the UI against a real sshd: an admin adds the runner
// host and a template, starts a run of the sample Gateway setup, and watches
// its phases and log appear live on the run page; the finished run is in history.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { storageStateOf } from "./auth";
import { e2eProject } from "./members";
import { addHost as addHostWith } from "./runner-helpers";
import { type TestSshd, startTestSshd } from "@/lib/testing/sshd";

test.use({ storageState: storageStateOf("admin") });

let sshd: TestSshd;
let workDir: string;
test.beforeAll(async () => {
  await e2eProject("runner-e2e"); // a template names an existing project; the admin's template form creates none
  sshd = await startTestSshd();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-e2e-job-"));
  fs.chmodSync(workDir, 0o777);
});
const addHost = (page: Page, name: string) => addHostWith(page, sshd, name);

test.afterAll(async () => {
  await sshd?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

test("an admin adds a runner host and a template, starts a run and watches its phases fill in live", async ({ page }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  await page.goto("/runner");
  await addHost(page, `local-${suffix}`);
  const row = page.getByTestId("runner-hosts").locator("tr", { hasText: `local-${suffix}` });
  await expect(row).toContainText(`${sshd.username}@${sshd.host}:${sshd.port}`);
  await expect(page.locator("body")).not.toContainText("OPENSSH PRIVATE KEY"); // never shown back
  await row.getByRole("button", { name: "Check" }).click();
  await expect(row.getByTestId("check-result")).toContainText("host key verified");

  const tf = page.locator("form", { has: page.getByRole("button", { name: "Add run template" }) });
  await tf.getByLabel("Project", { exact: true }).fill("runner-e2e");
  await tf.getByLabel("Template name").fill(`sample-${suffix}`);
  await tf.getByLabel(/^Command/).fill(`sh ${path.resolve("scripts/sample-provisioning.sh")} --mode {mode} --branch {branch} --out out --step 0.6`);
  await tf.getByLabel("Working directory").fill(workDir);
  await tf.getByLabel(/JUnit report paths/).fill("out/*.xml");
  await tf.getByRole("button", { name: "Add run template" }).click();
  await expect(page.getByTestId("run-templates")).toContainText(`runner-e2e / sample-${suffix}`);

  const start = page.locator("form", { has: page.getByRole("button", { name: "Start run" }) });
  await start.getByLabel("Template").selectOption({ label: `runner-e2e / sample-${suffix}` });
  await start.getByLabel("Runner host").selectOption({ label: `local-${suffix}` });
  await start.getByLabel("Branch").fill("feature/live-e2e");
  await start.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);

  const live = page.getByTestId("live-run");
  const phases = page.getByTestId("live-phases");
  // live: a phase shows as running before the job has ended
  await expect(phases.locator('[data-status="running"]').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("live-log")).toContainText("PHASE 1: Creating Kind cluster");
  // survives a reload
  await page.reload();
  await expect(phases.locator('[data-phase="Kind cluster + CRDs"]')).toBeVisible();
  await expect(page.getByTestId("live-log")).toContainText("Gateway E2E setup");
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  for (const name of ["Kind cluster + CRDs", "Build images", "Gateway image", "DataStorage image", "Mock LLM image", "Deploy DataStorage", "Deploy Gateway"]) {
    await expect(phases.locator(`[data-phase="${name}"]`)).toHaveAttribute("data-status", "passed");
  }
  await expect(live).toContainText("Ingested 1 report file(s)");
  // the page refreshes itself with the final results
  await expect(page.getByTestId("results-table").locator("tbody tr")).toHaveCount(3, { timeout: 15_000 });

  await page.goto("/runs?project=runner-e2e&branch=feature%2Flive-e2e");
  await expect(page.getByTestId("run-link")).toHaveCount(1);

  // the admin removes the host; the run stays in the history
  await page.goto("/runner");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Remove local-${suffix}` }).click();
  await expect(page.getByTestId("runner-hosts")).not.toContainText(`local-${suffix}`);
  await page.goto("/runs?project=runner-e2e&branch=feature%2Flive-e2e");
  await expect(page.getByTestId("run-link")).toHaveCount(1);
});

test("a lead declares a template's parameters: the start form offers the allowed values, and a quoted placeholder is refused", async ({ page }) => {
  test.setTimeout(60_000);
  const suffix = Date.now().toString(36);
  await page.goto("/runner");
  await addHost(page, `params-${suffix}`);
  await expect(page.getByTestId("runner-hosts")).toContainText(`params-${suffix}`);

  const tf = page.locator("form", { has: page.getByRole("button", { name: "Add run template" }) });
  await tf.getByLabel("Project", { exact: true }).fill("runner-e2e");
  await tf.getByLabel("Template name").fill(`suite-${suffix}`);
  await tf.getByLabel(/^Command/).fill(`printf '%s' "it's {suite}" > suite-${suffix}.txt`);
  await tf.getByLabel(/^Working directory/).fill(workDir);
  await tf.getByLabel(/^Parameters/).fill("suite: smoke, full");
  await tf.getByRole("button", { name: "Add run template" }).click();
  await expect(tf.getByRole("alert")).toContainText("{suite} is inside double quotes");
  await tf.getByLabel(/^Command/).fill(`printf '%s' {suite} > suite-${suffix}.txt`);
  await tf.getByRole("button", { name: "Add run template" }).click();
  await expect(page.getByTestId("run-templates")).toContainText(`runner-e2e / suite-${suffix}`);
  await expect(page.getByTestId("run-templates")).toContainText("parameters suite: smoke, full");

  const start = page.locator("form", { has: page.getByRole("button", { name: "Start run" }) });
  await start.getByLabel("Template").selectOption({ label: `runner-e2e / suite-${suffix}` });
  await start.getByLabel("Runner host").selectOption({ label: `params-${suffix}` });
  await expect(start.getByRole("combobox", { name: /^suite/ }).locator("option")).toHaveText(["smoke", "full"]);
  await start.getByRole("combobox", { name: /^suite/ }).selectOption("full");
  await start.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  expect(fs.readFileSync(path.join(workDir, `suite-${suffix}.txt`), "utf8")).toBe("full");
});

test("a run with failures offers 'Rerun failed specs': the rerun runs only the failed spec and links back", async ({ page }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  await page.goto("/runner");
  await addHost(page, `rerun-${suffix}`);
  await expect(page.getByTestId("runner-hosts")).toContainText(`rerun-${suffix}`);

  const tf = page.locator("form", { has: page.getByRole("button", { name: "Add run template" }) });
  await tf.getByLabel("Project", { exact: true }).fill("runner-e2e");
  await tf.getByLabel("Template name").fill(`focus-${suffix}`);
  await tf.getByLabel(/^Command/).fill(`sh ${path.resolve("scripts/sample-provisioning.sh")} --mode {mode} --out out --step 0 --focus={focus} --fail-at {failat}`);
  await tf.getByLabel(/^Working directory/).fill(workDir);
  await tf.getByLabel(/^JUnit report paths/).fill("out/*.xml");
  await tf.getByLabel(/^Parameters/).fill("failat: specs, none");
  await tf.getByLabel(/focus format/).selectOption("ginkgo");
  await tf.getByLabel(/^Focus placeholder/).fill("focus");
  await tf.getByRole("button", { name: "Add run template" }).click();
  await expect(page.getByTestId("run-templates")).toContainText(`runner-e2e / focus-${suffix}`);

  const start = page.locator("form", { has: page.getByRole("button", { name: "Start run" }) });
  await start.getByLabel("Template").selectOption({ label: `runner-e2e / focus-${suffix}` });
  await start.getByLabel("Runner host").selectOption({ label: `rerun-${suffix}` });
  await expect(start.getByRole("combobox", { name: /^focus/ })).toHaveCount(0); // Runboard fills the focus
  await start.getByRole("combobox", { name: /^failat/ }).selectOption("specs");
  await start.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const original = page.url();
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("run-totals")).toContainText("3 of 3 run");

  const rerun = page.getByTestId("rerun-failed");
  await rerun.getByLabel("Template").selectOption({ label: `focus-${suffix}` });
  await rerun.getByLabel("Runner host").selectOption({ label: `rerun-${suffix}` });
  await rerun.getByRole("button", { name: "Rerun failed specs" }).click();
  await expect(page).not.toHaveURL(original);
  await expect(page.getByTestId("rerun-panel")).toContainText("A rerun of the failed specs of run");
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "failed", { timeout: 30_000 }); // the earlier params: it still fails
  await page.reload();
  await expect(page.getByTestId("run-totals")).toContainText("1 of 1 run, 0 passed");
  await page.goto(original);
  await expect(page.getByTestId("rerun-panel")).toContainText("Reruns of its failed specs: run");
});
