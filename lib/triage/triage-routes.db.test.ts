// The triage routes check the role on the server and refuse cross-site calls:
// a viewer's assign answers 403 and changes nothing; a lead's works and is in
// the history; a request from another origin is refused even for a lead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as assign } from "@/app/api/triage/assign/route";
import { PATCH as change } from "@/app/api/triage/items/[id]/route";
import { auth } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/users";
import { db, disconnectDb } from "@/lib/db";
import { parseReport } from "@/lib/ingest/parse-report";
import { createRun } from "@/lib/services/create-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { callRoute } from "@/lib/testing/call-route";

afterAll(() => disconnectDb());

const PASSWORD = "route-test-password-1";
const cookies: Record<string, string> = {};
let itemIds: string[] = [];
let triagerId = "";

async function signIn(email: string) {
  const res = await auth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

beforeAll(async () => {
  const { project } = await ensureProject("routes");
  for (const role of ["viewer", "triager", "lead"] as const) {
    const u = await createUser({ email: `${role}@routes.test`, name: `R ${role}`, role, password: PASSWORD, projects: ["routes"] });
    if (role === "triager") triagerId = u.id;
    cookies[role] = await signIn(`${role}@routes.test`);
  }
  const { run } = await createRun(project.id, { project: "routes", mode: "parallel" });
  const xml = `<testsuite name="s">${[1, 2, 3].map((i) => `<testcase name="spec ${i}" classname="c"><failure message="boom ${i}"/></testcase>`).join("")}</testsuite>`;
  const raw = new TextEncoder().encode(xml);
  await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "r.xml" });
  itemIds = (await db().triageItem.findMany({ where: { projectId: project.id }, select: { id: true } })).map((i) => i.id);
  expect(itemIds).toHaveLength(3);
});

const same = (cookie: string) => ({ cookie, origin: "http://runboard.test", host: "runboard.test" });

describe("triage routes", () => {
  it("answers 401 without a session", async () => {
    const r = await callRoute(assign, "/api/triage/assign", { headers: { origin: "http://runboard.test", host: "runboard.test" }, json: { itemIds, assigneeId: triagerId } });
    expect(r.status).toBe(401);
    expect(r.data.error.code).toBe("unauthorized");
  });

  it("refuses a viewer's bulk assign with 403 and changes nothing", async () => {
    const r = await callRoute(assign, "/api/triage/assign", { headers: same(cookies.viewer), json: { itemIds, assigneeId: triagerId } });
    expect(r.status).toBe(403);
    expect(r.data.error.code).toBe("forbidden");
    expect(await db().triageItem.count({ where: { id: { in: itemIds }, assigneeId: { not: null } } })).toBe(0);
    expect(await db().triageEvent.count({ where: { itemId: { in: itemIds }, kind: "assignee" } })).toBe(0);
  });

  it("refuses a triager's assign (leads assign) but lets them set status and category", async () => {
    const r = await callRoute(assign, "/api/triage/assign", { headers: same(cookies.triager), json: { itemIds, assigneeId: triagerId } });
    expect(r.status).toBe(403);
    const cat = await db().triageCategory.findFirstOrThrow({ where: { project: { slug: "routes" }, key: "product_bug" } });
    const ok = await callRoute(change, `/api/triage/items/${itemIds[0]}`, {
      method: "PATCH", headers: same(cookies.triager), params: { id: itemIds[0] }, json: { status: "investigating", categoryId: cat.id, comment: "looking" },
    });
    expect(ok.status).toBe(200);
    const events = await db().triageEvent.findMany({ where: { itemId: itemIds[0], actorId: { not: null } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.kind, e.fromValue, e.toValue])).toEqual([
      ["status", "new", "investigating"],
      ["category", null, cat.label],
      ["comment", null, null],
    ]);
  });

  it("lets a lead assign three items in bulk, recorded per item", async () => {
    const r = await callRoute(assign, "/api/triage/assign", { headers: same(cookies.lead), json: { itemIds, assigneeId: triagerId } });
    expect(r.status).toBe(200);
    expect(r.data.changed).toBe(3);
    expect(await db().triageItem.count({ where: { id: { in: itemIds }, assigneeId: triagerId } })).toBe(3);
    expect(await db().triageEvent.count({ where: { itemId: { in: itemIds }, kind: "assignee", toValue: "R triager" } })).toBe(3);
  });

  it("refuses a lead's request from another site (CSRF) and one without Origin", async () => {
    const before = await db().triageEvent.count();
    const evil = await callRoute(assign, "/api/triage/assign", { headers: { cookie: cookies.lead, origin: "https://evil.example", host: "runboard.test" }, json: { itemIds, assigneeId: null } });
    expect(evil.status).toBe(403);
    const noOrigin = await callRoute(assign, "/api/triage/assign", { headers: { cookie: cookies.lead, host: "runboard.test" }, json: { itemIds, assigneeId: null } });
    expect(noOrigin.status).toBe(403);
    const crossSite = await callRoute(assign, "/api/triage/assign", { headers: { cookie: cookies.lead, "sec-fetch-site": "cross-site", host: "runboard.test" }, json: { itemIds, assigneeId: null } });
    expect(crossSite.status).toBe(403);
    expect(await db().triageEvent.count()).toBe(before);
  });

  it("validates bodies with 422 details", async () => {
    const r = await callRoute(change, `/api/triage/items/${itemIds[1]}`, { method: "PATCH", headers: same(cookies.lead), params: { id: itemIds[1] }, json: { status: "done", ticketUrl: "javascript:alert(1)" } });
    expect(r.status).toBe(422);
    expect(r.data.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["status", "ticketUrl"]);
  });
});
