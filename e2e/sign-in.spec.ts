import { expect, test } from "@playwright/test";
import { E2E_PASSWORD, E2E_USERS } from "./auth";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("pages need sign-in and come back after it", async ({ page }) => {
    await page.goto("/triage");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftriage/);
    await page.getByLabel("Email").fill(E2E_USERS.triager.email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/triage/);
    await expect(page.getByTestId("signed-in-as")).toHaveText(`${E2E_USERS.triager.name} · member`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/runs");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a wrong password is refused, and guessing is rate-limited", async ({ page, request }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(E2E_USERS.admin.email);
    await page.getByLabel("Password").fill("not-the-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong email or password.");
    // keep guessing from the same address until the limit answers 429
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++) {
      const res = await request.post("/api/auth/sign-in/email", {
        headers: { origin: new URL(page.url()).origin },
        data: { email: E2E_USERS.admin.email, password: `guess-${i}-xxxxxxxx` },
      });
      status = res.status();
      if (status !== 429) expect(status).toBe(401);
    }
    expect(status).toBe(429);
    // even the right password is refused while the limit holds
    const right = await request.post("/api/auth/sign-in/email", {
      headers: { origin: new URL(page.url()).origin },
      data: { email: E2E_USERS.admin.email, password: E2E_PASSWORD },
    });
    expect(right.status()).toBe(429);
  });

  test("a forged X-Forwarded-For does not buy more guesses", async ({ request, baseURL }) => {
    // no proxy in front (RUNBOARD_TRUSTED_PROXIES unset): every guess comes from this socket's address
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++) {
      const res = await request.post("/api/auth/sign-in/email", {
        headers: { origin: baseURL!, "x-forwarded-for": `198.51.100.${i + 1}`, "x-runboard-client-ip": `203.0.113.${i + 1}` },
        data: { email: E2E_USERS.lead.email, password: `guess-${i}-xxxxxxxx` },
      });
      status = res.status();
      if (status !== 429) expect(status).toBe(401);
    }
    expect(status).toBe(429);
  });
});
