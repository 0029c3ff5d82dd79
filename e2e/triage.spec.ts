// Triage in the browser on the demo data: the 16 failing Gateway specs with
// their requirement IDs and suggested categories; a lead assigns three in bulk
// and sets a category; a viewer cannot; passing runs posted through the ingest
// API resolve an item and a new failure reopens it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { GATEWAY_SPECS, SUITE_NAME } from "@/lib/demo/gateway-specs";
import { renderGinkgoJunit } from "@/lib/demo/render-junit";
import { E2E_USERS, storageStateOf } from "./auth";

const root = path.resolve(import.meta.dirname, "..");
const rowOf = (page: Page, spec: string) => page.getByTestId("triage-table").locator("tbody tr", { hasText: spec });

test.describe("as a team lead", () => {
  test.use({ storageState: storageStateOf("lead") });

  test("sees the 16 failing specs, assigns three in bulk and sets a category", async ({ page }) => {
    await page.goto("/triage?project=gateway-e2e&status=all");
    await expect(page.getByTestId("triage-count")).toContainText("16 items");
    const rows = page.getByTestId("triage-table").locator("tbody tr");
    await expect(rows).toHaveCount(16);
    await expect(page.getByTestId("triage-table")).toContainText("BR-GATEWAY-024");
    await expect(page.getByTestId("triage-table")).toContainText("DD-GATEWAY-009");
    // BR-GATEWAY-018 names two of the failing specs
    await page.goto("/triage?project=gateway-e2e&status=all&req=BR-GATEWAY-018");
    await expect(page.getByTestId("triage-table").locator("tbody tr")).toHaveCount(2);
    await page.goto("/triage?project=gateway-e2e&status=all");
    // every item has a suggested category with a reason
    await expect(page.getByTestId("triage-table").getByText(/^suggested: /)).toHaveCount(16);

    const names = (await rows.locator("td:nth-child(2) a").allTextContents()).slice(0, 3);
    for (const n of names) await rowOf(page, n).getByRole("checkbox").check();
    await expect(page.getByText("3 selected")).toBeVisible();
    await page.getByLabel("Assign to").selectOption({ label: E2E_USERS.triager.name });
    await page.getByRole("button", { name: "Assign selected" }).click();
    await expect(page.getByRole("status")).toHaveText("Assigned 3 items.");
    for (const n of names) await expect(rowOf(page, n)).toContainText(E2E_USERS.triager.name);
    // the filter by assignee finds exactly those three
    await page.getByLabel("Assignee").selectOption({ label: E2E_USERS.triager.name });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/assignee=/);
    await expect(page.getByTestId("triage-table").locator("tbody tr")).toHaveCount(3);

    await rowOf(page, names[0]).getByRole("link", { name: names[0] }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(names[0]);
    await expect(page.getByTestId("suggestion")).toContainText("Suggested category:");
    await page.getByLabel("Category").selectOption({ label: "Test data / config" });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");
    await expect(page.getByTestId("item-category")).toHaveText("Test data / config");
    await expect(page.getByTestId("item-assignee")).toHaveText(E2E_USERS.triager.name);
    await expect(page.getByTestId("triage-history")).toContainText(`${E2E_USERS.lead.name} changed the category: — → Test data / config`);
    await expect(page.getByTestId("triage-history")).toContainText(`${E2E_USERS.lead.name} changed the assignee: — → ${E2E_USERS.triager.name}`);
    // the confirmed category now counts towards the suggestion's accuracy
    await page.goto("/triage?project=gateway-e2e&status=all");
    await expect(page.getByTestId("suggestion-accuracy")).toContainText("of 1 confirmed item");
  });

  test("exports the filtered list as CSV", async ({ page, baseURL }) => {
    const res = await page.request.get("/triage/export.csv?project=gateway-e2e&status=all&req=BR-GATEWAY-018");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines).toHaveLength(3); // header + the two specs of BR-GATEWAY-018
    expect(lines[1]).toContain("BR-GATEWAY-018");
    expect(lines[1]).toMatch(new RegExp(`,"${baseURL}/triage/[0-9a-f-]{36}"$`));
    // the links point where the request came (its Host), not where the server is bound
    const host = `localhost:${new URL(baseURL!).port}`;
    const viaLocalhost = await page.request.get("/triage/export.csv?project=gateway-e2e&status=all&req=BR-GATEWAY-018", { headers: { host } });
    expect((await viaLocalhost.text()).split("\r\n")[1]).toMatch(new RegExp(`,"http://${host}/triage/[0-9a-f-]{36}"$`));
  });
});

