// Project roles in the browser: a viewer of project B sees none of the demo
// project (A): not on the overview, the runs and triage lists, the CSV export,
// nor by the id of its run, spec or item, nor through the reader routes. Then
// the lead of A adds that viewer to A on A's settings page, and A appears.
import { type Browser, type Page, expect, test } from "@playwright/test";
import { E2E_PASSWORD, storageStateOf } from "./auth";
import { e2eProject, pointAtE2eDatabase } from "./members";

const A = "gateway-e2e";
const B = `roles-b-${Date.now().toString(36)}`;
const VIEWER_B = { email: `vb-${Date.now().toString(36)}@e2e.test`, name: "Bea B-Viewer" };
const ids = { run: "", spec: "", item: "", report: "" };

test.beforeAll(async ({ request }) => {
  pointAtE2eDatabase();
  const project = await e2eProject(B, "Project B");
  const { createUser } = await import("@/lib/auth/users");
  const { createApiToken } = await import("@/lib/services/create-api-token");
  const { db, disconnectDb } = await import("@/lib/db");
  await createUser({ ...VIEWER_B, role: "viewer", password: E2E_PASSWORD, projects: [B] });
  const token = (await createApiToken(project.id, "roles-e2e")).token;
  const item = await db().triageItem.findFirstOrThrow({ where: { project: { slug: A } }, select: { id: true, testCaseId: true } });
  const report = await db().report.findFirstOrThrow({ where: { run: { project: { slug: A } } }, select: { id: true, runId: true } });
  Object.assign(ids, { run: report.runId, report: report.id, item: item.id, spec: item.testCaseId });
  await disconnectDb();
  const run = await request.post("/api/v1/runs", { headers: { authorization: `Bearer ${token}` }, data: { project: B, mode: "parallel", externalId: "b-1" } });
  expect(run.status()).toBe(201);
});

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(`${VIEWER_B.name} · member`);
  return page;
}

test("a viewer of project B sees none of A; A's lead adds them to A on the settings page", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signIn(browser, VIEWER_B.email);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: /Project B/ })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(A);
  await page.goto(`/runs?project=${A}`);
  await expect(page.getByRole("status")).toContainText(`There is no project “${A}”`);
  await page.goto("/runs");
  await expect(page.getByRole("main")).not.toContainText(A);
  await page.goto("/triage?status=all");
  await expect(page.getByRole("main")).not.toContainText(A);
  for (const url of [`/runs/${ids.run}`, `/specs/${ids.spec}`, `/triage/${ids.item}`, `/projects/${A}/settings`, `/projects/${A}/timing`]) {
    await page.goto(url);
    await expect(page.getByTestId("not-found"), url).toBeVisible();
  }
  const answers = await page.evaluate(async (x) => {
    const get = async (u: string) => {
      const r = await fetch(u);
      return { status: r.status, text: await r.text() };
    };
    return {
      csv: await get("/triage/export.csv?status=all"),
      report: await get(`/runs/${x.run}/reports/${x.report}`),
      owners: await get(`/api/projects/${x.A}/owners`),
      live: await get(`/api/runs/${x.run}/live`),
    };
  }, { ...ids, A });
  expect(answers.csv.status).toBe(200);
  expect(answers.csv.text).not.toContain(A);
  for (const k of ["report", "owners", "live"] as const) {
    expect(answers[k].status, k).toBe(404);
    expect(JSON.parse(answers[k].text).error.code, k).toBe("not_found");
  }

  // the lead of A adds the viewer of B to A
  const lead = await (await browser.newContext({ storageState: storageStateOf("lead") })).newPage();
  await lead.goto(`/projects/${A}/settings`);
  const form = lead.getByRole("form", { name: "Add member" });
  await form.getByLabel("Email or @team").fill(VIEWER_B.email);
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(form.getByRole("status")).toContainText(`${VIEWER_B.email} is now Viewer in ${A}`);
  await expect(lead.getByTestId("project-members").getByRole("row", { name: new RegExp(VIEWER_B.email) })).toContainText("Bea B-Viewer");

  await page.goto(`/runs/${ids.run}`);
  await expect(page.getByTestId("not-found")).toHaveCount(0);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: new RegExp(A) })).toBeVisible();
  // a viewer sees the members, without the controls
  await page.goto(`/projects/${A}/settings`);
  await expect(page.getByTestId("project-members")).toContainText(VIEWER_B.email);
  await expect(page.getByRole("form", { name: "Add member" })).toHaveCount(0);
});

test("the lead of A is a stranger to B: B's settings are not found", async ({ browser }) => {
  const lead = await (await browser.newContext({ storageState: storageStateOf("lead") })).newPage();
  // B was made with the e2e users as members: take the lead out, then B is unknown to them
  pointAtE2eDatabase();
  const { db, disconnectDb } = await import("@/lib/db");
  await db().projectMember.deleteMany({ where: { project: { slug: B }, user: { email: "lead@e2e.test" } } });
  await disconnectDb();
  await lead.goto(`/projects/${B}/settings`);
  await expect(lead.getByTestId("not-found")).toBeVisible();
  const status = await lead.evaluate(async (b) =>
    (await fetch(`/api/projects/${b}/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "x" }) })).status, B);
  expect(status).toBe(404);
});

test("a lead creates a team on the teams page and adds a member; a viewer is told teams are for leads", async ({ page, browser }) => {
  const slug = `crew-${Date.now().toString(36)}`;
  const lead = await (await browser.newContext({ storageState: storageStateOf("lead") })).newPage();
  await lead.goto(`/projects/${A}/settings`);
  await lead.getByRole("link", { name: "Manage teams" }).click();
  await expect(lead).toHaveURL(/\/teams$/);
  const create = lead.getByRole("form", { name: "Create team" });
  await create.getByLabel("Handle").fill(slug);
  await create.getByLabel("Team name").fill("Crew");
  await create.getByRole("button", { name: "Create team" }).click();
  await expect(create.getByRole("status")).toHaveText(`Created @${slug}.`);
  const add = lead.getByRole("form", { name: `Add a member to @${slug}` });
  await add.getByLabel("Email").fill("triager@e2e.test");
  await add.getByRole("button", { name: `Add to @${slug}` }).click();
  const team = lead.getByRole("region", { name: new RegExp(`@${slug}`) });
  await expect(team.getByRole("listitem")).toContainText("Tom Triager (triager@e2e.test)");
  await team.getByRole("button", { name: `Remove triager@e2e.test from @${slug}` }).click();
  await expect(team.getByText("No members.")).toBeVisible();

  await page.goto("/teams"); // the e2e viewer
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Admins and team leads manage teams");
});
