// A failure message is data, never markup: post a run whose JUnit failure
// message is a script through the real ingest API and read it back as text.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eProject } from "./members";

const slug = `e2e-xss-${Date.now().toString(36)}`;
const PAYLOAD = "<script>window.__xss=1</script>";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

let token: string;

test.beforeAll(async () => {
  // e2e/serve.ts writes the database URL of the server under test
  process.env.DATABASE_URL = fs.readFileSync(path.resolve(import.meta.dirname, "../test-results/e2e-database-url"), "utf8").trim();
  const { createApiToken } = await import("@/lib/services/create-api-token");
  const project = await e2eProject(slug);
  token = (await createApiToken(project.id, "e2e")).token;
});

test.afterAll(async () => {
  const { db, disconnectDb } = await import("@/lib/db");
  await db().project.deleteMany({ where: { slug } });
  await disconnectDb();
});

test("a <script> failure message renders as text and does not run", async ({ page, request }) => {
  const auth = { authorization: `Bearer ${token}` };
  const created = await request.post("/api/v1/runs", { headers: auth, data: { project: slug, mode: "parallel", externalId: "xss-1" } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const junit = `<?xml version="1.0"?><testsuites><testsuite name="XSS"><testcase name="renders messages as text" classname="XSS" time="0.1"><failure message="${esc(PAYLOAD)}">${esc(PAYLOAD)}</failure></testcase></testsuite></testsuites>`;
  const uploaded = await request.post(`/api/v1/runs/${id}/junit`, { headers: { ...auth, "content-type": "application/xml" }, data: junit });
  expect(uploaded.status()).toBe(200);
  expect((await request.post(`/api/v1/runs/${id}/finish`, { headers: auth, data: { status: "passed" } })).status()).toBe(200);

  await page.goto(`/runs/${id}`);
  await expect(page.getByTestId("results-table").locator("pre", { hasText: PAYLOAD })).toBeVisible();
  await expect(page.getByTestId("failure-groups")).toContainText("renders messages as text");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