test.describe("as a viewer", () => {
  test("can read but not assign: no selection, and the server answers 403", async ({ page }) => {
    await page.goto("/triage?project=gateway-e2e&status=all");
    await expect(page.getByTestId("triage-table").locator("tbody tr")).toHaveCount(16);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Assign selected" })).toHaveCount(0);
    const href = await page.getByTestId("triage-table").locator("tbody tr td a").first().getAttribute("href");
    const itemId = href!.split("/").pop()!;
    const before = await page.request.get(`/triage/${itemId}`).then((r) => r.text());
    // a hand-made request from the signed-in viewer's browser
    const status = await page.evaluate(async (id) => {
      const r = await fetch("/api/triage/assign", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ itemIds: [id], assigneeId: null }) });
      return r.status;
    }, itemId);
    expect(status).toBe(403);
    const edit = await page.evaluate(async (id) => (await fetch(`/api/triage/items/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "wont_fix" }) })).status, itemId);
    expect(edit).toBe(403);
    await page.goto(`/triage/${itemId}`);
    await expect(page.getByText("Viewers can read triage")).toBeVisible();
    expect(before).not.toContain("Won't fix</span>");
  });
});

test.describe("automation through the ingest API", () => {
  test("three passing runs resolve an item and the next failure reopens it", async ({ page, request }) => {
    const databaseUrl = fs.readFileSync(path.join(root, "test-results/e2e-database-url"), "utf8").trim();
    const created = spawnSync(process.execPath, [path.join(root, "bin/runboard.mjs"), "token", "create", "--project", "gateway-e2e", "--name", "triage-e2e", "--json"], {
      cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    expect(created.status, created.stderr).toBe(0);
    const { token } = JSON.parse(created.stdout);
    const spec = GATEWAY_SPECS.find((s) => s.text.includes("BR-GATEWAY-024"))!;
    const post = async (n: number, status: "passed" | "failed") => {
      const run = await request.post("/api/v1/runs", { headers: { authorization: `Bearer ${token}` }, data: { project: "gateway-e2e", mode: "parallel", externalId: `triage-e2e-${n}` } });
      expect(run.status()).toBe(201);
      const { id } = await run.json();
      const xml = renderGinkgoJunit(SUITE_NAME, [{ spec, status, ms: 1200, message: status === "failed" ? spec.failure!.message(n) : undefined }]).text;
      const up = await request.post(`/api/v1/runs/${id}/junit`, { headers: { authorization: `Bearer ${token}`, "content-type": "application/xml" }, data: xml });
      expect(up.status(), await up.text()).toBe(200);
      return id;
    };
    await page.goto("/triage?project=gateway-e2e&status=all&req=BR-GATEWAY-024");
    await page.getByTestId("triage-table").locator("tbody tr a").first().click();
    await page.waitForURL(/\/triage\/[0-9a-f-]{36}$/);
    const itemUrl = page.url();
    for (let n = 1; n <= 3; n++) await post(n, "passed");
    await page.goto(itemUrl);
    await expect(page.getByTestId("triage-facts")).toContainText("Resolved");
    await expect(page.getByTestId("triage-history")).toContainText("Runboard resolved automatically");
    await expect(page.getByTestId("triage-history")).toContainText("3 passing runs in a row");
    await post(4, "failed");
    await page.goto(itemUrl);
    await expect(page.getByTestId("triage-facts")).toContainText("New");
    await expect(page.getByTestId("triage-history")).toContainText("Runboard reopened (regression): resolved → new");
  });
});
