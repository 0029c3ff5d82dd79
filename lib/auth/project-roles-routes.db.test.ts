// The role matrix over two projects, through the real route handlers: a lead
// of A manages A and is a stranger to B everywhere (404, as for an unknown
// id, and nothing stored); a lower role in A answers 403; admins act anywhere.
import { describe, expect, it } from "vitest";
import { POST as addMember } from "@/app/api/projects/[project]/members/route";
import { DELETE as removeMember } from "@/app/api/projects/[project]/members/[id]/route";
import { PUT as putOwners } from "@/app/api/projects/[project]/owners/route";
import { PATCH as timingSettings } from "@/app/api/projects/[project]/timing-settings/route";
import { POST as createToken } from "@/app/api/projects/[project]/tokens/route";
import { DELETE as revokeToken } from "@/app/api/projects/[project]/tokens/[id]/route";
import { POST as newProject } from "@/app/api/projects/route";
import { POST as createTeam } from "@/app/api/teams/route";
import { POST as addTeamMember } from "@/app/api/teams/[team]/members/route";
import { POST as statsExclusion } from "@/app/api/runs/[id]/stats-exclusion/route";
import { POST as assign } from "@/app/api/triage/assign/route";
import { PATCH as changeItem } from "@/app/api/triage/items/[id]/route";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/services/create-api-token";
import { createProject } from "@/lib/services/create-project";
import { callRoute } from "@/lib/testing/call-route";
import { type Person, as, setupTwoProjects, two } from "@/lib/testing/two-projects";

setupTwoProjects("matrix");

const p = (side: "A" | "B") => ({ project: two[side].slug });

describe("project routes: a lead of A manages A, is a stranger to B", () => {
  const token = (who: Person, side: "A" | "B") => callRoute(createToken, `/api/projects/${two[side].slug}/tokens`, { headers: as(who), json: { name: "ci" }, params: p(side) });
  it.each([
    ["leadA", "A", 201], ["leadA", "B", 404], ["triagerA", "A", 403], ["viewerA", "A", 403], ["viewerB", "A", 404], ["nobody", "A", 404], ["admin", "B", 201],
  ] as const)("%s creating a token in %s -> %i", async (who, side, status) => {
    const before = await db().apiToken.count();
    const r = await token(who, side);
    expect(r.status, r.text).toBe(status);
    expect(await db().apiToken.count()).toBe(before + (status === 201 ? 1 : 0));
    if (status === 404) expect(r.data.error).toMatchObject({ code: "not_found", message: `Project "${two[side].slug}" does not exist` });
  });

  it("B's project answers a lead of A exactly as a project that does not exist", async () => {
    const b = await token("leadA", "B");
    const unknown = await callRoute(createToken, "/api/projects/no-such/tokens", { headers: as("leadA"), json: { name: "ci" }, params: { project: "no-such" } });
    expect([b.status, b.data.error.code]).toEqual([unknown.status, unknown.data.error.code]);
    expect(b.data.error.message.replace(two.B.slug, "X")).toBe(unknown.data.error.message.replace("no-such", "X"));
  });

  it("revoking B's token, its OWNERS and its timing settings are 404 for a lead of A, and change nothing", async () => {
    const t = await createApiToken(two.B.projectId, "b-ci");
    const r = await callRoute(revokeToken, `/api/projects/${two.B.slug}/tokens/${t.id}`, { method: "DELETE", headers: as("leadA"), params: { ...p("B"), id: t.id } });
    expect(r.status).toBe(404);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: t.id } })).revokedAt).toBeNull();
    // the token of B through A's path: A's lead may not reach it either
    expect((await callRoute(revokeToken, `/api/projects/${two.A.slug}/tokens/${t.id}`, { method: "DELETE", headers: as("leadA"), params: { ...p("A"), id: t.id } })).status).toBe(404);
    expect((await callRoute(putOwners, `/api/projects/${two.B.slug}/owners`, { method: "PUT", headers: as("leadA"), json: { text: "" }, params: p("B") })).status).toBe(404);
    expect((await callRoute(timingSettings, `/api/projects/${two.B.slug}/timing-settings`, { method: "PATCH", headers: as("leadA"), json: { includeTryOutRuns: true }, params: p("B") })).status).toBe(404);
    expect((await db().project.findUniqueOrThrow({ where: { id: two.B.projectId } })).includeTryOutRuns).toBe(false);
  });

  it("a lead of A adds a team to A and removes it; triagers of A and leads of A in B may not", async () => {
    await db().team.create({ data: { slug: "matrix-team", name: "Matrix team" } });
    const body = { team: "@matrix-team", role: "viewer" };
    expect((await callRoute(addMember, `/api/projects/${two.A.slug}/members`, { headers: as("triagerA"), json: body, params: p("A") })).status).toBe(403);
    expect((await callRoute(addMember, `/api/projects/${two.B.slug}/members`, { headers: as("leadA"), json: body, params: p("B") })).status).toBe(404);
    const ok = await callRoute(addMember, `/api/projects/${two.A.slug}/members`, { headers: as("leadA"), json: body, params: p("A") });
    expect(ok.status, ok.text).toBe(201);
    expect(await db().projectMember.count({ where: { team: { slug: "matrix-team" } } })).toBe(1);
    const bad = await callRoute(addMember, `/api/projects/${two.A.slug}/members`, { headers: as("leadA"), json: { email: "x@matrix.test", role: "admin" }, params: p("A") });
    expect(bad.status).toBe(422);
    const id = ok.data.id as string;
    expect((await callRoute(removeMember, `/api/projects/${two.B.slug}/members/${id}`, { method: "DELETE", headers: as("admin"), params: { ...p("B"), id } })).status).toBe(404);
    expect((await callRoute(removeMember, `/api/projects/${two.A.slug}/members/${id}`, { method: "DELETE", headers: as("leadA"), params: { ...p("A"), id } })).status).toBe(200);
    expect(await db().projectMember.count({ where: { team: { slug: "matrix-team" } } })).toBe(0);
  });
});

