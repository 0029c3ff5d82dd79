// A CI upload that names no start time (the README's `runboard upload`) but
// carries testsuite timestamps: the spec's "first seen", the item's "first
// failed" and its "opened" entry are dated by the run the report describes,
// not by the upload.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import { disconnectDb } from "@/lib/db";
import { findTriageItems } from "@/lib/queries/find-triage-items";
import { getTestCase } from "@/lib/queries/get-test-case";
import { getTriageItem } from "@/lib/queries/get-triage-item";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

const slug = "run-time-dates";
const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

beforeAll(async () => {
  const token = (await createApiToken((await ensureProject(slug)).project.id, "ci")).token;
  const form = new FormData();
  form.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId: "backfill-1" })); // no startedAt, no finishedAt
  form.append(
    "junit",
    new Blob([`<testsuite name="G" timestamp="2026-09-14T08:00:00" time="30"><testcase classname="G" name="breaks" time="3"><failure message="Expected 500 to equal 400">x</failure></testcase></testsuite>`], { type: "application/xml" }),
    "junit.xml",
  );
  const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form });
  expect(r.status, r.text).toBe(201);
});
afterAll(() => disconnectDb());

describe("dates of a run that names no start time", () => {
  it("come from the report's testsuite timestamp", async () => {
    const { rows } = await findTriageItems({ project: slug });
    expect(rows).toHaveLength(1);
    expect(day(rows[0].firstSeenAt)).toBe("2026-09-14");
    const { item } = (await getTriageItem(rows[0].id))!;
    expect(day(item.events.find((e) => e.kind === "created")!.at)).toBe("2026-09-14");
    expect(day((await getTestCase(item.testCaseId))!.firstSeenAt)).toBe("2026-09-14");
  });
});
