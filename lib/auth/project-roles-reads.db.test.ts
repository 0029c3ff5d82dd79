// What readers see over two projects: a lead of A and a viewer of B each see
// only their project in the queries the pages use, the CSV export, report
// downloads, the live stream and the OWNERS file; another project's id answers
// as an unknown one; admins see both; nobody's scope is empty.
import { afterEach, describe, expect, it } from "vitest";
import { GET as liveStream } from "@/app/api/runs/[id]/live/route";
import { GET as getOwners } from "@/app/api/projects/[project]/owners/route";
import { GET as downloadReport } from "@/app/runs/[id]/reports/[reportId]/route";
import { GET as exportCsv } from "@/app/triage/export.csv/route";
import { type ProjectScope, findMemberships, scopeOf } from "@/lib/auth/project-access";
import { resetEnv } from "@/lib/env";
import { findProjectOptions } from "@/lib/queries/find-project-options";
import { findProjectOverviews } from "@/lib/queries/find-project-overviews";
import { findRequirements } from "@/lib/queries/find-requirements";
import { findRuns } from "@/lib/queries/find-runs";
import { findTriageItems, triageFilterOptions, triageFilterSchema } from "@/lib/queries/find-triage-items";
import { getProjectSettings } from "@/lib/queries/get-project-settings";
import { getProjectTiming } from "@/lib/queries/get-project-timing";
import { getRunComparison } from "@/lib/queries/get-run-comparison";
import { getRunDetail } from "@/lib/queries/get-run-detail";
import { getTestCase } from "@/lib/queries/get-test-case";
import { getTriageItem } from "@/lib/queries/get-triage-item";
import { parseRunListQuery } from "@/lib/schemas/run-list-query";
import { callRoute } from "@/lib/testing/call-route";
import { type Person, as, setupTwoProjects, two } from "@/lib/testing/two-projects";

setupTwoProjects("reads");

async function scope(p: Person): Promise<ProjectScope> {
  return scopeOf({ id: two.ids[p], role: p === "admin" ? "admin" : "viewer" }, await findMemberships(two.ids[p]));
}

describe("the pages' queries take the reader's scope", () => {
  it("lists only the reader's projects, runs, items and requirements", async () => {
    const a = await scope("leadA");
    expect(a).toEqual([two.A.projectId]);
    expect(await scope("admin")).toBeNull();
    expect(await scope("nobody")).toEqual([]);
    const mine = (rows: { slug?: string; projectSlug?: string; project?: { slug: string } }[]) => [...new Set(rows.map((r) => r.slug ?? r.projectSlug ?? r.project?.slug))].filter((s) => s?.startsWith("reads-"));
    expect(mine(await findProjectOverviews(a))).toEqual([two.A.slug]);
    expect(mine(await findProjectOptions(await scope("viewerB")))).toEqual([two.B.slug]);
    expect(mine((await findRuns(parseRunListQuery({}), 50, a)).rows)).toEqual([two.A.slug]);
    expect(mine((await findTriageItems(triageFilterSchema.parse({}), a)).rows)).toEqual([two.A.slug]);
    expect(mine((await triageFilterOptions(a)).projects)).toEqual([two.A.slug]);
    expect((await findRuns(parseRunListQuery({}), 50, await scope("nobody"))).rows).toEqual([]);
    expect(mine((await findRuns(parseRunListQuery({}), 50, await scope("admin"))).rows).sort()).toEqual([two.A.slug, two.B.slug]);
    // naming B in the filter: as unknown as a project that does not exist
    expect(await findRuns(parseRunListQuery({ project: two.B.slug }), 50, a)).toMatchObject({ rows: [], unknownProject: true });
    expect(await findRequirements({}, a)).toEqual(expect.not.arrayContaining([expect.objectContaining({ projectSlug: two.B.slug })]));
  });

  it("answers B's run, spec, item, settings and timing as unknown to a lead of A", async () => {
    const a = await scope("leadA");
    expect(await getRunDetail(two.B.runId, a)).toBeNull();
    expect((await getRunDetail(two.A.runId, a))?.projectId).toBe(two.A.projectId);
    expect(await getTestCase(two.B.testCaseId, a)).toBeNull();
    expect(await getTriageItem(two.B.itemIds[0], a)).toBeNull();
    expect(await getTriageItem(two.B.itemIds[0], await scope("viewerB"))).not.toBeNull();
    expect(await getProjectSettings(two.B.slug, a)).toBeNull();
    await expect(getProjectTiming(two.B.slug, {}, a)).rejects.toMatchObject({ code: "not_found" });
    await expect(getRunComparison(two.A.runId, two.B.runId, a)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("reader routes: CSV export, report download, live stream, OWNERS", () => {
  const csv = async (p: Person) => (await callRoute(exportCsv, "/triage/export.csv", { headers: as(p), query: { status: "all" } })).text;

  it("exports only the reader's items", async () => {
    expect(await csv("leadA")).toContain("alpha spec");
    expect(await csv("leadA")).not.toContain("bravo spec");
    expect(await csv("viewerB")).toContain("bravo spec");
    expect(await csv("viewerB")).not.toContain("alpha spec");
    expect((await csv("nobody")).trim().split("\r\n")).toHaveLength(1); // the header only
    const admin = await csv("admin");
    expect(admin).toContain("alpha spec");
    expect(admin).toContain("bravo spec");
    expect((await callRoute(exportCsv, "/triage/export.csv", {})).status).toBe(401);
  });

  it("downloads A's report for its readers; B's report is 404 to them, like an unknown one", async () => {
    const get = (p: Person, side: "A" | "B") =>
      callRoute(downloadReport, `/runs/${two[side].runId}/reports/${two[side].reportId}`, { headers: as(p), params: { id: two[side].runId, reportId: two[side].reportId } });
    expect((await get("viewerA", "A")).status).toBe(200);
    const b = await get("viewerA", "B");
    expect([b.status, b.data.error.code]).toEqual([404, "not_found"]);
    expect((await get("viewerB", "B")).text).toContain("bravo spec");
  });

  it("streams no live run of B to a lead of A, and gives B's OWNERS file only to its readers", async () => {
    const live = await callRoute(liveStream, `/api/runs/${two.B.runId}/live`, { headers: as("leadA"), params: { id: two.B.runId } });
    expect([live.status, live.data.error.code]).toEqual([404, "not_found"]);
    expect((await callRoute(liveStream, `/api/runs/${two.B.runId}/live`, { params: { id: two.B.runId } })).status).toBe(401);
    const owners = (p: Person) => callRoute(getOwners, `/api/projects/${two.B.slug}/owners`, { headers: as(p), params: { project: two.B.slug } });
    expect((await owners("leadA")).status).toBe(404);
    expect((await owners("viewerB")).status).toBe(200);
  });
});

describe("RUNBOARD_PUBLIC_READ=true keeps its meaning", () => {
  afterEach(() => {
    delete process.env.RUNBOARD_PUBLIC_READ;
    resetEnv();
  });

  it("lets anyone, signed in or not, read every project", async () => {
    process.env.RUNBOARD_PUBLIC_READ = "true";
    resetEnv();
    expect(await scope("viewerB")).toBeNull();
    const anon = await callRoute(exportCsv, "/triage/export.csv", { query: { status: "all" } });
    expect(anon.status).toBe(200);
    expect(anon.text).toContain("alpha spec");
    expect(anon.text).toContain("bravo spec");
  });
});