describe("triage and run routes check the role in the item's or run's project", () => {
  const assignAs = (who: Person, itemIds: string[], assigneeId: string) => callRoute(assign, "/api/triage/assign", { headers: as(who), json: { itemIds, assigneeId } });
  const change = (who: Person, id: string) => callRoute(changeItem, `/api/triage/items/${id}`, { method: "PATCH", headers: as(who), json: { status: "investigating" }, params: { id } });

  it("a lead of A cannot assign or change B's items (404), nor A's and B's in one call", async () => {
    expect((await assignAs("leadA", two.B.itemIds, two.ids.admin)).status).toBe(404);
    expect((await assignAs("leadA", [two.A.itemIds[0], two.B.itemIds[0]], two.ids.triagerA)).status).toBe(404);
    expect((await change("leadA", two.B.itemIds[0])).status).toBe(404);
    expect(await db().triageItem.count({ where: { projectId: two.B.projectId, OR: [{ assigneeId: { not: null } }, { status: { not: "new" } }] } })).toBe(0);
  });

  it("assigns A's items only to people who can triage A", async () => {
    for (const who of ["viewerA", "viewerB", "nobody"] as const) {
      const r = await assignAs("leadA", two.A.itemIds, two.ids[who]);
      expect(r.status, who).toBe(422);
      expect(r.data.error.details[0].path).toBe("assigneeId");
    }
    expect((await assignAs("leadA", two.A.itemIds, two.ids.triagerA)).status).toBe(200);
    expect(await db().triageItem.count({ where: { id: { in: two.A.itemIds }, assigneeId: two.ids.triagerA } })).toBe(2);
  });

  it("a viewer of A may not change A's item (403), its triager may; a viewer of B learns nothing of it", async () => {
    expect((await change("viewerA", two.A.itemIds[1])).status).toBe(403);
    // no triager role anywhere: refused before any item is looked up, so A's item and an unknown id answer alike
    const [known, unknown] = [await change("viewerB", two.A.itemIds[1]), await change("viewerB", "0190a000-0000-7000-8000-000000000000")];
    expect([known.status, known.data]).toEqual([unknown.status, unknown.data]);
    expect((await change("triagerA", two.A.itemIds[1])).status).toBe(200);
  });

  it("keeping B's run out of the statistics is 404 for a lead of A", async () => {
    const r = await callRoute(statsExclusion, `/api/runs/${two.B.runId}/stats-exclusion`, { headers: as("leadA"), json: { excluded: true, reason: "flaky cluster" }, params: { id: two.B.runId } });
    expect(r.status).toBe(404);
    expect((await db().run.findUniqueOrThrow({ where: { id: two.B.runId } })).statsExcluded).toBe(false);
  });
});

