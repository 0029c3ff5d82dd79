// The requirement grid reads the per-run summaries the ingest writes
// (run_requirement_outcomes), never test_results. These tests ingest through
// the real ingest service and compare the page's grid with one computed from
// the stored results, case by case: two reports in one run, a spec without a
// requirement, a deleted run, results removed by retention, and the
// migration's backfill of runs stored before the summaries existed.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GridCell, type GridRun, type GridSpec, buildRequirementGrid } from "@/lib/analysis/requirement-grid";
import { disconnectDb, pool } from "@/lib/db";
import { parseReport } from "@/lib/ingest/parse-report";
import { getRequirementGrid, gridQuerySchema } from "@/lib/queries/get-requirement-grid";
import { createRun } from "@/lib/services/create-run";
import { deleteRun } from "@/lib/services/delete-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { LARGE_RUN, refreshRequirementOutcomes } from "@/lib/services/refresh-requirement-outcomes";
import { withTransaction } from "@/lib/services/sql";

const slug = `grid-${Date.now().toString(36)}`;
let projectId: string;
const q = gridQuerySchema.parse({ runs: "10" });

type Status = "passed" | "failed" | "skipped";
/** A JUnit report of named specs with their results. */
function junit(cases: [name: string, status: Status][]) {
  const body = cases.map(([name, s]) =>
    `<testcase classname="Gateway" name="${name}" time="1">${s === "failed" ? `<failure message="boom">boom</failure>` : s === "skipped" ? "<skipped/>" : ""}</testcase>`).join("");
  return `<testsuites><testsuite name="Gateway" tests="${cases.length}">${body}</testsuite></testsuites>`;
}

async function ingest(runId: string, xml: string, filename: string) {
  const raw = new TextEncoder().encode(xml);
  await ingestReport({ runId, report: await parseReport(raw), raw, filename });
}

async function run(externalId: string, startedAt: string, ...reports: string[]) {
  const { run } = await createRun(projectId, { project: slug, mode: "parallel", externalId, startedAt });
  for (const [i, xml] of reports.entries()) await ingest(run.id, xml, `report-${i}.xml`);
  return run.id;
}

/** The grid as the page shows it. */
async function pageGrid() {
  return (await getRequirementGrid(slug, q))!.grid;
}

/** The same grid computed from the stored results (what the page aggregated before the summaries). */
async function gridFromResults(runs: GridRun[]) {
  const { rows } = await pool().query<{ id: string; name: string; requirementIds: string[]; runId: string; worst: number }>(
    `SELECT tc.id, tc.name, tc."requirementIds", t."runId",
            min(CASE t.status WHEN 'failed' THEN 0 WHEN 'errored' THEN 0 WHEN 'skipped' THEN 1 WHEN 'pending' THEN 1 ELSE 2 END) AS worst
       FROM test_results t JOIN test_cases tc ON tc.id = t."testCaseId"
      WHERE t."runId" = ANY($1::uuid[]) AND tc."requirementIds" <> '{}'
      GROUP BY 1, 2, 3, 4`,
    [runs.map((r) => r.id)],
  );
  const specs = new Map<string, GridSpec>();
  for (const r of rows) {
    const s = specs.get(r.id) ?? { id: r.id, name: r.name, requirementIds: r.requirementIds, results: {} };
    s.results[r.runId] = (["failed", "skipped", "passed"] as const)[r.worst];
    specs.set(r.id, s);
  }
  return buildRequirementGrid(runs, [...specs.values()]);
}

/** requirement id -> its cells, newest run first */
const cellsOf = (grid: Awaited<ReturnType<typeof pageGrid>>) =>
  Object.fromEntries(grid.groups.flatMap((g) => g.requirements.map((r) => [r.id, r.cells])));
const specCells = (grid: Awaited<ReturnType<typeof pageGrid>>, requirement: string) =>
  Object.fromEntries(grid.groups.flatMap((g) => g.requirements).find((r) => r.id === requirement)!.specs.map((s) => [s.name, s.cells]));

