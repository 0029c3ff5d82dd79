import { expect, test } from "@playwright/test";

test("health answers while the process lives", async ({ request }) => {
  const r = await request.get("/api/health");
  expect(r.status()).toBe(200);
  expect(await r.json()).toMatchObject({ status: "ok" });
});

test("ready reports the database, migrations and the job queue", async ({ request }) => {
  const r = await request.get("/api/ready");
  expect(r.status()).toBe(200);
  expect(await r.json()).toMatchObject({ status: "ready", database: { ok: true }, migrations: { ok: true }, queue: { ok: true, expiredLeases: 0 } });
});

test("pages carry a CSP that forbids framing, and the session cookie is HttpOnly and SameSite", async ({ request, context }) => {
  const r = await request.get("/sign-in");
  const csp = r.headers()["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)/); // no 'unsafe-inline' for scripts
  expect(r.headers()["x-content-type-options"]).toBe("nosniff");
  const session = (await context.cookies()).find((c) => c.name.endsWith("session_token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("metrics count API requests by route and the ingest", async ({ request }) => {
  await request.get("/api/v1/runs", { headers: { authorization: "Bearer rb_wrong" } });
  const r = await request.get("/api/metrics");
  expect(r.status()).toBe(200);
  const text = await r.text();
  expect(text).toMatch(/runboard_http_request_duration_seconds_count\{route="\/api\/v1\/runs",method="GET",status="401"\} [1-9]/);
  expect(text).toContain("runboard_ingest_reports_total");
  expect(text).toMatch(/runboard_jobs\{status="queued"\} \d+/);
  expect(text).toContain("runboard_process_resident_memory_bytes");
});
