// Every real-world JUnit file of the shared corpus (../shared/fixtures/junit,
// never copied into the project) goes through the whole ingest path into a
// real database, and the run's stored counters match expected.tsv.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { parseReport } from "@/lib/ingest/parse-report";
import { createRun } from "@/lib/services/create-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/fixtures/junit");

function rows(tsv: string, prefix = "") {
  return fs
    .readFileSync(tsv, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t"))
    .map(([file, tests, failures, errors, skipped]) => ({ file: prefix + file, tests: +tests, failures: +failures, errors: +errors, skipped: +skipped }));
}

const present = fs.existsSync(path.join(CORPUS, "expected.tsv"));
if (!present && process.env.CI) throw new Error(`JUnit corpus missing at ${CORPUS}`);
if (!present) console.warn(`JUnit corpus not found at ${CORPUS}: corpus ingest test skipped`);

describe.skipIf(!present)("ingesting the shared JUnit corpus", () => {
  const expected = present
    ? [...rows(path.join(CORPUS, "expected.tsv")), ...rows(path.join(CORPUS, "generated/expected.tsv"), "generated/")]
    : [];
  let projectId: string;
  beforeAll(async () => {
    projectId = (await ensureProject("corpus")).project.id;
  });
  afterAll(() => disconnectDb());

  it("covers the corpus", () => expect(expected.length).toBeGreaterThanOrEqual(55));

  it.each(expected)("$file", async (row) => {
    const raw = fs.readFileSync(path.join(CORPUS, row.file));
    const { run } = await createRun(projectId, { project: "corpus", mode: "corpus", externalId: row.file });
    if (row.file.startsWith("malformed/")) {
      // SOURCES.md: these must be rejected; nothing of them may be stored
      await expect(parseReport(raw).then((report) => ingestReport({ runId: run.id, report, raw, filename: "x.xml" }))).rejects.toMatchObject({
        code: expect.stringMatching(/^(malformed_xml|validation_failed)$/),
      });
      expect(await db().report.count({ where: { runId: run.id } })).toBe(0);
      return;
    }
    await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: path.basename(row.file) });
    const stored = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    expect({
      tests: stored.testsTotal,
      failures: stored.testsFailed,
      errors: stored.testsErrored,
      skipped: stored.testsSkipped + stored.testsPending,
    }).toEqual({ tests: row.tests, failures: row.failures, errors: row.errors, skipped: row.skipped });
    expect(await db().testResult.count({ where: { runId: run.id } })).toBe(row.tests);
  });
});
