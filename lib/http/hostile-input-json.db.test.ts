// Hostile input, JSON bodies: wrong types, absurd values and deep nesting (see hostile-input.db.test.ts).
import { describe, expect } from "vitest";
import { POST as assign } from "@/app/api/triage/assign/route";
import * as finishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { callRoute } from "@/lib/testing/call-route";
import * as H from "@/lib/testing/hostile-fixtures";
import {
  type ErrorBody, T0, cookies, paths, phase, postFinish, postIngest, postJunit, postPhases, postRun, rawPhases, refusals, runId, sameSite, slug, token,
  setupHostileCorpus,
} from "@/lib/testing/hostile-harness";

setupHostileCorpus("json");

describe("JSON payloads with wrong types or absurd values answer 422 with a path per problem", () => {
  const at = (...expected: string[]) => (e: ErrorBody) => expect(paths(e)).toEqual(expected.sort());
  refusals([
    {
      name: "POST /runs with every field of the wrong type",
      send: () => postRun({ project: 42, mode: ["parallel"], externalId: {}, branch: true, commit: 1234, ciUrl: 7, labels: "a=b", startedAt: 1_700_000_000 }),
      status: 422, code: "validation_failed", check: at("branch", "ciUrl", "commit", "externalId", "labels", "mode", "project", "startedAt"),
    },
    { name: "POST /runs with a label value that is an object", send: () => postRun({ project: slug, mode: "m", labels: { team: { $ne: 1 } } }), status: 422, code: "validation_failed", check: at("labels.team") },
    { name: "POST /runs with an array body", send: () => postRun([{ project: slug, mode: "m" }]), status: 422, code: "validation_failed", check: at("/") },
    { name: "POST /runs with a JSON null body", send: () => postRun(null), status: 422, code: "validation_failed", check: at("/") },
    { name: "POST /runs whose project, mode and commit carry SQL and shell metacharacters (they are slugs and hex)", send: () => postRun({ project: "'; DROP TABLE runs;--", mode: "$(rm -rf /)", commit: "`reboot`" }), status: 422, code: "validation_failed", check: at("commit", "mode", "project") },
    { name: "POST /runs with a 201-character externalId", send: () => postRun({ project: slug, mode: "m", externalId: "x".repeat(201) }), status: 422, code: "validation_failed", check: at("externalId") },
    { name: "POST /runs with a body that is not UTF-8", send: () => callRoute(runsRoute.POST, "/api/v1/runs", { token, body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), headers: { "content-type": "application/json" } }), status: 400, code: "bad_request" },
    { name: "POST /runs as text/plain", send: () => callRoute(runsRoute.POST, "/api/v1/runs", { token, body: JSON.stringify({ project: slug, mode: "m" }), headers: { "content-type": "text/plain" } }), status: 415, code: "unsupported_media_type" },
    { name: "POST /phases with phases as a string", send: () => postPhases({ phases: "setup" }), status: 422, code: "validation_failed", check: at("phases") },
    {
      name: "POST /phases with every phase field of the wrong type",
      send: () => postPhases({ phases: [{ name: 5, startedAt: "yesterday", status: 1, durationMs: "10", parent: [], group: {}, attributes: { peakMemoryMb: "lots" } }] }),
      status: 422, code: "validation_failed",
      check: at("phases.0.attributes.peakMemoryMb", "phases.0.durationMs", "phases.0.group", "phases.0.name", "phases.0.parent", "phases.0.startedAt", "phases.0.status"),
    },
    { name: "a phase with durationMs -1", send: () => postPhases(phase({ durationMs: -1 })), status: 422, code: "validation_failed", check: at("phases.0.durationMs") },
    { name: "a phase with durationMs 1e15 (31 700 years)", send: () => postPhases(phase({ durationMs: 1e15 })), status: 422, code: "validation_failed", check: at("phases.0.durationMs") },
    { name: "a phase with a fractional durationMs", send: () => postPhases(phase({ durationMs: 1.5 })), status: 422, code: "validation_failed", check: at("phases.0.durationMs") },
    { name: "a phase with durationMs 1e400 (JSON.parse makes it Infinity)", send: () => rawPhases(`{"phases":[{"name":"i","startedAt":"${T0}","status":"passed","durationMs":1e400}]}`), status: 422, code: "validation_failed", check: at("phases.0.durationMs") },
    { name: "a phase ending an hour before it starts", send: () => postPhases(phase({ finishedAt: "2026-01-12T09:00:00Z" })), status: 422, code: "validation_failed", check: at("phases.0.finishedAt") },
    { name: "a phase whose durationMs disagrees with its start and end", send: () => postPhases(phase({ finishedAt: "2026-01-12T10:01:00Z", durationMs: 5 })), status: 422, code: "validation_failed", check: at("phases.0.durationMs") },
    { name: "a phase that is its own parent", send: () => postPhases(phase({ parent: "setup" })), status: 422, code: "validation_failed", check: at("phases.0.parent") },
    {
      name: "two phases that are each other's parent", status: 422, code: "validation_failed", check: (e) => expect(paths(e)[0]).toMatch(/^phases\.\d\.parent$/),
      send: () => postPhases({ phases: [{ name: "a", parent: "b", startedAt: T0, status: "passed" }, { name: "b", parent: "a", startedAt: T0, status: "passed" }] }),
    },
    { name: "501 phases in one request (at most 500)", send: () => postPhases({ phases: Array.from({ length: 501 }, (_, i) => ({ name: `p${i}`, startedAt: T0, status: "passed" })) }), status: 422, code: "validation_failed", check: at("phases") },
    { name: "POST /finish with a made-up status and a numeric finishedAt", send: () => postFinish({ status: "exploded", finishedAt: 12345 }), status: 422, code: "validation_failed", check: at("finishedAt", "status") },
    { name: "POST /finish with a finishedAt that is not ISO 8601", send: () => postFinish({ finishedAt: "next Tuesday" }), status: 422, code: "validation_failed", check: at("finishedAt") },
    {
      name: "POST /ingest whose metadata part is not JSON", send: () => postIngest(H.form([["a.xml", H.GOOD_JUNIT]], { metadata: "{project: hostile" })), status: 400, code: "bad_request",
      check: (e) => expect(e.message).toMatch(/metadata/),
    },
    {
      name: "POST /ingest whose phases part has a cycle", status: 422, code: "validation_failed",
      send: () => postIngest(H.form([["a.xml", H.GOOD_JUNIT]], {
        metadata: JSON.stringify({ project: slug, mode: "m", externalId: "ingest-cycle" }),
        phases: JSON.stringify({ phases: [{ name: "a", parent: "b", startedAt: T0, status: "passed" }, { name: "b", parent: "a", startedAt: T0, status: "passed" }] }),
      })),
    },
  ]);
});

