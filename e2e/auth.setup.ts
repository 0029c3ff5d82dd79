// Runs before the browser tests: creates a lead, a triager and a viewer of the
// demo project (gateway-e2e) next to the admin that the launcher created from
// RUNBOARD_ADMIN_*, signs each in through the real sign-in form, and saves their
// browser states. Specs that make their own project use e2e/members.ts.
import fs from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { E2E_PASSWORD, E2E_USERS, type E2eRole, storageStateOf } from "./auth";

setup("create users and sign each in", async ({ browser }) => {
  setup.setTimeout(120_000);
  const root = path.resolve(import.meta.dirname, "..");
  process.env.DATABASE_URL = fs.readFileSync(path.join(root, "test-results/e2e-database-url"), "utf8").trim();
  const { createUser } = await import("@/lib/auth/users");
  const { disconnectDb } = await import("@/lib/db");
  for (const role of ["lead", "triager", "viewer"] as const) {
    await createUser({ ...E2E_USERS[role], role, password: E2E_PASSWORD, projects: ["gateway-e2e"] });
  }
  await disconnectDb();

  for (const role of Object.keys(E2E_USERS) as E2eRole[]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/runs");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fruns/);
    await page.getByLabel("Email").fill(E2E_USERS[role].email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    // signed-out requests are redirected before rendering, so /runs first renders here (slow on a cold, busy server)
    await expect(page).toHaveURL(/\/runs$/, { timeout: 30_000 });
    await expect(page.getByTestId("signed-in-as")).toHaveText(`${E2E_USERS[role].name} · ${role === "admin" ? "admin" : "member"}`);
    await context.storageState({ path: storageStateOf(role) });
    await context.close();
  }
});
