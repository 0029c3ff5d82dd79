// What a live run's page says in each state, against a real sshd: a run
// waiting for its host is "queued" in the badge and the panel alike, the setup
// section never claims "no phase timings" while phases fill in, and a
// cancelled run is called cancelled (not "the setup failed") with a log free of
// setsid's own noise.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { storageStateOf } from "./auth";
import { e2eProject } from "./members";
import { addHost } from "./runner-helpers";
import { type TestSshd, startTestSshd } from "@/lib/testing/sshd";

test.use({ storageState: storageStateOf("admin") });

let sshd: TestSshd;
let workDir: string;
test.beforeAll(async () => {
  await e2eProject("runner-e2e"); // a template names an existing project; the template form creates none
  sshd = await startTestSshd();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-e2e-live-"));
  fs.chmodSync(workDir, 0o777);
});
test.afterAll(async () => {
  await sshd?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function startRun(page: Page, template: string, host: string): Promise<string> {
  await page.goto("/runner");
  const start = page.locator("form", { has: page.getByRole("button", { name: "Start run" }) });
  await start.getByLabel("Template").selectOption({ label: `runner-e2e / ${template}` });
  await start.getByLabel("Runner host").selectOption({ label: host });
  await start.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  return page.url();
}

test("queued, running and cancelled runs say what they are", async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const host = `live-${suffix}`;
  await page.goto("/runner");
  // the line ssh-keygen -lf prints is taken as it is; one run at a time on this host
  await addHost(page, sshd, host, `256 ${sshd.fingerprint} [${sshd.host}]:${sshd.port} (ED25519)`);
  await expect(page.getByTestId("runner-hosts")).toContainText(host);
  const tf = page.locator("form", { has: page.getByRole("button", { name: "Add run template" }) });
  await tf.getByLabel("Project", { exact: true }).fill("runner-e2e");
  await tf.getByLabel("Template name").fill(`slow-${suffix}`);
  await tf.getByLabel(/^Command/).fill(`sh ${path.resolve("scripts/sample-provisioning.sh")} --mode {mode} --branch {branch} --out out-${suffix} --step 3`);
  await tf.getByLabel("Working directory").fill(workDir);
  await tf.getByRole("button", { name: "Add run template" }).click();
  await expect(page.getByTestId("run-templates")).toContainText(`slow-${suffix}`);

  const first = await startRun(page, `slow-${suffix}`, host);
  await expect(page.getByTestId("live-phases").locator('[data-status="running"]').first()).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("live-phases").locator("li").first()).toBeVisible();
  await expect(page.getByText("No phase timings were reported")).toHaveCount(0);

  // a second run on the same host waits: the badge and the panel agree
  await startRun(page, `slow-${suffix}`, host);
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "queued");
  await expect(page.getByTestId("job-status")).toContainText("Queued (#1 in line");
  await expect(page.locator("main header [data-status]").first()).toHaveText("queued"); // the run's badge, not "running"
  await expect(page.getByText("No phase timings were reported")).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });

  // cancel the running one: its phases end cancelled, and the page says cancelled
  await page.goto(first);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
  await page.reload();
  await expect(page.locator("main header [data-status]").first()).toHaveText("cancelled");
  await expect(page.getByTestId("median-comparison")).not.toContainText("setup failed");
  await expect(page.getByTestId("live-log")).toContainText("PHASE 1");
  await expect(page.getByTestId("live-log")).not.toContainText("did not exit normally");
});

test("a host key mismatch is said once, in the host's row, wrapped", async ({ page }) => {
  const host = `wrongkey-${Date.now().toString(36)}`;
  await page.goto("/runner");
  await addHost(page, sshd, host, `256 SHA256:${"A".repeat(43)} [${sshd.host}]:${sshd.port} (ED25519)`);
  const row = page.getByTestId("runner-hosts").locator("tr", { hasText: host });
  await row.getByRole("button", { name: "Check" }).click();
  await expect(row.getByTestId("host-status")).toContainText("Host key mismatch", { timeout: 15_000 });
  await expect(page.getByText(/Host key mismatch/)).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Remove ${host}` }).click();
  await expect(page.getByTestId("runner-hosts")).not.toContainText(host);
});