describe("JSON nested deeper than 64 levels is refused with 400 before it is parsed or walked", () => {
  const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
  const tooDeep = (e: ErrorBody) => {
    expect(e.details).toEqual({ maxDepth: 64, position: expect.any(Number) });
    expect(e.message).toMatch(/deeper than 64 levels/);
  };
  const json = { "content-type": "application/json" };
  const metadata = JSON.stringify({ project: slug, mode: "m", externalId: "ingest-deep" });
  refusals([
    { name: "POST /runs with labels nested 3000 deep (966 KB)", send: () => callRoute(runsRoute.POST, "/api/v1/runs", { token, body: H.deepLabelsJson(3000, 966 * 1024), headers: json }), status: 400, code: "bad_request", check: tooDeep },
    { name: "POST /runs with labels nested 5000 deep (once a 500)", send: () => callRoute(runsRoute.POST, "/api/v1/runs", { token, body: H.deepLabelsJson(5000), headers: json }), status: 400, code: "bad_request", check: tooDeep },
    { name: "POST /runs with labels nested 64 deep (65 with the body)", send: () => callRoute(runsRoute.POST, "/api/v1/runs", { token, body: H.deepLabelsJson(64), headers: json }), status: 400, code: "bad_request", check: tooDeep },
    // one level less passes the depth check and meets the schema: labels are flat strings
    { name: "POST /runs with labels nested 63 deep (64 with the body)", send: () => callRoute(runsRoute.POST, "/api/v1/runs", { token, body: H.deepLabelsJson(63), headers: json }), status: 422, code: "validation_failed", check: (e) => expect(paths(e)[0]).toMatch(/^labels\./) },
    { name: "POST /phases with 10 000 nested arrays", send: () => rawPhases(`{"phases":${deep(10_000)}}`), status: 400, code: "bad_request", check: tooDeep },
    { name: "POST /finish with 10 000 nested objects", send: () => callRoute(finishRoute.POST, `/api/v1/runs/${runId}/finish`, { token, body: `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`, headers: json, params: { id: runId } }), status: 400, code: "bad_request", check: tooDeep },
    { name: "POST /ingest whose metadata part nests 5000 deep", send: () => postIngest(H.form([["a.xml", H.GOOD_JUNIT]], { metadata: H.deepLabelsJson(5000) })), status: 400, code: "bad_request", check: (e) => (tooDeep(e), expect(e.message).toMatch(/metadata/)) },
    { name: "POST /ingest whose phases part nests 5000 deep", send: () => postIngest(H.form([["a.xml", H.GOOD_JUNIT]], { metadata, phases: `{"phases":${deep(5000)}}` })), status: 400, code: "bad_request", check: tooDeep },
    { name: "a Ginkgo JSON report nested 5000 deep", send: () => postJunit(deep(5000), json), status: 400, code: "bad_request", check: tooDeep },
    { name: "a lead's POST /api/triage/assign nested 5000 deep (UI JSON routes)", send: () => callRoute(assign, "/api/triage/assign", { headers: { ...sameSite(cookies.lead), ...json }, body: deep(5000) }), status: 400, code: "bad_request", check: tooDeep },
  ]);
});
