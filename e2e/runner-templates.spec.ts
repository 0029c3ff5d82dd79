// A lead edits and removes a run template on /runner (no runner host needed).
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./auth";
import { e2eProject } from "./members";

test.use({ storageState: storageStateOf("lead") });
// a template names an existing project the lead leads; the template form creates none
test.beforeAll(async () => {
  await e2eProject("runner-e2e");
});

test("a lead edits a template's command and timeout, then removes it after confirming", async ({ page }) => {
  const name = `edit-${Date.now().toString(36)}`;
  await page.goto("/runner");
  const add = page.locator("form", { has: page.getByRole("button", { name: "Add run template" }) });
  await add.getByLabel("Project", { exact: true }).fill("runner-e2e");
  await add.getByLabel("Template name").fill(name);
  await add.getByLabel(/^Command/).fill("make e2e MODE={mode} BRANCH={branch} SUITE={suite}");
  await add.getByLabel(/^Parameters/).fill("suite: smoke, full");
  await add.getByRole("button", { name: "Add run template" }).click();
  const item = page.getByTestId("run-templates").locator("li", { hasText: `runner-e2e / ${name}` });
  await expect(item).toContainText("timeout 3600 s");

  await item.getByRole("button", { name: `Edit ${name}` }).click();
  const edit = page.getByRole("form", { name: `Edit template ${name}` });
  await expect(edit.getByLabel(/^Command/)).toHaveValue("make e2e MODE={mode} BRANCH={branch} SUITE={suite}");
  await expect(edit.getByLabel(/^Parameters/)).toHaveValue("suite: smoke, full");
  await edit.getByLabel(/^Command/).fill("make e2e-fast MODE={mode} BRANCH={branch} SUITE={suite}");
  await edit.getByLabel("Timeout (seconds)").fill("900");
  await edit.getByRole("button", { name: "Save template" }).click();
  await expect(item).toContainText("make e2e-fast MODE={mode} BRANCH={branch} SUITE={suite}");
  await expect(item).toContainText("timeout 900 s");
  await expect(item).toContainText("parameters suite: smoke, full"); // kept through the edit
  await expect(edit).toHaveCount(0);

  page.once("dialog", (d) => void d.dismiss());
  await item.getByRole("button", { name: `Remove ${name}` }).click();
  await expect(item).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await item.getByRole("button", { name: `Remove ${name}` }).click();
  await expect(page.getByTestId("run-templates")).not.toContainText(name);
});
