// Project settings through the CLI, on a real database: the timing target and
// the phase mapping, which also re-maps the stored phases.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { createRun } from "@/lib/services/create-run";
import { ensureProject } from "@/lib/services/get-project";
import { parseReport } from "@/lib/ingest/parse-report";
import { ingestReport } from "@/lib/services/ingest-report";
import { recordPhases } from "@/lib/services/record-phases";

const root = path.resolve(import.meta.dirname, "../..");
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/runboard.mjs"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env } });

afterAll(() => disconnectDb());

describe("runboard project set", () => {
  it("records a timing target and maps phase names onto canonical phases, stored phases included", async () => {
    const { project } = await ensureProject("settings-test");
    const { run } = await createRun(project.id, { project: "settings-test", mode: "parallel", startedAt: "2026-01-12T10:00:00Z" });
    await recordPhases(run.id, [{ name: "Phase 1: Kind cluster + CRDs", startedAt: "2026-01-12T10:00:00Z", durationMs: 70_000, status: "passed" }]);

    const r = cli("project", "set", "--project", "settings-test", "--target", "sequential:parallel:27", "--baseline-estimate", "7.6m",
      "--phase-map", "Phase 1: Kind cluster + CRDs=cluster", "--phase-map", "Phase 2: Kind cluster + CRDs=cluster");
    expect(r.status, r.stderr).toBe(0);
    const p = await db().project.findUniqueOrThrow({ where: { id: project.id } });
    expect(p.timingTarget).toEqual({ baseline: "sequential", candidate: "parallel", percent: 27, baselineEstimateMs: 456_000 });
    expect(p.phaseMapping).toEqual({ "Phase 1: Kind cluster + CRDs": "cluster", "Phase 2: Kind cluster + CRDs": "cluster" });
    expect((await db().phase.findFirstOrThrow({ where: { runId: run.id } })).canonicalName).toBe("cluster");

    const bad = cli("project", "set", "--project", "settings-test", "--target", "parallel:parallel:27");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("baseline and candidate must be different modes");
    expect((await db().project.findUniqueOrThrow({ where: { id: project.id } })).timingTarget).toMatchObject({ baseline: "sequential" });
  });

  it("extracts requirement IDs with the project's own prefixes at ingest", async () => {
    const { project } = await ensureProject("prefix-test");
    const r = cli("project", "set", "--project", "prefix-test", "--requirement-prefixes", "REQ");
    expect(r.status, r.stderr).toBe(0);
    const { run } = await createRun(project.id, { project: "prefix-test", mode: "parallel" });
    const raw = new TextEncoder().encode(
      `<testsuites><testsuite name="S"><testcase classname="S" name="covers REQ-7 and BR-GATEWAY-001"/></testsuite></testsuites>`,
    );
    await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "r.xml" });
    const spec = await db().testCase.findFirstOrThrow({ where: { projectId: project.id } });
    expect(spec.requirementIds).toEqual(["REQ-7"]);
  });
});
