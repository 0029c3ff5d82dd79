// Rows stored while the report is parsed (result-writer.ts): the same rows in
// the same order as parsing first, and nothing at all when the file turns out
// bad after rows were already sent to PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, pool } from "@/lib/db";
import { STREAM_SLICE } from "@/lib/ingest/junit/parse-junit";
import { parseReport } from "@/lib/ingest/parse-report";
import { ingestReportFiles } from "@/lib/services/attach-reports";
import { createRun } from "@/lib/services/create-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { ResultWriter } from "@/lib/services/result-writer";
import { forgetSpecIds } from "@/lib/services/spec-identity-cache";

let projectId: string;
const slug = `stream-${Date.now().toString(36)}`;
const enc = (s: string) => new TextEncoder().encode(s);

/** n testcases, every 7th failing, big enough to span several parser slices */
function suite(n: number, opts: { prefix?: string; name?: (i: number) => string } = {}): string {
  const name = opts.name ?? ((i: number) => `${opts.prefix ?? "spec"} ${i}`);
  const cases = Array.from({ length: n }, (_, i) => {
    const head = `<testcase name="${name(i)}" classname="pkg.Class${i % 13}" time="0.${(i % 9) + 1}"`;
    return i % 7 === 3
      ? `${head}><failure message="expected ${i % 3} got 9">at pkg.Class.method(Class.java:${i})\n${"  at frame\n".repeat(8)}</failure></testcase>`
      : `${head}/>`;
  });
  return `<?xml version="1.0"?><testsuites><testsuite name="Streaming">${cases.join("\n")}</testsuite></testsuites>`;
}

async function storedRows(runId: string) {
  const { rows } = await pool().query(
    `SELECT tc.name, r.status, r."durationMs", r.message, r.details, r."signatureId" IS NOT NULL AS sig
       FROM test_results r JOIN test_cases tc ON tc.id = r."testCaseId" WHERE r."runId" = $1 ORDER BY r.id`,
    [runId],
  );
  return rows;
}

async function counts(runId: string) {
  const { rows } = await pool().query(
    `SELECT (SELECT count(*)::int FROM test_results WHERE "runId" = $1) AS results,
            (SELECT count(*)::int FROM reports WHERE "runId" = $1) AS reports,
            (SELECT "testsTotal" FROM runs WHERE id = $1) AS total`,
    [runId],
  );
  return rows[0];
}

beforeAll(async () => {
  projectId = (await ensureProject(slug)).project.id;
});
afterAll(async () => {
  await disconnectDb();
});