describe("creating a project", () => {
  it("needs an admin or a lead of an existing project, who then leads it", async () => {
    const who = (p: Person) => ({ id: two.ids[p], role: p === "admin" ? ("admin" as const) : ("viewer" as const) });
    await expect(createProject({ slug: "matrix-new-v" }, who("viewerB"))).rejects.toMatchObject({ code: "forbidden" });
    await expect(createProject({ slug: "matrix-new-t" }, who("triagerA"))).rejects.toMatchObject({ code: "forbidden" });
    const made = await createProject({ slug: "matrix-new-l", name: "New" }, who("leadA"));
    expect(await db().projectMember.findFirst({ where: { projectId: made.id, userId: two.ids.leadA }, select: { role: true } })).toEqual({ role: "lead" });
    await expect(createProject({ slug: "matrix-new-l" }, who("admin"))).rejects.toMatchObject({ code: "conflict" });
    expect(await db().project.count({ where: { slug: { startsWith: "matrix-new" } } })).toBe(1);
  });

  it("through POST /api/projects: 201 for a lead, 403 for a viewer, 422 for a bad slug", async () => {
    const post = (who: Person, json: unknown) => callRoute(newProject, "/api/projects", { headers: as(who), json });
    expect((await post("viewerA", { slug: "matrix-route-v" })).status).toBe(403);
    expect((await post("leadA", { slug: "Bad Slug" })).status).toBe(422);
    const ok = await post("leadA", { slug: "matrix-route-l", name: "Routed" });
    expect([ok.status, ok.data.slug]).toEqual([201, "matrix-route-l"]);
    expect((await post("leadA", { slug: "matrix-route-l" })).status).toBe(409);
  });
});

describe("teams", () => {
  const join = (who: Person, team: string, email: string) =>
    callRoute(addTeamMember, `/api/teams/${team}/members`, { headers: as(who), json: { email }, params: { team } });

  it("a lead creates a team and fills it; a team holding a role in a project they do not lead stays out of their reach", async () => {
    expect((await callRoute(createTeam, "/api/teams", { headers: as("viewerA"), json: { slug: "crew", name: "Crew" } })).status).toBe(403);
    expect((await callRoute(createTeam, "/api/teams", { headers: as("leadA"), json: { slug: "@Crew", name: "Crew" } })).status).toBe(201);
    expect((await join("leadA", "crew", "viewera@matrix.test")).status).toBe(201);
    // the team leads B: joining it would make a lead of A a lead of B
    await db().projectMember.create({ data: { projectId: two.B.projectId, teamId: (await db().team.findUniqueOrThrow({ where: { slug: "crew" } })).id, role: "lead" } });
    const r = await join("leadA", "crew", "leada@matrix.test");
    expect([r.status, r.data.error.code]).toEqual([403, "forbidden"]);
    expect(await db().teamMember.count({ where: { team: { slug: "crew" }, user: { email: "leada@matrix.test" } } })).toBe(0);
    expect((await join("admin", "crew", "leada@matrix.test")).status).toBe(201);
    expect((await join("leadA", "no-such-team", "leada@matrix.test")).status).toBe(404);
  });
});
