// People and project settings in the browser: an admin creates a user whose
// generated password is shown once and works; a viewer is kept out of the
// users page; a lead adds a category and creates and revokes a CI token that
// the API then accepts and refuses, and sets the project's retention;
// /requirements shows each requirement's specs.
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./auth";

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("creates a user with a generated password that signs in once", async ({ page, browser }) => {
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "Create user" });
    await form.getByLabel("Email").fill("new.triager@e2e.test");
    await form.getByLabel("Name").fill("Nina New");
    await form.getByLabel("Role").selectOption("triager");
    await form.getByLabel("Project").fill("gateway-e2e");
    await form.getByRole("button", { name: "Create user" }).click();
    const password = await page.getByTestId("generated-password-value").textContent();
    expect(password!.length).toBeGreaterThanOrEqual(20);
    await expect(page.getByRole("row", { name: /Nina New/ })).toBeVisible();
    // gone after a reload: shown once
    await page.reload();
    await expect(page.getByTestId("generated-password")).toHaveCount(0);
    await expect(page.content()).resolves.not.toContain(password!);

    const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const p2 = await fresh.newPage();
    await p2.goto("/sign-in");
    await p2.getByLabel("Email").fill("new.triager@e2e.test");
    await p2.getByLabel("Password").fill(password!);
    await p2.getByRole("button", { name: "Sign in" }).click();
    await expect(p2.getByTestId("signed-in-as")).toHaveText("Nina New · member");
    await fresh.close();
  });
});

test("a viewer is told the users page is for admins, and the API refuses them", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Only admins manage users");
  await expect(page.getByRole("form", { name: "Create user" })).toHaveCount(0);
  const status = await page.evaluate(async () =>
    (await fetch("/api/admin/users", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "x@e2e.test", name: "X", role: "admin" }) })).status);
  expect(status).toBe(403);
});

test.describe("as a team lead", () => {
  test.use({ storageState: storageStateOf("lead") });

  test("adds a category and creates a CI token that works until it is revoked", async ({ page, request }) => {
    await page.goto("/projects/gateway-e2e/settings");
    await page.getByLabel("New category label").fill("Third-party outage");
    await page.getByRole("button", { name: "Add category" }).click();
    await expect(page.getByLabel("Label of Third-party outage")).toHaveValue("Third-party outage");

    await page.getByLabel("Token name").fill("e2e-settings");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent())!;
    expect(token).toMatch(/^rb_/);
    await expect(page.getByTestId("tokens")).toContainText("e2e-settings");
    const auth = { authorization: `Bearer ${token}` };
    expect((await request.get("/api/v1/runs?project=gateway-e2e", { headers: auth })).status()).toBe(200);
    // revoking asks first: a dismissed question changes nothing
    page.once("dialog", (d) => void d.dismiss());
    await page.getByRole("button", { name: "Revoke e2e-settings" }).click();
    await expect(page.getByTestId("tokens").getByRole("row", { name: /e2e-settings/ })).toContainText("active");
    expect((await request.get("/api/v1/runs?project=gateway-e2e", { headers: auth })).status()).toBe(200);
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Revoke e2e-settings" }).click();
    await expect(page.getByTestId("tokens").getByRole("row", { name: /e2e-settings/ })).toContainText("revoked");
    await expect(page.getByTestId("new-token")).toHaveCount(0); // the revoked token is no longer shown to copy
    expect((await request.get("/api/v1/runs?project=gateway-e2e", { headers: auth })).status()).toBe(401);
  });

  test("sets how long the project keeps its results, and back to forever", async ({ page }) => {
    await page.goto("/projects/gateway-e2e/settings");
    const form = page.getByRole("form", { name: "How long results are kept" });
    const current = page.getByTestId("retention-current");
    await expect(current).toContainText("kept forever");
    await form.getByLabel("Keep results forever").uncheck();
    await form.getByLabel("Days to keep results").fill("180");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("status")).toHaveText("Saved.");
    await expect(current).toContainText("kept 180 days");
    await page.reload();
    await expect(current).toContainText("kept 180 days");
    await form.getByLabel("Keep results forever").check();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(current).toContainText("kept forever");
  });
});

test("a viewer reads settings without the forms, and /requirements lists BR-GATEWAY-018 with its two specs", async ({ page }) => {
  await page.goto("/projects/gateway-e2e/settings");
  await expect(page.getByTestId("categories")).toContainText("Test timing");
  await expect(page.getByRole("button", { name: "Add category" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create token" })).toHaveCount(0);

  await page.goto("/requirements?q=BR-GATEWAY-018");
  const specs = page.getByRole("list", { name: "Specs of BR-GATEWAY-018" });
  await expect(specs.getByRole("listitem")).toHaveCount(2);
  await expect(specs.getByRole("link", { name: /Triage item of .*: New/ })).toHaveCount(2);
});