describe("ingest while parsing", () => {
  it("stores the same rows, in report order, as parsing first (new specs among known ones)", async () => {
    const first = suite(4000);
    expect(first.length).toBeGreaterThan(2 * STREAM_SLICE);
    const a = (await createRun(projectId, { project: slug, mode: "stream" })).run;
    await ingestReportFiles(a.id, [{ filename: "a.xml", bytes: enc(first) }], {});

    // half known specs, new ones interleaved: rows held back for the new specs keep their place
    const mixedName = (i: number) => (i % 2 ? `new ${i}` : `spec ${i}`);
    const mixed = suite(4000, { name: mixedName });
    expect(mixed.length).toBeGreaterThan(2 * STREAM_SLICE);
    const b = (await createRun(projectId, { project: slug, mode: "stream" })).run;
    const [out] = await ingestReportFiles(b.id, [{ filename: "b.xml", bytes: enc(mixed) }], {});
    expect(out.totals.tests).toBe(4000);
    const c = (await createRun(projectId, { project: slug, mode: "stream" })).run;
    forgetSpecIds();
    await ingestReport({ runId: c.id, report: await parseReport(enc(mixed)), raw: enc(mixed), filename: "c.xml" });

    const streamed = await storedRows(b.id);
    expect(streamed).toHaveLength(4000);
    expect(streamed.map((r) => r.name)).toEqual(Array.from({ length: 4000 }, (_, i) => mixedName(i)));
    expect(streamed).toEqual(await storedRows(c.id));
    expect(streamed.filter((r) => r.status === "failed").every((r) => r.sig)).toBe(true);
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM test_cases WHERE "projectId" = $1`, [projectId]);
    expect(rows[0].n).toBe(6000);
  });

  it("stores nothing when the file proves malformed after rows were sent", async () => {
    const run = (await createRun(projectId, { project: slug, mode: "stream" })).run;
    const body = suite(3000, { prefix: "doomed" });
    const truncated = body.slice(0, body.length - 40) + "<oops></testsuites>";
    await expect(ingestReportFiles(run.id, [{ filename: "t.xml", bytes: enc(truncated) }], {})).rejects.toMatchObject({
      code: "malformed_xml",
    });
    expect(await counts(run.id)).toEqual({ results: 0, reports: 0, total: 0 });
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM test_cases WHERE "projectId" = $1 AND name LIKE 'doomed%'`, [projectId]);
    expect(rows[0].n).toBe(0);
    // the connection went back to the pool in a usable state
    const ok = await ingestReportFiles(run.id, [{ filename: "ok.xml", bytes: enc(suite(10)) }], {});
    expect(ok[0].totals.tests).toBe(10);
  });

  it("stores nothing from any file when a later file is bad, naming it", async () => {
    const run = (await createRun(projectId, { project: slug, mode: "stream" })).run;
    const files = [
      { filename: "good.xml", bytes: enc(suite(2000, { prefix: "shard" })) },
      { filename: "bad.xml", bytes: enc(suite(2000, { prefix: "other" }).replace("</testsuites>", "")) },
    ];
    await expect(ingestReportFiles(run.id, files, {})).rejects.toMatchObject({ code: "malformed_xml", message: expect.stringContaining("bad.xml") });
    expect(await counts(run.id)).toEqual({ results: 0, reports: 0, total: 0 });
  });

  it("rewrites container-structure-test times (nanoseconds, known only at the end) once the report is complete", async () => {
    const n = 2500;
    const cases = Array.from({ length: n }, (_, i) => `<testcase name="Command Test: check ${i}" time="1500000000"></testcase>`).join("\n");
    const xml = `<?xml version="1.0"?><testsuites failures="0" tests="${n}" time="3750000000000"><testsuite>${cases}</testsuite></testsuites>`;
    expect(xml.length).toBeGreaterThan(STREAM_SLICE);
    const run = (await createRun(projectId, { project: slug, mode: "stream" })).run;
    const [out] = await ingestReportFiles(run.id, [{ filename: "cst.xml", bytes: enc(xml) }], {});
    expect(out.dialect).toBe("container-structure-test");
    const rows = await storedRows(run.id);
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.durationMs))).toEqual(new Set([1500]));
  });

  it("answers a re-sent file as a duplicate without storing it again", async () => {
    const run = (await createRun(projectId, { project: slug, mode: "stream" })).run;
    const bytes = enc(suite(1200, { prefix: "dup" }));
    const [a] = await ingestReportFiles(run.id, [{ filename: "d.xml", bytes }], {});
    const [b] = await ingestReportFiles(run.id, [{ filename: "d.xml", bytes }], {});
    expect(a.duplicate).toBe(false);
    expect(b).toMatchObject({ duplicate: true, reportId: a.reportId, cases: 1200 });
    expect(await counts(run.id)).toEqual({ results: 1200, reports: 1, total: 1200 });
  });

  it("gives up cleanly when PostgreSQL rejects a row mid-stream, and when Node cannot encode one", async () => {
    const run = (await createRun(projectId, { project: slug, mode: "stream" })).run;
    const report = await parseReport(enc(suite(50, { prefix: "writer" })));
    const cases = report.cases;
    for (const bad of [{ ...cases[0], status: "exploded" as never }, { ...cases[0], durationMs: 2 ** 32 }]) {
      const client = await pool().connect();
      try {
        await client.query("BEGIN");
        const writer = new ResultWriter(client, { runId: run.id, projectId, reportId: run.id, runStartedAt: new Date(), pattern: undefined });
        const attempt = async () => {
          await writer.add(cases.slice(0, 10));
          await writer.add([bad]);
          for (let i = 0; i < 50; i++) await writer.add(cases.slice(10, 20));
          await writer.finish();
        };
        await expect(attempt()).rejects.toThrow();
        await writer.abort();
        await client.query("ROLLBACK");
        expect((await client.query("SELECT 1 AS ok")).rows[0].ok).toBe(1);
      } finally {
        client.release();
      }
    }
    expect(await counts(run.id)).toEqual({ results: 0, reports: 0, total: 0 });
  });
});
