// /triage shows its first items and grows by "show more", while its counts and
// charts stay those of every matching item (decision 0023).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import { disconnectDb } from "@/lib/db";
import { TRIAGE_LIMIT, TRIAGE_STEP, findTriageItems, triageShown, triageSummary } from "@/lib/queries/find-triage-items";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

const slug = "triage-paging";
const FAILING = 7;

beforeAll(async () => {
  const token = (await createApiToken((await ensureProject(slug)).project.id, "ci")).token;
  const cases = Array.from({ length: FAILING }, (_, i) => `<testcase classname="T" name="breaks ${i}" time="1"><failure message="boom ${i % 2}">x</failure></testcase>`).join("");
  const f = new FormData();
  f.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId: "paging-1", startedAt: "2026-11-02T08:00:00Z" }));
  f.append("junit", new Blob([`<testsuite name="T">${cases}<testcase classname="T" name="works" time="1"/></testsuite>`], { type: "application/xml" }), "junit.xml");
  const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: f });
  expect(r.status, r.text).toBe(201);
});
afterAll(() => disconnectDb());

describe("the triage table's rows and the page's counts", () => {
  it("a page of items is cut at its size and says so; the counts still cover every item", async () => {
    const page = await findTriageItems({ project: slug }, null, 3);
    expect(page.rows).toHaveLength(3);
    expect(page.truncated).toBe(true);
    const all = await findTriageItems({ project: slug });
    expect(all.rows).toHaveLength(FAILING);
    expect(all.truncated).toBe(false);
    expect(all.rows.slice(0, 3).map((r) => r.id)).toEqual(page.rows.map((r) => r.id)); // the same order, the first ones
    const summary = await triageSummary({ project: slug });
    expect(summary.total).toBe(FAILING);
    expect(summary.byStatus).toEqual([{ status: "new", count: FAILING }]);
    expect(summary.byAssignee.reduce((n, a) => n + a.count, 0)).toBe(FAILING);
    expect(summary.byCategory.reduce((n, c) => n + c.count, 0)).toBe(FAILING);
  });

  it("?shown= is rounded up to whole steps, never beyond the limit", () => {
    expect(triageShown(undefined)).toBe(TRIAGE_STEP);
    expect(triageShown(TRIAGE_STEP + 1)).toBe(2 * TRIAGE_STEP);
    expect(triageShown(10 ** 9)).toBe(TRIAGE_LIMIT);
  });
});
