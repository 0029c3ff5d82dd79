// Issue 12.3: every headline count, read through every page and API that shows
// it, agrees on the same data; "first seen" and "opened" are the time of the run
// that showed the spec or its failure, not of the upload. The data: the Gateway
// demo (every run uploaded today, started 2 to 34 days before), plus a run of it
// uploaded late, started weeks before the demo's first, and a second project
// whose whole history (fail, three passes, fail again) was uploaded late.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as timingRoute from "@/app/api/v1/projects/[project]/timing/route";
import * as resultsRoute from "@/app/api/v1/runs/[id]/results/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { db, disconnectDb } from "@/lib/db";
import { DEMO_PROJECT, loadGatewayDemo } from "@/lib/demo/gateway-demo";
import { GATEWAY_SPECS, SUITE_NAME } from "@/lib/demo/gateway-specs";
import { renderGinkgoJunit } from "@/lib/demo/render-junit";
import { parseReport } from "@/lib/ingest/parse-report";
import { findProjectOverviews } from "@/lib/queries/find-project-overviews";
import { findRequirements, summarizeRequirements } from "@/lib/queries/find-requirements";
import { findRuns } from "@/lib/queries/find-runs";
import { findSpecHistory } from "@/lib/queries/find-spec-history";
import { findTriageItems, triageSummary } from "@/lib/queries/find-triage-items";
import { getProjectTiming } from "@/lib/queries/get-project-timing";
import { getTestCase } from "@/lib/queries/get-test-case";
import { getTriageItem } from "@/lib/queries/get-triage-item";
import { parseRunListQuery } from "@/lib/schemas/run-list-query";
import { createApiToken } from "@/lib/services/create-api-token";
import { createRun } from "@/lib/services/create-run";
import { finishRun } from "@/lib/services/finish-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { recordPhases } from "@/lib/services/record-phases";
import { callRoute } from "@/lib/testing/call-route";
import { type TestDatabase, createTestDatabase } from "@/lib/testing/test-database";

const DEMO_NOW = Date.parse("2026-06-05T12:00:00Z"); // demo runs 2026-05-02 .. 06-03, uploaded today
const LATE_RUN_START = new Date("2026-04-10T08:00:00Z"); // a Gateway run uploaded last, started first
const LATE = "late-history";
const day = (d: Date) => d.toISOString().slice(0, 10);
const failing = (s: string) => s === "failed" || s === "errored";
/** a spec that fails in every demo run: it has an open item from the demo's first run */
const ALWAYS_FAILING = GATEWAY_SPECS.find((s) => s.failure && s.passRate === undefined)!;

const tokens = new Map<string, string>();
let uploadedAt: Date;

async function postRun(slug: string, startedAt: Date, xml: string) {
  const { project } = await ensureProject(slug);
  const { run } = await createRun(project.id, { project: slug, mode: "parallel", startedAt: startedAt.toISOString() });
  const end = new Date(startedAt.getTime() + 60_000);
  await recordPhases(run.id, [{ name: "Phase 1: Kind cluster", startedAt: startedAt.toISOString(), finishedAt: end.toISOString(), status: "passed" }]);
  const raw = new TextEncoder().encode(xml);
  await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "junit.xml" });
  await finishRun(run.id, { finishedAt: new Date(end.getTime() + 5_000).toISOString(), status: "passed" });
  return run.id;
}

const lateXml = (failed: boolean) =>
  `<?xml version="1.0"?><testsuites><testsuite name="Late" tests="1"><testcase name="restores a backup" classname="Late" time="1.5">` +
  (failed ? `<failure message="backup missing" type="failed">late_test.go:12</failure>` : "") +
  `</testcase></testsuite></testsuites>`;

let own: TestDatabase;

beforeAll(async () => {
  // a database of this file's own: the demo loaded here at its own date must not meet another file's demo
  own = await createTestDatabase(process.env.DATABASE_URL!, "runboard_counts");
  process.env.DATABASE_URL = own.url;
  uploadedAt = new Date();
  await loadGatewayDemo(DEMO_NOW);
  const xml = renderGinkgoJunit(SUITE_NAME, [{ spec: ALWAYS_FAILING, status: "failed", ms: 1500, message: "Expected 201, got 500" }]).text;
  await postRun(DEMO_PROJECT, LATE_RUN_START, xml);
  // fails on 10-01, passes three times (resolves itself), fails again on 10-05
  for (const [i, failed] of [true, false, false, false, true].entries()) {
    await postRun(LATE, new Date(Date.parse("2026-10-01T09:00:00Z") + i * 86_400_000), lateXml(failed));
  }
  for (const slug of [DEMO_PROJECT, LATE]) {
    const { project } = await ensureProject(slug);
    tokens.set(slug, (await createApiToken(project.id, "counts test")).token);
  }
});
afterAll(async () => {
  await disconnectDb();
  await own?.drop();
});