let firstRun: string, secondRun: string;

beforeAll(async () => {
  projectId = (await ensureProject(slug)).project.id;
  // first run, two reports: "routes" fails in the first report and passes in the second (the run's worst: failed);
  // "auth" is only in the first report, "healthz" names no requirement and fails
  firstRun = await run("first", "2026-03-02T10:00:00Z",
    junit([["routes a request BR-GATEWAY-001", "failed"], ["checks auth BR-GATEWAY-002", "skipped"], ["healthz answers", "failed"]]),
    junit([["routes a request BR-GATEWAY-001", "passed"], ["routes a retry BR-GATEWAY-001", "passed"]]));
  secondRun = await run("second", "2026-03-03T10:00:00Z",
    junit([["routes a request BR-GATEWAY-001", "passed"], ["checks auth BR-GATEWAY-002", "passed"], ["healthz answers", "failed"]]));
});
afterAll(() => disconnectDb());

describe("requirement grid from the run summaries", () => {
  it("shows each requirement's worst result per run over all of the run's reports", async () => {
    const grid = await pageGrid();
    expect(grid.runs.map((r) => r.id)).toEqual([secondRun, firstRun]);
    expect(cellsOf(grid)).toEqual({ "BR-GATEWAY-001": ["passed", "failed"], "BR-GATEWAY-002": ["passed", "skipped"] });
    // expanded: the spec that failed in the first report and passed in the second is failed for that run
    expect(specCells(grid, "BR-GATEWAY-001")).toEqual({
      "routes a request BR-GATEWAY-001": ["passed", "failed"],
      "routes a retry BR-GATEWAY-001": ["not_run", "passed"],
    });
    // the spec without a requirement ID is nowhere in the grid
    expect(grid.groups.flatMap((g) => g.requirements.flatMap((r) => r.specs.map((s) => s.name)))).not.toContain("healthz answers");
    expect(grid.requirementCount).toBe(2);
    expect(grid).toEqual(await gridFromResults(grid.runs));
  });

  it("stores one compact row per run, written by the ingest", async () => {
    const { rows } = await pool().query(
      `SELECT "runId", cardinality("testCaseIds") AS n, outcomes FROM run_requirement_outcomes WHERE "projectId" = $1 ORDER BY "runId"`, [projectId]);
    expect(rows).toEqual([
      { runId: firstRun, n: 3, outcomes: expect.stringMatching(/^[fsp]{3}$/) },
      { runId: secondRun, n: 2, outcomes: "pp" },
    ]);
    expect([...rows[0].outcomes].sort().join("")).toBe("fps"); // routes: failed, retry: passed, auth: skipped
  });

  it("keeps showing a run's outcomes after retention removed its results", async () => {
    const before = await pageGrid();
    // what retention does to an expired run (lib/retention/enforce-retention.ts): its results go, the run stays
    await pool().query(`DELETE FROM test_results WHERE "projectId" = $1 AND "runId" = $2`, [projectId, firstRun]);
    const after = await pageGrid();
    expect(cellsOf(after)).toEqual({ "BR-GATEWAY-001": ["passed", "failed"], "BR-GATEWAY-002": ["passed", "skipped"] });
    expect(after).toEqual(before);
  });

  it("backfills the summaries of runs stored before them (the migration's SQL)", async () => {
    const third = await run("third", "2026-03-04T10:00:00Z",
      junit([["routes a request BR-GATEWAY-001", "skipped"], ["checks auth BR-GATEWAY-002", "failed"]]),
      junit([["checks auth BR-GATEWAY-002", "passed"], ["adds a route DD-GATEWAY-010", "passed"]]));
    // the state before the migration: results, no summaries
    await pool().query(`DELETE FROM run_requirement_outcomes WHERE "runId" = $1`, [third]);
    expect(cellsOf(await pageGrid())["DD-GATEWAY-010"]).toBeUndefined();
    const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
    const migration = fs.readdirSync(dir).find((d) => d.endsWith("_run_requirement_outcomes"))!;
    const sql = fs.readFileSync(path.join(dir, migration, "migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf(`INSERT INTO "run_requirement_outcomes"`));
    // only the runs without a summary (the others, as retention left them, stay as they are)
    await pool().query(backfill.replace(/;\s*$/, "").replace(`JOIN "runs" r ON r."id" = w."runId"`,
      `JOIN "runs" r ON r."id" = w."runId" AND NOT EXISTS (SELECT 1 FROM "run_requirement_outcomes" o WHERE o."runId" = r."id")`));
    const grid = await pageGrid();
    expect(grid.runs[0].id).toBe(third);
    expect(cellsOf(grid)).toEqual({
      "BR-GATEWAY-001": ["skipped", "passed", "failed"],
      "BR-GATEWAY-002": ["failed", "passed", "skipped"],
      "DD-GATEWAY-010": ["passed", "not_run", "not_run"],
    });
    // the backfilled run alone, against its results
    const newest = (await getRequirementGrid(slug, gridQuerySchema.parse({ runs: "1" })))!.grid;
    expect(newest.runs.map((r) => r.id)).toEqual([third]);
    expect(newest).toEqual(await gridFromResults(newest.runs));
  });

  it("drops a deleted run from the grid with its summary", async () => {
    expect(await deleteRun(secondRun)).toBe(true);
    const grid = await pageGrid();
    expect(grid.runs.map((r) => r.id)).not.toContain(secondRun);
    const cells: Record<string, GridCell[]> = cellsOf(grid);
    expect(cells["BR-GATEWAY-001"]).toEqual(["skipped", "failed"]);
    expect((await pool().query(`SELECT 1 FROM run_requirement_outcomes WHERE "runId" = $1`, [secondRun])).rowCount).toBe(0);
  });

  it("summarises a large run the same way and puts the transaction's planner settings back", async () => {
    const n = LARGE_RUN + 10;
    // every third spec names a requirement; every seventh fails
    const cases = Array.from({ length: n }, (_, i): [string, Status] => [`spec ${i}${i % 3 === 0 ? ` BR-LARGE-${i % 50}` : ""}`, i % 7 === 0 ? "failed" : "passed"]);
    const big = await run("large", "2026-03-05T10:00:00Z", junit(cases));
    const grid = (await getRequirementGrid(slug, gridQuerySchema.parse({ runs: "1" })))!.grid;
    expect(grid.runs.map((r) => r.id)).toEqual([big]);
    expect(grid.groups.find((g) => g.prefix === "BR-LARGE")!.requirements).toHaveLength(50);
    expect(grid).toEqual(await gridFromResults(grid.runs));
    const settings = await withTransaction(async (client) => {
      await client.query(`SET LOCAL work_mem = '5MB'`);
      await refreshRequirementOutcomes(client, { id: big, projectId, startedAt: new Date("2026-03-05T10:00:00Z") });
      return (await client.query(`SELECT current_setting('enable_nestloop') AS nestloop, current_setting('work_mem') AS "workMem"`)).rows[0];
    });
    expect(settings).toEqual({ nestloop: "on", workMem: "5MB" });
    expect((await getRequirementGrid(slug, gridQuerySchema.parse({ runs: "1" })))!.grid).toEqual(grid);

    // the same specs again, other results: the page reads the second run's spec list from the first's row
    const again = await run("large-again", "2026-03-06T10:00:00Z", junit(cases.map(([name], i) => [name, i % 5 === 0 ? "skipped" : "passed"])));
    const two = (await getRequirementGrid(slug, gridQuerySchema.parse({ runs: "2" })))!.grid;
    expect(two.runs.map((r) => r.id)).toEqual([again, big]);
    expect(two).toEqual(await gridFromResults(two.runs));
    expect(two.groups.find((g) => g.prefix === "BR-LARGE")!.requirements[0].cells).toEqual(["skipped", "failed"]);
  });
});
