// Triage items follow the results: opened on the first failure (one per spec,
// with a suggested category and its reason), counted on later failures,
// resolved after N passing runs in a row and reopened by the next failure.
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { parseReport } from "@/lib/ingest/parse-report";
import { createRun } from "@/lib/services/create-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";

afterAll(() => disconnectDb());

type Outcome = "pass" | "fail" | "timeout";
let seq = 0;

function junit(specs: Record<string, Outcome>) {
  const cases = Object.entries(specs).map(([name, o]) => {
    const body = o === "pass" ? "" : o === "fail"
      ? `<failure message="Expected &lt;int&gt;: 500 to equal &lt;int&gt;: 201" type="failed">gateway_test.go:88</failure>`
      : `<failure message="Timed out after 30.001s. Expected deduplication status to be updated" type="failed">gateway_test.go:120</failure>`;
    return `<testcase name="${name}" classname="Gateway E2E" time="1.5">${body}</testcase>`;
  });
  return new TextEncoder().encode(`<?xml version="1.0"?><testsuites><testsuite name="Gateway E2E" tests="${cases.length}">${cases.join("")}</testsuite></testsuites>`);
}

async function runWith(projectSlug: string, specs: Record<string, Outcome>) {
  const { project } = await ensureProject(projectSlug);
  const startedAt = new Date(Date.parse("2026-03-01T10:00:00Z") + ++seq * 3_600_000).toISOString();
  const { run } = await createRun(project.id, { project: projectSlug, mode: "parallel", startedAt });
  const raw = junit(specs);
  await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "junit.xml" });
  return run.id;
}

// this file's projects are all "triage-*": other files in the same database use the same spec names
const item = (name: string) =>
  db().triageItem.findFirstOrThrow({
    where: { testCase: { name, project: { slug: { startsWith: "triage-" } } } },
    include: { events: { orderBy: { createdAt: "asc" } }, suggestedCategory: true },
  });

describe("triage automation", () => {
  it("opens one item per failing spec with a suggested category and its reason", async () => {
    await runWith("triage-a", { "[It] rejects bad input BR-GATEWAY-024": "fail", "[It] dedups BR-GATEWAY-018": "timeout", "[It] ok": "pass" });
    await runWith("triage-a", { "[It] rejects bad input BR-GATEWAY-024": "fail", "[It] dedups BR-GATEWAY-018": "timeout", "[It] ok": "pass" });
    expect(await db().triageItem.count({ where: { project: { slug: "triage-a" } } })).toBe(2);
    const bad = await item("[It] rejects bad input BR-GATEWAY-024");
    expect(bad.status).toBe("new");
    expect(bad.failureCount).toBe(2);
    expect(bad.suggestedCategory?.key).toBe("expectation");
    expect(bad.suggestionReason).toMatch(/500/);
    const dedup = await item("[It] dedups BR-GATEWAY-018");
    expect(dedup.suggestedCategory?.key).toBe("timing");
    expect(dedup.events.map((e) => e.kind)).toEqual(["created"]);
    expect(await db().triageCategory.count({ where: { project: { slug: "triage-a" } } })).toBe(7);
  });

  it("resolves after the project's passing streak and reopens on the next failure as a regression", async () => {
    const { project } = await ensureProject("triage-b");
    await db().project.update({ where: { id: project.id }, data: { autoResolveAfter: 2 } });
    await runWith("triage-b", { "[It] flaps BR-HTTP-015": "fail" });
    await runWith("triage-b", { "[It] flaps BR-HTTP-015": "pass" });
    expect((await item("[It] flaps BR-HTTP-015")).status).toBe("new");
    expect((await item("[It] flaps BR-HTTP-015")).consecutivePasses).toBe(1);
    await runWith("triage-b", { "[It] flaps BR-HTTP-015": "pass" });
    const resolved = await item("[It] flaps BR-HTTP-015");
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolvedAt).not.toBeNull();
    const failedAgain = await runWith("triage-b", { "[It] flaps BR-HTTP-015": "fail" });
    const reopened = await item("[It] flaps BR-HTTP-015");
    expect(reopened.status).toBe("new");
    expect(reopened.failureCount).toBe(2);
    expect(reopened.consecutivePasses).toBe(0);
    expect(reopened.events.map((e) => [e.kind, e.actorId, e.fromValue, e.toValue])).toEqual([
      ["created", null, null, "new"],
      ["auto_resolved", null, "new", "resolved"],
      ["reopened", null, "resolved", "new"],
    ]);
    expect(reopened.events[2].runId).toBe(failedAgain);
  });

  it("a failure breaks the streak, and a muted spec's failure does not turn the run red", async () => {
    const { project } = await ensureProject("triage-c");
    await db().project.update({ where: { id: project.id }, data: { autoResolveAfter: 2 } });
    await runWith("triage-c", { "[It] noisy": "fail", "[It] fine": "pass" });
    await runWith("triage-c", { "[It] noisy": "pass", "[It] fine": "pass" });
    await runWith("triage-c", { "[It] noisy": "fail", "[It] fine": "pass" });
    await runWith("triage-c", { "[It] noisy": "pass", "[It] fine": "pass" });
    expect((await item("[It] noisy")).status).toBe("new"); // never two passes in a row
    await db().triageItem.update({ where: { id: (await item("[It] noisy")).id }, data: { status: "muted" } });
    const runId = await runWith("triage-c", { "[It] noisy": "fail", "[It] fine": "pass" });
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.testsFailed).toBe(1);
    expect(run.testsMuted).toBe(1);
    expect((await item("[It] noisy")).status).toBe("muted");
    // the run is still running (not finished), but nothing red counts against it
    const { finishRun } = await import("@/lib/services/finish-run");
    await finishRun(runId, { finishedAt: new Date(run.startedAt.getTime() + 60_000).toISOString() });
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("passed");
  });
});