async function apiRuns(slug: string) {
  const runs: { id: string; totals: { failed: number; errored: number } }[] = [];
  let cursor: string | null = null;
  do {
    const res: Awaited<ReturnType<typeof callRoute>> = await callRoute(runsRoute.GET, "/api/v1/runs", { token: tokens.get(slug), query: { limit: "7", ...(cursor && { cursor }) } });
    expect(res.status).toBe(200);
    runs.push(...res.data.runs);
    cursor = res.data.nextCursor;
  } while (cursor);
  return runs;
}

async function pageRuns(slug: string) {
  const rows = [];
  let after: string | undefined;
  do {
    const page = await findRuns(parseRunListQuery({ project: slug, ...(after && { after }) }), 7);
    rows.push(...page.rows);
    after = page.next ?? undefined;
  } while (after);
  return rows;
}

/** Every spec page of the project: its header, history and triage panel. */
async function specPages(projectSlug: string) {
  const specs = await db().testCase.findMany({ where: { project: { slug: projectSlug } }, select: { id: true } });
  return Promise.all(specs.map(async (s) => ({ spec: (await getTestCase(s.id))!, history: await findSpecHistory(s.id) })));
}

describe.each([DEMO_PROJECT, LATE])("headline counts of %s agree on every page and API", (slug) => {
  it("runs: overview, runs page, runs API and timing page/API", async () => {
    const overview = (await findProjectOverviews()).find((p) => p.slug === slug)!;
    const pageRows = await pageRuns(slug);
    const api = await apiRuns(slug);
    const timing = await getProjectTiming(slug, {});
    const timingApi = await callRoute(timingRoute.GET, `/api/v1/projects/${slug}/timing`, { token: tokens.get(slug), params: { project: slug } });
    const expected = slug === DEMO_PROJECT ? 17 : 5; // the demo's 16 and the late one
    // every run here has finished, so "runs" (overview, lists) and "finished runs" (timing) are the same set; the timing
    // page draws the compared runs and counts, with a label each, the ones it left out (here the late run: an outlier)
    type Report = typeof timing.report;
    const onTiming = (r: Report) => r.points.length + r.comparability.leftOut.outliers + r.comparability.leftOut.tryOut +
      r.comparability.leftOut.excludedByLead + r.comparability.leftOut.otherPopulations.reduce((n, p) => n + p.runs, 0);
    expect({ overview: overview.runCount, page: pageRows.length, api: api.length, timing: onTiming(timing.report), timingApi: onTiming(timingApi.data.report as Report) })
      .toEqual({ overview: expected, page: expected, api: expected, timing: expected, timingApi: expected });
  });

  it("open triage items: overview, triage page, requirements page, spec pages", async () => {
    const overview = (await findProjectOverviews()).find((p) => p.slug === slug)!;
    const summary = await triageSummary({ project: slug });
    const { rows } = await findTriageItems({ project: slug });
    const head = summarizeRequirements(await findRequirements({ project: slug }));
    const specs = await specPages(slug);
    const openOnSpecPages = specs.filter((s) => ["new", "investigating", "fix_in_progress"].includes(s.spec.triageItem?.status ?? "")).length;
    const expected = slug === DEMO_PROJECT ? 16 : 1;
    expect({ overview: overview.openTriageItems, triage: summary.total, triageRows: rows.length, specPages: openOnSpecPages })
      .toEqual({ overview: expected, triage: expected, triageRows: expected, specPages: expected });
    // the requirements page counts the open items of specs that name a requirement, each once;
    // the item-requirement pairs are a separate, labelled figure
    expect(head.openItems).toBe(rows.filter((r) => r.requirementIds.length > 0).length);
    if (slug === DEMO_PROJECT) expect({ openItems: head.openItems, openLinks: head.openLinks }).toEqual({ openItems: 16, openLinks: 22 });
  });

  it("failing specs of the latest finished run: overview, runs page, runs API, results API, spec pages", async () => {
    const overview = (await findProjectOverviews()).find((p) => p.slug === slug)!;
    const latestId = overview.latestFinished!.id;
    const [pageLatest] = await pageRuns(slug);
    const [apiLatest] = await apiRuns(slug);
    const results = async (status: string) =>
      (await callRoute(resultsRoute.GET, `/api/v1/runs/${latestId}/results`, { token: tokens.get(slug), params: { id: latestId }, query: { status, limit: "1000" } })).data.results.length;
    const specs = await specPages(slug);
    const onSpecPages = specs.filter((s) => s.history.some((h) => h.runId === latestId && failing(h.status))).length;
    expect(pageLatest.id).toBe(latestId);
    expect(apiLatest.id).toBe(latestId);
    const n = overview.latestFinished!.failingSpecs;
    expect(n).toBeGreaterThan(0);
    expect({
      runsPage: pageLatest.testsFailed + pageLatest.testsErrored, runsApi: apiLatest.totals.failed + apiLatest.totals.errored,
      resultsApi: (await results("failed")) + (await results("errored")), specPages: onSpecPages,
    }).toEqual({ runsPage: n, runsApi: n, resultsApi: n, specPages: n });
  });

  it("a spec's failures: spec page, triage list, triage item page", async () => {
    const { rows } = await findTriageItems({ project: slug, status: "all" });
    for (const row of rows) {
      const history = await findSpecHistory(row.testCaseId);
      const item = (await getTriageItem(row.id))!;
      const onSpecPage = history.filter((h) => failing(h.status)).length;
      expect({ spec: onSpecPage, list: row.failureCount, item: item.item.failureCount, itemRuns: item.failures.length })
        .toEqual({ spec: onSpecPage, list: onSpecPage, item: onSpecPage, itemRuns: onSpecPage });
    }
  });
});

