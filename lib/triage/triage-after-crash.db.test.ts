// Triage runs in its own transaction after the results committed (decision 24).
// A web process that dies between the two commits leaves a stored report
// without triage items: the worker's sweep, or a retry of the same upload,
// triages it, once. The crash is simulated by holding the project's triage
// lock, waiting until the upload's triage transaction waits for it (the
// results have committed by then), and terminating that backend.
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb, pool } from "@/lib/db";
import { parseReport } from "@/lib/ingest/parse-report";
import { createRun } from "@/lib/services/create-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { sweepUntriagedReports } from "@/lib/triage/sweep-worker";

afterAll(() => disconnectDb());

const raw = new TextEncoder().encode(
  `<?xml version="1.0"?><testsuites><testsuite name="Crash" tests="2">` +
    `<testcase name="[It] survives a crash" classname="Crash" time="1"><failure message="Expected 500 to equal 201" type="failed">crash_test.go:12</failure></testcase>` +
    `<testcase name="[It] passes" classname="Crash" time="1"/></testsuite></testsuites>`,
);

/** An upload whose process "dies" once its results committed, before its triage did. */
async function uploadCutBeforeTriage(slug: string) {
  const { project } = await ensureProject(slug);
  const { run } = await createRun(project.id, { project: slug, mode: "parallel", startedAt: "2026-04-01T10:00:00Z" });
  const holder = await pool().connect();
  try {
    const holderPid = (await holder.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
    await holder.query("BEGIN");
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('runboard:triage:' || $1::text))`, [project.id]);
    const upload = ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "junit.xml" });
    upload.catch(() => {});
    let victim: number | undefined;
    for (let i = 0; i < 200 && !victim; i++) {
      // not on the holder: inside its transaction pg_stat_activity would be one cached snapshot
      const { rows } = await pool().query(
        `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND query LIKE '%pg_advisory_xact_lock%' AND pid <> $1`,
        [holderPid],
      );
      victim = rows[0]?.pid;
      if (!victim) await new Promise((r) => setTimeout(r, 25));
    }
    expect(victim, "the upload's triage transaction waits for the project's lock").toBeDefined();
    await holder.query(`SELECT pg_terminate_backend($1)`, [victim]);
    await expect(upload).rejects.toThrow();
  } finally {
    await holder.query("ROLLBACK").catch(() => {});
    holder.release();
  }
  return { projectId: project.id, runId: run.id };
}

const itemsOf = (projectId: string) => db().triageItem.findMany({ where: { projectId }, include: { testCase: true } });

describe("triage after the results' commit", () => {
  it("a report left untriaged by a crash between the two commits is triaged by the sweep, once", async () => {
    const { projectId, runId } = await uploadCutBeforeTriage("triage-crash-sweep");
    // the results are stored and counted; the failing spec has no item yet
    expect(await db().testResult.count({ where: { runId } })).toBe(2);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).testsFailed).toBe(1);
    expect(await itemsOf(projectId)).toEqual([]);
    expect((await db().report.findFirstOrThrow({ where: { runId } })).triagedAt).toBeNull();

    // reports younger than the grace period are left to their request
    expect(await sweepUntriagedReports(3600)).toBe(0);
    expect(await itemsOf(projectId)).toEqual([]);

    expect(await sweepUntriagedReports(0)).toBeGreaterThanOrEqual(1);
    const items = await itemsOf(projectId);
    expect(items.map((i) => [i.testCase.name, i.status, i.failureCount])).toEqual([["[It] survives a crash", "new", 1]]);
    expect((await db().report.findFirstOrThrow({ where: { runId } })).triagedAt).not.toBeNull();

    // a second sweep (or a second worker) does not count the failure again
    await sweepUntriagedReports(0);
    expect((await itemsOf(projectId)).map((i) => i.failureCount)).toEqual([1]);
  });

  it("a retry of the same upload after such a crash triages it and stores nothing twice", async () => {
    const { projectId, runId } = await uploadCutBeforeTriage("triage-crash-retry");
    expect(await itemsOf(projectId)).toEqual([]);
    const again = await ingestReport({ runId, report: await parseReport(raw), raw, filename: "junit.xml" });
    expect(again.duplicate).toBe(true);
    expect(await db().testResult.count({ where: { runId } })).toBe(2);
    const items = await itemsOf(projectId);
    expect(items.map((i) => [i.testCase.name, i.failureCount])).toEqual([["[It] survives a crash", 1]]);
    expect((await db().report.findFirstOrThrow({ where: { runId } })).triagedAt).not.toBeNull();
    await sweepUntriagedReports(0);
    expect((await itemsOf(projectId)).map((i) => i.failureCount)).toEqual([1]);
  });

  it("a report stored by the previous version (triaged in its upload's transaction) is not triaged again by the sweep", async () => {
    const { project } = await ensureProject("triage-crash-upgrade");
    const { run } = await createRun(project.id, { project: "triage-crash-upgrade", mode: "parallel", startedAt: "2026-04-02T10:00:00Z" });
    // the old ingest's insert names no "triagedAt"
    const { rows } = await pool().query(
      `INSERT INTO reports (id, "runId", filename, format, dialect, "contentHash", "sizeBytes", "contentGzip", "caseCount")
       VALUES (gen_random_uuid(), $1, 'old.xml', 'junit', 'generic', 'old-version', 1, '\\x00', 0) RETURNING "triagedAt"`,
      [run.id],
    );
    expect(rows[0].triagedAt).not.toBeNull();
    await sweepUntriagedReports(0);
    expect(await itemsOf(project.id)).toEqual([]);
  });
});
