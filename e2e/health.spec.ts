import { expect, test } from "@playwright/test";

test("health answers while the process lives", async ({ request }) => {
  const r = await request.get("/api/health");
  expect(r.status()).toBe(200);
  expect(await r.json()).toMatchObject({ status: "ok" });
});

test("ready reports the database and migrations", async ({ request }) => {
  const r = await request.get("/api/ready");
  expect(r.status()).toBe(200);
  expect(await r.json()).toMatchObject({ status: "ready", database: { ok: true }, migrations: { ok: true } });
});