it("the runs API answers a cursor it did not issue with 422, and one of the runs page's other orders too", async () => {
  const token = tokens.get(DEMO_PROJECT);
  for (const cursor of ["not-a-cursor", Buffer.from(JSON.stringify({ s: "duration", d: "asc", v: 5, i: "00000000-0000-0000-0000-000000000000" })).toString("base64url")]) {
    const res = await callRoute(runsRoute.GET, "/api/v1/runs", { token, query: { cursor } });
    expect(res.status).toBe(422);
    expect(res.data.error.details).toEqual([{ path: "cursor", message: "not a cursor this API returned" }]);
  }
});

describe("first seen and opened are the run's time, not the upload's", () => {
  it("a spec's first seen is its earliest run, also when that run was uploaded last", async () => {
    for (const { spec, history } of await specPages(DEMO_PROJECT)) {
      const earliest = history.at(-1)!.runStartedAt;
      expect(day(spec.firstSeenAt)).toBe(day(earliest));
      expect(day(spec.firstSeenAt)).not.toBe(day(uploadedAt));
    }
    const late = (await specPages(DEMO_PROJECT)).find((s) => s.spec.name.includes(ALWAYS_FAILING.text))!;
    expect(day(late.spec.firstSeenAt)).toBe("2026-04-10");
  });

  it("an item's first failure and its \"opened\" entry move back to a run uploaded late", async () => {
    const { rows } = await findTriageItems({ project: DEMO_PROJECT });
    const row = rows.find((r) => r.specName.includes(ALWAYS_FAILING.text))!;
    expect(day(row.firstSeenAt)).toBe("2026-04-10");
    const { item } = (await getTriageItem(row.id))!;
    const opened = item.events.find((e) => e.kind === "created")!;
    expect(day(opened.at)).toBe("2026-04-10");
    expect(day(opened.createdAt)).toBe(day(uploadedAt)); // the upload time is kept
    // every other demo item opened on the demo's first run, five weeks before the upload
    for (const r of rows.filter((x) => x.id !== row.id)) {
      const events = (await getTriageItem(r.id))!.item.events;
      expect(day(events.find((e) => e.kind === "created")!.at)).toBe(day(r.firstSeenAt));
    }
  });

  it("a history uploaded late dates opened, resolved and reopened entries by their runs", async () => {
    const { rows } = await findTriageItems({ project: LATE });
    const { item } = (await getTriageItem(rows[0].id))!;
    expect(day(item.firstSeenAt)).toBe("2026-10-01");
    expect(item.events.map((e) => [e.kind, day(e.at)])).toEqual([
      ["created", "2026-10-01"],
      ["auto_resolved", "2026-10-04"],
      ["reopened", "2026-10-05"],
    ]);
    const spec = (await getTestCase(item.testCaseId))!;
    expect(day(spec.firstSeenAt)).toBe("2026-10-01");
  });
});
