// The run and spec pages' queries on the Gateway demo (loaded through the
// real ingest services): what the origin run page and a spec's history show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb, pool } from "@/lib/db";
import { DEMO_PROJECT, loadGatewayDemo } from "@/lib/demo/gateway-demo";
import { findModeBaseline } from "@/lib/queries/find-mode-baseline";
import { findProjectOverviews } from "@/lib/queries/find-project-overviews";
import { findRunFailureGroups } from "@/lib/queries/find-run-failure-groups";
import { findRunResults } from "@/lib/queries/find-run-results";
import { findSpecHistory } from "@/lib/queries/find-spec-history";
import { getReportContent } from "@/lib/queries/get-report-content";
import { getRunDetail } from "@/lib/queries/get-run-detail";
import { getTestCase } from "@/lib/queries/get-test-case";
import { GET as downloadReport } from "@/app/runs/[id]/reports/[reportId]/route";

let originId: string;

beforeAll(async () => {
  await loadGatewayDemo(Date.parse("2026-02-01T00:00:00Z"));
  originId = (await db().run.findFirstOrThrow({ where: { externalId: "demo-13", project: { slug: DEMO_PROJECT } }, select: { id: true } })).id;
});
afterAll(() => disconnectDb());

describe("run page queries", () => {
  it("reads the origin run with its phases and reports, and answers null for unknown or malformed ids", async () => {
    const run = await getRunDetail(originId);
    expect(run).toMatchObject({ durationMs: 314_600, testsFailed: 16, testsSkipped: 8, claimedStatus: "passed", status: "failed" });
    expect(run!.phases.filter((p) => p.group === "images")).toHaveLength(3);
    expect(run!.reports).toHaveLength(1);
    expect(await getRunDetail("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getRunDetail("'; drop table runs; --")).toBeNull();
  });

  it("compares with earlier parallel runs whose setup did not fail", async () => {
    const run = (await getRunDetail(originId))!;
    const baseline = await findModeBaseline(run);
    // five parallel four-phase runs before it; the OOM-killed one is left out
    expect(baseline).toHaveLength(5);
    expect(baseline.every((ms) => ms > 250_000)).toBe(true);
  });

  it("lists results failures first and groups the failures by signature", async () => {
    const results = await findRunResults(originId);
    expect(results.map((r) => r.status)).toEqual([...Array(16).fill("failed"), ...Array(8).fill("skipped")]);
    expect((await findRunResults(originId, 5)).length).toBe(5);
    const { groups, groupCount, failureCount } = await findRunFailureGroups(originId);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(16);
    expect(failureCount).toBe(16);
    expect(groups.map((g) => g.count)).toEqual(groups.map((g) => g.count).sort((a, b) => b - a));
    for (const g of groups) expect(g.specs.length).toBe(g.specCount);
    // two specs fail with the same message (other request ids): one group of two, 15 groups in all
    expect(groupCount).toBe(15);
    expect(groups).toHaveLength(15);
    expect(groups[0].signature).toBe("[FAILED] Expected <int>: 500 to equal <int>: 400 POST /api/v1/signals/prometheus (request id req-<id>)");
    expect(groups[0].specs.map((s) => s.name.slice(0, 12))).toEqual(["[It] Test 09", "[It] Test 17"]);
  });

  it("gives a spec that fails the same way in every run one signature (issue 12: Test 09 had three)", async () => {
    const { rows } = await pool().query<{ runs: number; signatures: number }>(
      `SELECT count(DISTINCT r."runId")::int AS runs, count(DISTINCT r."signatureId")::int AS signatures
         FROM test_results r JOIN test_cases tc ON tc.id = r."testCaseId" JOIN projects p ON p.id = tc."projectId"
        WHERE p.slug = $1 AND tc.name LIKE '[It] Test 09:%' AND r.status = 'failed'`,
      [DEMO_PROJECT],
    );
    expect(rows[0]).toEqual({ runs: 15, signatures: 1 });
  });

  it("puts Test 09 and Test 17, failing with the same message, in one group in every run", async () => {
    const runs = await db().run.findMany({ where: { project: { slug: DEMO_PROJECT } }, select: { id: true } });
    let both = 0;
    for (const run of runs) {
      const { groups } = await findRunFailureGroups(run.id);
      const groupOf = (test: string) => groups.findIndex((g) => g.specs.some((s) => s.name.startsWith(`[It] ${test}:`)));
      if (groupOf("Test 09") < 0 || groupOf("Test 17") < 0) continue;
      both++;
      expect(groupOf("Test 17")).toBe(groupOf("Test 09"));
    }
    expect(both).toBeGreaterThan(1);
  });

  it("returns a report's content only for its own run", async () => {
    const run = (await getRunDetail(originId))!;
    const report = await getReportContent(originId, run.reports[0].id);
    expect(report?.format).toBe("junit");
    expect(report?.content.toString("utf8")).toContain('<testsuites tests="24"');
    const other = await db().run.findFirstOrThrow({ where: { externalId: "demo-1" }, select: { id: true } });
    expect(await getReportContent(other.id, run.reports[0].id)).toBeNull();
  });
});

describe("GET /runs/:id/reports/:reportId", () => {
  let cookie = "";
  const get = (id: string, reportId: string, headers: Record<string, string> = { cookie }) =>
    downloadReport(new Request(`http://test/runs/${id}/reports/${reportId}`, { headers }), { params: Promise.resolve({ id, reportId }) });

  beforeAll(async () => {
    const { createUser } = await import("@/lib/auth/users");
    const { auth } = await import("@/lib/auth/auth");
    await createUser({ email: "reader@pages.test", name: "Reader", role: "viewer", password: "reader-password-1", projects: [DEMO_PROJECT] });
    const res = await auth().api.signInEmail({ body: { email: "reader@pages.test", password: "reader-password-1" }, asResponse: true });
    cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  });

  it("answers 401 to someone who is not signed in", async () => {
    const run = (await getRunDetail(originId))!;
    const res = await get(originId, run.reports[0].id, {});
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("sends the report as an attachment with a header-safe name, and 404 for another run's report", async () => {
    const run = (await getRunDetail(originId))!;
    // a name a hostile uploader could choose: quotes, a line break, a path, non-ASCII
    await db().report.update({ where: { id: run.reports[0].id }, data: { filename: 'ci/out/r\u00e9sum\u00e9"\r\nX-Evil: 1.xml' } });
    const res = await get(originId, run.reports[0].id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="r_sum____X-Evil: 1.xml"; filename*=UTF-8''r%C3%A9sum%C3%A9%22%0D%0AX-Evil%3A%201.xml`);
    expect(await res.text()).toContain("<testsuites");
    const other = await db().run.findFirstOrThrow({ where: { externalId: "demo-1" }, select: { id: true } });
    expect((await get(other.id, run.reports[0].id)).status).toBe(404);
    expect((await get("nope", "nope")).status).toBe(404);
  });
});

describe("spec page queries", () => {
  it("returns a failing spec's results newest first with their runs and signatures", async () => {
    const failing = (await findRunResults(originId))[0];
    const spec = await getTestCase(failing.testCaseId);
    expect(spec?.requirementIds.length).toBeGreaterThan(0);
    // the demo's failing specs have their triage items
    expect(spec?.triageItem).toMatchObject({ status: "new", assignee: null });
    expect(spec?.triageItem?.failureCount).toBeGreaterThan(0);
    const history = await findSpecHistory(failing.testCaseId);
    // 16 runs, one of which failed in setup and ran no spec
    expect(history).toHaveLength(15);
    const times = history.map((h) => h.runStartedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const origin = history.find((h) => h.runId === originId)!;
    expect(origin).toMatchObject({ status: "failed", mode: "parallel" });
    expect(origin.signature).toBeTruthy();
    expect(origin.message).toContain("[FAILED]");
  });
});

describe("spec triage", () => {
  it("returns the spec's triage item with its category and assignee", async () => {
    const failing = (await findRunResults(originId))[1];
    const tc = await db().testCase.findUniqueOrThrow({ where: { id: failing.testCaseId }, select: { projectId: true } });
    const category = await db().triageCategory.findFirstOrThrow({ where: { projectId: tc.projectId, key: "timing" } });
    const user = await db().user.create({ data: { email: `t-${Date.now()}@example.com`, name: "Ada Triager" } });
    const item = await db().triageItem.update({
      where: { testCaseId: failing.testCaseId },
      data: { status: "investigating", categoryId: category.id, assigneeId: user.id, failureCount: 15 },
    });
    expect((await getTestCase(failing.testCaseId))?.triageItem).toEqual({
      id: item.id, status: "investigating", ticketUrl: null, failureCount: 15, category: { label: category.label }, assignee: { name: "Ada Triager" },
    });
  });
});

describe("overview", () => {
  it("counts the specs failing in the latest finished run", async () => {
    const demo = (await findProjectOverviews()).find((p) => p.slug === DEMO_PROJECT)!;
    const latest = await db().run.findFirstOrThrow({ where: { project: { slug: DEMO_PROJECT } }, orderBy: { startedAt: "desc" } });
    expect(demo.latestFinished).toEqual({ id: latest.id, failingSpecs: latest.testsFailed + latest.testsErrored });
  });
});
