// The ingest services against a real PostgreSQL: what CI posts is stored
// once, counted from the test cases, and judged from evidence.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb, pool } from "@/lib/db";
import { renderGinkgoJunit } from "@/lib/demo/render-junit";
import { GATEWAY_SPECS, SUITE_NAME } from "@/lib/demo/gateway-specs";
import { parseReport } from "@/lib/ingest/parse-report";
import { createRun } from "@/lib/services/create-run";
import { finishRun } from "@/lib/services/finish-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { recordPhases } from "@/lib/services/record-phases";

let projectId: string;
const slug = `ingest-${Date.now().toString(36)}`;

// The origin run: 16 failing specs, 8 skipped.
function originReport() {
  const outcomes = GATEWAY_SPECS.map((spec, i) =>
    spec.failure
      ? { spec, status: "failed" as const, ms: 2000, message: spec.failure.message(i) }
      : { spec, status: "skipped" as const, ms: 0 },
  );
  return new TextEncoder().encode(renderGinkgoJunit(SUITE_NAME, outcomes, 38_300).text);
}

const t0 = Date.parse("2026-01-12T10:00:00Z");
const at = (s: number) => new Date(t0 + s * 1000).toISOString();

beforeAll(async () => {
  projectId = (await ensureProject(slug)).project.id;
});
afterAll(async () => {
  await disconnectDb();
});

describe("ingest services", () => {
  it("stores the origin run and calls it failed although the caller claimed success", async () => {
    const { run, created } = await createRun(projectId, { project: slug, mode: "parallel", externalId: "origin", startedAt: at(0) });
    expect(created).toBe(true);
    await recordPhases(run.id, [
      { name: "Phase 1: Kind cluster + CRDs + namespace", startedAt: at(0), finishedAt: at(72.4), status: "passed" },
      { name: "Phase 2: Build & deploy images", startedAt: at(72.4), finishedAt: at(210.3), status: "passed" },
      { name: "Gateway image", parent: "Phase 2: Build & deploy images", group: "images", startedAt: at(72.9), durationMs: 127_600, status: "passed", attributes: { peakMemoryMb: 2150 } },
      { name: "DataStorage image", parent: "Phase 2: Build & deploy images", group: "images", startedAt: at(72.9), durationMs: 104_300, status: "passed" },
    ]);
    const raw = originReport();
    const out = await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "junit.xml" });
    expect(out.duplicate).toBe(false);
    expect(out.totals).toMatchObject({ tests: 24, passed: 0, failed: 16, skipped: 8 });
    const fin = await finishRun(run.id, { finishedAt: at(314.6), status: "passed" });
    expect(fin.runStatus).toBe("failed");
    expect(fin.setupOk).toBe(true);

    const stored = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored).toMatchObject({ status: "failed", claimedStatus: "passed", durationMs: 314_600, setupDurationMs: 210_300 });
    const child = await db().phase.findFirstOrThrow({ where: { runId: run.id, name: "Gateway image" }, include: { parent: true } });
    expect(child.parent?.name).toBe("Phase 2: Build & deploy images");
    expect(child.durationMs).toBe(127_600);
    expect(child.attributes).toEqual({ peakMemoryMb: 2150 });

    // requirement IDs are on the spec identities; BR-GATEWAY-018 names two failing specs
    const named = await db().testCase.findMany({ where: { projectId, requirementIds: { has: "BR-GATEWAY-018" } } });
    expect(named).toHaveLength(2);
    const failing = await db().testResult.count({ where: { runId: run.id, status: "failed", signatureId: { not: null } } });
    expect(failing).toBe(16);
  });

  it("returns the existing run for a repeated externalId, also under concurrent posts", async () => {
    const input = { project: slug, mode: "parallel", externalId: "ci-build-77" };
    const results = await Promise.all(Array.from({ length: 8 }, () => createRun(projectId, input)));
    expect(new Set(results.map((r) => r.run.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db().run.count({ where: { projectId, externalId: "ci-build-77" } })).toBe(1);
  });

  it("stores the same report sent twice (or concurrently) once", async () => {
    const { run } = await createRun(projectId, { project: slug, mode: "sequential" });
    const raw = originReport();
    const report = await parseReport(raw);
    const outs = await Promise.allSettled(
      Array.from({ length: 4 }, () => ingestReport({ runId: run.id, report, raw, filename: "junit.xml" })),
    );
    const ok = outs.filter((o) => o.status === "fulfilled").map((o) => (o as PromiseFulfilledResult<Awaited<ReturnType<typeof ingestReport>>>).value);
    expect(ok).toHaveLength(4);
    expect(ok.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(await db().report.count({ where: { runId: run.id } })).toBe(1);
    expect(await db().testResult.count({ where: { runId: run.id } })).toBe(24);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).testsTotal).toBe(24);
  });

  it("adds sharded reports up and keeps spec identity stable across runs", async () => {
    const { run } = await createRun(projectId, { project: slug, mode: "parallel" });
    const half = (from: number, to: number) => {
      const outs = GATEWAY_SPECS.slice(from, to).map((spec) => ({ spec, status: "passed" as const, ms: 1000 }));
      return new TextEncoder().encode(renderGinkgoJunit(SUITE_NAME, outs).text);
    };
    for (const raw of [half(0, 12), half(12, 24)]) {
      await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "shard.xml" });
    }
    const stored = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored).toMatchObject({ testsTotal: 24, testsPassed: 24 });
    // still 24 distinct specs in the project after three runs of the same suite
    expect(await db().testCase.count({ where: { projectId } })).toBe(24);
  });

  it("stores nothing from a phases payload that names an unknown parent", async () => {
    const { run } = await createRun(projectId, { project: slug, mode: "parallel" });
    await expect(
      recordPhases(run.id, [
        { name: "ok", startedAt: at(0), durationMs: 1000, status: "passed" },
        { name: "orphan", parent: "missing", startedAt: at(0), durationMs: 1000, status: "passed" },
      ]),
    ).rejects.toMatchObject({ code: "validation_failed" });
    expect(await db().phase.count({ where: { runId: run.id } })).toBe(0);
  });

  it("rolls the whole report back when storing fails half-way", async () => {
    const { run } = await createRun(projectId, { project: slug, mode: "parallel" });
    const raw = originReport();
    const report = await parseReport(raw);
    // a status PostgreSQL rejects fails the COPY after the new spec identities were inserted (the report row and
    // the counters come after the rows): the rollback must take the identities with it
    const broken = { ...report, cases: [...report.cases, { ...report.cases[0], name: "broken", status: "exploded" as never }] };
    await expect(ingestReport({ runId: run.id, report: broken, raw, filename: "junit.xml" })).rejects.toThrow();
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM reports WHERE "runId" = $1`, [run.id]);
    expect(rows[0].n).toBe(0);
    expect(await db().testResult.count({ where: { runId: run.id } })).toBe(0);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).testsTotal).toBe(0);
    expect(await db().testCase.count({ where: { projectId, name: "broken" } })).toBe(0);
  });
});
