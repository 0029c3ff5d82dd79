// Notifications and ownership in the browser: a lead sets up a Slack-style
// webhook (to a real HTTP receiver on a loopback port) and an ownership rule
// on the project settings page; CI uploads a failing run through the API; the
// receiver gets one message naming the requirement, and the new triage item
// is assigned by the rule, its history naming the rule. A second upload of the
// same failure sends nothing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { e2eProject } from "./members";
import { type WebhookReceiver, startWebhookReceiver } from "@/lib/testing/webhook-receiver";
import { E2E_USERS, storageStateOf } from "./auth";

const root = path.resolve(import.meta.dirname, "..");
const PROJECT = "notify-e2e";
test.use({ storageState: storageStateOf("lead") });

let receiver: WebhookReceiver;
let token: string;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
  await e2eProject(PROJECT); // its members: the e2e lead, triager and viewer
  const databaseUrl = fs.readFileSync(path.join(root, "test-results/e2e-database-url"), "utf8").trim();
  const created = spawnSync(process.execPath, [path.join(root, "bin/runboard.mjs"), "token", "create", "--project", PROJECT, "--name", "notify-e2e", "--json"], {
    cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  expect(created.status, created.stderr).toBe(0);
  token = JSON.parse(created.stdout).token;
});
test.afterAll(async () => receiver?.close());

const junit = (failing: string) =>
  `<?xml version="1.0"?><testsuites><testsuite name="Gateway E2E" tests="2">` +
  `<testcase name="${failing}" classname="Gateway E2E" time="2.1"><failure message="Expected 409 to equal 201" type="failed">replay_test.go:41</failure></testcase>` +
  `<testcase name="[It] accepts a fresh upload BR-NOTIFY-002" classname="Gateway E2E" time="1.0"/></testsuite></testsuites>`;

async function uploadRun(request: APIRequestContext, externalId: string) {
  const auth = { authorization: `Bearer ${token}` };
  const run = await request.post("/api/v1/runs", { headers: auth, data: { project: PROJECT, mode: "parallel", externalId } });
  expect(run.status()).toBe(201);
  const { id } = await run.json();
  const up = await request.post(`/api/v1/runs/${id}/junit`, { headers: { ...auth, "content-type": "application/xml" }, data: junit("[It] rejects a replayed upload BR-NOTIFY-001") });
  expect(up.status(), await up.text()).toBe(200);
  const fin = await request.post(`/api/v1/runs/${id}/finish`, { headers: auth, data: {} });
  expect(fin.status(), await fin.text()).toBe(200);
  return id as string;
}

test("a lead sets up a webhook and an ownership rule; an upload sends one message and the new item goes to its owner", async ({ page, request }) => {
  test.setTimeout(90_000);
  await page.goto(`/projects/${PROJECT}/settings`);

  const hookForm = page.getByRole("form", { name: "Add webhook" });
  await hookForm.getByLabel("Name").fill("#gateway-ci");
  await hookForm.getByLabel("URL").fill(receiver.url("/slack"));
  await hookForm.getByLabel("Format").selectOption("slack");
  await expect(hookForm.getByLabel("New failures in a run")).toBeChecked();
  await hookForm.getByLabel("Item assigned").check();
  await hookForm.getByLabel(/^Secret/).fill("a-secret-that-is-long-enough");
  await hookForm.getByRole("button", { name: "Add webhook" }).click();
  const hook = page.getByRole("listitem", { name: "Webhook #gateway-ci" });
  await expect(hook.getByTestId("webhook-state")).toHaveText("Active");
  await expect(hook).toContainText("signed (secret set)");
  await expect(page.locator("body")).not.toContainText("a-secret-that-is-long-enough"); // never shown back

  await hook.getByRole("button", { name: "Send test" }).click();
  await expect.poll(() => receiver.of("/slack").length, { timeout: 20_000 }).toBe(1);
  expect(JSON.parse(receiver.of("/slack")[0].body).text).toContain("test message from Runboard");
  await expect(hook.getByTestId("delivery-log")).toContainText("Test message", { timeout: 15_000 });
  await expect(hook.getByTestId("delivery-log")).toContainText("succeeded");

  const ruleForm = page.getByRole("form", { name: "Add ownership rule" });
  await ruleForm.getByLabel("Match").selectOption("requirement");
  await ruleForm.getByLabel("Pattern").fill("BR-NOTIFY-0*");
  await ruleForm.getByLabel(/^Owner/).fill(E2E_USERS.triager.email);
  await ruleForm.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByTestId("ownership-rules")).toContainText("BR-NOTIFY-0*");
  await expect(page.getByTestId("ownership-rules")).toContainText(E2E_USERS.triager.name);

  // CI uploads a run with one failing spec through the API
  const runId = await uploadRun(request, `notify-e2e-1-${Date.now()}`);
  await expect.poll(() => receiver.of("/slack").length, { timeout: 20_000 }).toBe(2);
  const msg = JSON.parse(receiver.of("/slack")[1].body);
  expect(msg.text).toContain("1 new failure");
  expect(msg.text).toContain("BR-NOTIFY-001");
  expect(msg.text).toContain(`/runs/${runId}`);
  expect(msg.blocks[1].text.text).toContain(`owner: ${E2E_USERS.triager.name}`);

  // the same failure uploaded again is not news
  await uploadRun(request, `notify-e2e-2-${Date.now()}`);
  await page.waitForTimeout(4000);
  expect(receiver.of("/slack")).toHaveLength(2);

  await page.goto(`/triage?project=${PROJECT}`);
  const row = page.getByTestId("triage-table").locator("tbody tr", { hasText: "BR-NOTIFY-001" });
  await expect(row).toContainText(E2E_USERS.triager.name);
  await row.getByRole("link", { name: /rejects a replayed upload/ }).click();
  await expect(page.getByTestId("triage-history")).toContainText("Ownership rule 1: requirement:BR-NOTIFY-0*");
  await expect(page.getByTestId("triage-history")).toContainText(`— → ${E2E_USERS.triager.name}`);

  await page.goto(`/projects/${PROJECT}/settings`);
  const log = page.getByRole("listitem", { name: "Webhook #gateway-ci" }).getByTestId("delivery-log");
  await expect(log).toContainText("New failures in a run");
  await expect(log.locator("tr", { hasText: "New failures in a run" })).toContainText("200");
});
