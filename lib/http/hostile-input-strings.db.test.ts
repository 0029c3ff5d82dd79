// Hostile input, valid but hostile strings stored verbatim, and the corpus's former bugs (see hostile-input.db.test.ts).
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { MAX_NAME_FIELD, MAX_TEXT_FIELD, TRUNCATION_MARKER } from "@/lib/ingest/report-types";
import * as H from "@/lib/testing/hostile-fixtures";
import {
  type Answer, expectError, expectNothingStored, snapshot, T0, getResults, getRun, phase, postFinish, postIngest, postJunit, postPhases, postRun, slug, setupHostileCorpus, xml,
} from "@/lib/testing/hostile-harness";

setupHostileCorpus("strings");

describe("hostile strings that are valid data are stored verbatim and read back equal", () => {
  for (const [label, s] of H.METACHARACTERS) {
    it(`${label} (${JSON.stringify(s)}) in externalId, branch, runnerHost, labels and phase name, group and parent`, async () => {
      const created = await postRun({ project: slug, mode: "m", externalId: s, branch: s, runnerHost: s, labels: { [s]: s, plain: s } });
      expect(created.status).toBe(201);
      const id = created.data.id as string;
      const p = await postPhases({ phases: [
        { name: s, group: s, startedAt: T0, durationMs: 1000, status: "passed", attributes: { note: s } },
        { name: `${s} child`, parent: s, group: s, startedAt: T0, durationMs: 500, status: "passed" },
      ] }, id);
      expect(p.status).toBe(200);
      const back = await getRun(id);
      expect(back.data).toMatchObject({ externalId: s, branch: s, runnerHost: s, labels: { [s]: s, plain: s } });
      expect(back.data.phases).toMatchObject([
        { name: s, group: s, parent: null, attributes: { note: s } },
        { name: `${s} child`, group: s, parent: s },
      ]);
      expect(await db().run.count({ where: { externalId: s } })).toBe(1); // and the table is still there
    });
  }

  it("<script> in suite, spec and class names and failure text comes back verbatim (escaping is the browser's job)", async () => {
    const id = (await postRun({ project: slug, mode: "m", externalId: "xss" })).data.id as string;
    expect((await postJunit(H.SCRIPT_JUNIT, xml, { id })).status).toBe(200);
    const [r] = (await getResults(id)).data.results;
    expect(r.spec).toMatchObject({ suite: H.SCRIPT_NAMES.suite, name: H.SCRIPT_NAMES.name, classname: H.SCRIPT_NAMES.classname });
    expect(r.message).toBe(H.SCRIPT_NAMES.failure);
  });

  it("XInclude is not processed: nothing from the named file appears", async () => {
    const id = (await postRun({ project: slug, mode: "m", externalId: "xinclude" })).data.id as string;
    expect((await postJunit(H.XINCLUDE, xml, { id })).status).toBe(200);
    expect(JSON.stringify((await getResults(id)).data)).not.toMatch(/root:/);
  });

  it("path traversal in file names keeps the base name only and never touches the file system", async () => {
    const id = (await postRun({ project: slug, mode: "m", externalId: "traversal" })).data.id as string;
    const names = ["../../etc/passwd", "..\\..\\Windows\\win.ini", "/etc/shadow", "....", "a/../../b.xml"];
    const r = await postJunit(H.form(names.map((n, i) => [n, H.junitDoc(`<testcase name="t${i}"/>`, `s${i}`)])), {}, { id });
    expect(r.status).toBe(200);
    const stored = ["passwd", "win.ini", "shadow", "report.xml", "b.xml"];
    expect(r.data.reports.map((x: { filename: string }) => x.filename)).toEqual(stored);
    expect((await db().report.findMany({ where: { runId: id }, select: { filename: true } })).map((x) => x.filename).sort()).toEqual([...stored].sort());
    const q = await postJunit(H.junitDoc(`<testcase name="q"/>`, "q"), xml, { id, query: { filename: "../../../../etc/passwd" } });
    expect(q.data.reports[0].filename).toBe("passwd");
    for (const f of ["passwd", "shadow", "win.ini", "b.xml"]) expect(existsSync(f)).toBe(false);
  });

  it("a 10 MB failure message attribute is stored truncated at 64 KB with the marker", async () => {
    const id = (await postRun({ project: slug, mode: "m", externalId: "big-message" })).data.id as string;
    const r = await postJunit(H.junitDoc(`<testcase name="big" classname="c"><failure message="${"m".repeat(10 * 1024 * 1024)}">body</failure></testcase>`), xml, { id });
    expect(r.status).toBe(200);
    const [res] = (await getResults(id)).data.results;
    expect(res.message.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(res.message.length).toBeLessThanOrEqual(MAX_TEXT_FIELD + TRUNCATION_MARKER.length);
  });
});

describe("once bugs, now answered properly (found by this corpus)", () => {
  // NUL (\u0000) cannot be stored in PostgreSQL text or jsonb. The report
  // ingest strips it; JSON bodies with one are refused (lib/schemas/validation.ts).
  const nul = "before\u0000after";
  const NUL_CASES: [string, () => Promise<Answer>, string][] = [
    ["POST /runs externalId", () => postRun({ project: slug, mode: "m", externalId: nul }), "externalId"],
    ["POST /runs branch", () => postRun({ project: slug, mode: "m", branch: nul }), "branch"],
    ["POST /runs runnerHost", () => postRun({ project: slug, mode: "m", runnerHost: nul }), "runnerHost"],
    ["POST /runs label value", () => postRun({ project: slug, mode: "m", labels: { k: nul } }), "labels.k"],
    ["POST /runs label key", () => postRun({ project: slug, mode: "m", labels: { [nul]: "v" } }), "labels"],
    ["POST /phases name", () => postPhases(phase({ name: nul })), "phases.0.name"],
    ["POST /phases group", () => postPhases(phase({ group: nul })), "phases.0.group"],
    ["POST /phases attribute value", () => postPhases(phase({ attributes: { note: nul } })), "phases.0.attributes.note"],
    ["POST /ingest metadata externalId", () => postIngest(H.form([["a.xml", H.GOOD_JUNIT]], { metadata: JSON.stringify({ project: slug, mode: "m", externalId: nul }) })), "externalId"],
  ];
  for (const [where, send] of NUL_CASES) {
    it(`a NUL byte in ${where} is never stored and never accepted`, async () => {
      const before = await snapshot();
      const r = await send();
      expect(r.status).toBeGreaterThanOrEqual(400);
      expectError(r, r.status, r.data.error.code);
      await expectNothingStored(before);
    });
    it(`a NUL byte in ${where} -> 422 validation_failed naming the field`, async () => {
      const r = await send();
      expectError(r, 422, "validation_failed");
      expect(r.data.error.details[0].message).toBe("must not contain NUL characters");
    });
  }

  // 36-character strings that are not uuids once reached the database (500).
  const NEAR_UUIDS: [string, string, (id: string) => Promise<Answer>][] = [
    ["GET /runs/:id", "a".repeat(36), (id) => getRun(id)],
    ["POST /runs/:id/junit", "-".repeat(36), (id) => postJunit(H.GOOD_JUNIT, xml, { id })],
    ["POST /runs/:id/finish", "0190a000-0000-7000-8000-0000-0000000", (id) => postFinish({}, id)],
    ["GET /runs/:id/results", "0190a0000000-7000-8000-000000000000-", (id) => getResults(id)],
  ];
  for (const [route, id, send] of NEAR_UUIDS) {
    it(`${route} with the 36-character non-uuid ${id} stores nothing`, async () => {
      const before = await snapshot();
      const r = await send(id);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expectError(r, r.status, r.data.error.code);
      await expectNothingStored(before);
    });
    it(`${route} with the 36-character non-uuid ${id} -> 404 not_found`, async () => {
      expectError(await send(id), 404, "not_found");
    });
  }

  // Names (suite, class, spec, file) are cut at 4 KB and marked (MAX_NAME_FIELD).
  it("a 10 MB testcase name is stored cut to 4 KB and marked", async () => {
    const id = (await postRun({ project: slug, mode: "m", externalId: "big-name" })).data.id as string;
    const r = await postJunit(H.junitDoc(`<testcase name="${"n".repeat(10 * 1024 * 1024)}" classname="c"/>`), xml, { id });
    if (r.status >= 400) return expectError(r, r.status, r.status === 413 ? "payload_too_large" : "validation_failed");
    const [res] = (await getResults(id)).data.results;
    expect(res.spec.name.length).toBe(MAX_NAME_FIELD);
    expect(res.spec.name.endsWith("…[truncated]")).toBe(true);
  });
});

describe("after the corpus", () => {
  it("the same process still ingests a good report", async () => {
    const id = (await postRun({ project: slug, mode: "m", externalId: "still-alive" })).data.id as string;
    const r = await postJunit(H.GOOD_JUNIT, xml, { id });
    expect(r.status).toBe(200);
    expect(r.data.totals).toMatchObject({ tests: 2, passed: 1, failed: 1 });
  });
});
