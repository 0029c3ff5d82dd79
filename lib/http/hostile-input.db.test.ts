// Hostile and broken input against the real route handlers on a real
// PostgreSQL. Every refusal must answer { error: { code, message, details? } }
// with the right status and leave the database exactly as it was; accepted
// hostile strings must come back verbatim. Cases marked "known bug" are
// The last group were bugs this corpus found (500s, a name stored whole), now fixed.
// Complements lib/http/api.db.test.ts (happy paths, basic errors).
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// 12 MiB: a 10 MB attribute fits under the limit, a bomb past it stays cheap (lib/env reads this lazily).
const UPLOAD_LIMIT = 12 * 1024 * 1024;
process.env.RUNBOARD_MAX_UPLOAD_BYTES = String(UPLOAD_LIMIT);

import { POST as assign } from "@/app/api/triage/assign/route";
import { PATCH as changeItem } from "@/app/api/triage/items/[id]/route";
import * as ingestRoute from "@/app/api/v1/ingest/route";
import * as finishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as junitRoute from "@/app/api/v1/runs/[id]/junit/route";
import * as phasesRoute from "@/app/api/v1/runs/[id]/phases/route";
import * as resultsRoute from "@/app/api/v1/runs/[id]/results/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { auth } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/users";
import { db, disconnectDb } from "@/lib/db";
import type { ErrorCode } from "@/lib/errors";
import { MAX_NAME_FIELD, MAX_TEXT_FIELD, TRUNCATION_MARKER } from "@/lib/ingest/report-types";
import { createApiToken, revokeApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";
import * as H from "@/lib/testing/hostile-fixtures";

type Answer = Awaited<ReturnType<typeof callRoute>>;
type ErrorBody = { code: string; message: string; details?: unknown };

const slug = "hostile";
const PASSWORD = "hostile-test-password-1";
const UNKNOWN_UUID = "0190a000-0000-7000-8000-000000000000";
const T0 = "2026-01-12T10:00:00Z";
let token = "";
let otherToken = "";
let revokedToken = "";
let runId = ""; // an open run of the project, target of most refusals
let itemIds: string[] = [];
let triagerId = "";
const cookies = { viewer: "", triager: "", lead: "" };

// --- requests -------------------------------------------------------------

const xml = { "content-type": "application/xml" };
const postJunit = (body: BodyInit, headers: Record<string, string> = xml, o: { id?: string; t?: string; query?: Record<string, string> } = {}) =>
  callRoute(junitRoute.POST, `/api/v1/runs/${o.id ?? runId}/junit`, { method: "POST", token: o.t ?? token, body, headers, params: { id: o.id ?? runId }, query: o.query });
const postRun = (json: unknown, t = token) => callRoute(runsRoute.POST, "/api/v1/runs", { token: t, json });
const postPhases = (json: unknown, id = runId, t = token) => callRoute(phasesRoute.POST, `/api/v1/runs/${id}/phases`, { token: t, json, params: { id } });
const rawPhases = (body: string) => callRoute(phasesRoute.POST, `/api/v1/runs/${runId}/phases`, { token, body, headers: { "content-type": "application/json" }, params: { id: runId } });
const postFinish = (json: unknown, id = runId) => callRoute(finishRoute.POST, `/api/v1/runs/${id}/finish`, { token, json, params: { id } });
const getRun = (id: string, t = token, headers?: Record<string, string>) => callRoute(runRoute.GET, `/api/v1/runs/${id}`, { token: t, headers, params: { id } });
const getResults = (id: string) => callRoute(resultsRoute.GET, `/api/v1/runs/${id}/results`, { token, params: { id } });
const postIngest = (body: FormData) => callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body });
const phase = (p: Record<string, unknown>) => ({ phases: [{ name: "setup", startedAt: T0, status: "passed", ...p }] });
const sameSite = (cookie: string) => ({ cookie, origin: "http://runboard.test", host: "runboard.test" });
const postAssign = (headers: Record<string, string>, json: unknown = { itemIds, assigneeId: triagerId }) =>
  callRoute(assign, "/api/triage/assign", { headers, json });

// --- what "nothing stored" means --------------------------------------------

/** Row counts plus a digest of every run and phase row, so an update (a finish, a re-sent phase) shows too. */
async function snapshot() {
  const d = db();
  const digest = async (table: "runs" | "phases") =>
    (await d.$queryRawUnsafe<{ h: string | null }[]>(`SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) AS h FROM ${table} t`))[0].h;
  return {
    runs: await d.run.count(),
    reports: await d.report.count(),
    testResults: await d.testResult.count(),
    testCases: await d.testCase.count(),
    phases: await d.phase.count(),
    triageEvents: await d.triageEvent.count(),
    assignedItems: await d.triageItem.count({ where: { assigneeId: { not: null } } }),
    runRows: await digest("runs"),
    phaseRows: await digest("phases"),
  };
}

async function expectNothingStored(before: Awaited<ReturnType<typeof snapshot>>) {
  expect(await snapshot()).toEqual(before);
}

/** The one error body: exactly { error: { code, message, details? } }, JSON, with the status of the code. */
function expectError(r: Answer, status: number, code: ErrorCode): ErrorBody {
  expect({ status: r.status, code: r.data?.error?.code }).toEqual({ status, code });
  expect(r.headers.get("content-type")).toMatch(/^application\/json/);
  expect(Object.keys(r.data)).toEqual(["error"]);
  const e = r.data.error as ErrorBody;
  expect(Object.keys(e).filter((k) => k !== "details")).toEqual(["code", "message"]);
  expect(e.message).toMatch(/\S/);
  return e;
}

const paths = (e: ErrorBody) => [...new Set((e.details as { path: string }[]).map((d) => d.path))].sort();
const position = (line?: number) => (e: ErrorBody) =>
  expect(e.details).toMatchObject({ line: line ?? expect.any(Number), column: expect.any(Number) });

interface Refusal {
  name: string;
  send: () => Promise<Answer>;
  status: number;
  code: ErrorCode;
  check?: (e: ErrorBody) => void;
}

/** One test per case: the status and body, then an unchanged database. */
function refusals(cases: Refusal[]) {
  for (const c of cases) {
    it(`${c.name} -> ${c.status} ${c.code}`, async () => {
      const before = await snapshot();
      const e = expectError(await c.send(), c.status, c.code);
      c.check?.(e);
      await expectNothingStored(before);
    });
  }
}

async function signIn(role: keyof typeof cookies) {
  const u = await createUser({ email: `${role}@hostile.test`, name: `H ${role}`, role, password: PASSWORD });
  const res = await auth().api.signInEmail({ body: { email: `${role}@hostile.test`, password: PASSWORD }, asResponse: true });
  expect(res.status).toBe(200);
  cookies[role] = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return u.id;
}

beforeAll(async () => {
  const { project } = await ensureProject(slug);
  token = (await createApiToken(project.id, "ci")).token;
  otherToken = (await createApiToken((await ensureProject("hostile-other")).project.id, "ci")).token;
  const old = await createApiToken(project.id, "old");
  await revokeApiToken(old.id);
  revokedToken = old.token;
  runId = (await postRun({ project: slug, mode: "parallel", externalId: "target" })).data.id;
  // a failing report gives the triage routes real items to fight over
  expect((await postJunit(H.GOOD_JUNIT)).status).toBe(200);
  itemIds = (await db().triageItem.findMany({ where: { projectId: project.id }, select: { id: true } })).map((i) => i.id);
  expect(itemIds.length).toBeGreaterThan(0);
  await signIn("viewer");
  triagerId = await signIn("triager");
  await signIn("lead");
});
afterAll(() => disconnectDb());

// --- the corpus --------------------------------------------------------------

describe("JUnit upload: XML that is not well-formed answers 400 malformed_xml with line and column", () => {
  refusals([
    ...Object.entries(H.MALFORMED_XML).map(([what, { line, body }]): Refusal => ({
      name: `XML with ${what.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`, send: () => postJunit(body), status: 400, code: "malformed_xml", check: position(line),
    })),
    { name: "an empty body", send: () => postJunit(""), status: 400, code: "malformed_xml", check: position(1) },
    { name: "4 KB of garbage bytes", send: () => postJunit(H.garbageBytes()), status: 400, code: "malformed_xml", check: position() },
    ...([["a broken two-byte sequence", [0xc3, 0x28]], ["an overlong encoding of '/'", [0xc0, 0xaf]], ["a UTF-8-encoded surrogate", [0xed, 0xa0, 0x80]], ["a lone continuation byte", [0x80]]] as const).map(
      ([what, seq]): Refusal => {
        const { bytes, offset } = H.invalidUtf8Report([...seq]);
        return { name: `invalid UTF-8: ${what}`, send: () => postJunit(bytes), status: 400, code: "malformed_xml", check: (e) => expect(e.details).toMatchObject({ line: 1, byteOffset: offset }) };
      },
    ),
    { name: "a UTF-16 report (bytes are strict UTF-8 whatever the declaration says)", send: () => postJunit(H.utf16Report()), status: 400, code: "malformed_xml", check: (e) => expect(e.details).toMatchObject({ byteOffset: 0 }) },
    { name: "a double-gzipped report (inflated once; the rest is binary)", send: () => postJunit(gzipSync(gzipSync(H.GOOD_JUNIT))), status: 400, code: "malformed_xml", check: position(1) },
  ]);
});

describe("JUnit upload: entities, DTDs and nesting are refused before they cost anything", () => {
  const doctype = (e: ErrorBody) => {
    expect(e.message).toMatch(/DOCTYPE declarations are not accepted/);
    expect(JSON.stringify(e)).not.toMatch(/root:|lollol/);
  };
  refusals([
    { name: "XXE: an external entity naming file:///etc/passwd", send: () => postJunit(H.XXE.fileEntity), status: 400, code: "malformed_xml", check: doctype },
    { name: "XXE: a parameter entity fetching the cloud metadata endpoint", send: () => postJunit(H.XXE.parameterEntity), status: 400, code: "malformed_xml", check: doctype },
    { name: "XXE: an external DTD on another host", send: () => postJunit(H.XXE.externalDtd), status: 400, code: "malformed_xml", check: doctype },
    { name: "a harmless DOCTYPE (any DTD is refused outright)", send: () => postJunit(H.XXE.harmlessDoctype), status: 400, code: "malformed_xml", check: doctype },
    { name: "billion laughs (10 levels, 10^9 expansions)", send: () => postJunit(H.billionLaughs()), status: 400, code: "malformed_xml", check: doctype },
    { name: "quadratic blowup (a 100 KB entity used 1000 times)", send: () => postJunit(H.quadraticBlowup()), status: 400, code: "malformed_xml", check: doctype },
    {
      name: "100 000 nested <testsuite> elements", send: () => postJunit(H.nested("testsuite", 100_000)), status: 400, code: "malformed_xml",
      check: (e) => expect(e.message).toMatch(/nested deeper than 256 levels/),
    },
    {
      name: "100 000 nested unknown elements inside a testcase", send: () => postJunit(H.junitDoc(`<testcase name="deep">${H.nested("x", 100_000)}</testcase>`)), status: 400, code: "malformed_xml",
      check: (e) => expect(e.message).toMatch(/nested deeper than 256 levels/),
    },
  ]);
});

describe("JUnit upload: bodies, encodings and media types", () => {
  const gz = gzipSync(H.GOOD_JUNIT);
  const corrupt = Buffer.from(gz);
  corrupt[corrupt.length - 8] ^= 0xff; // CRC32 of the content
  refusals([
    { name: "gzip cut after its 10-byte header", send: () => postJunit(gz.subarray(0, 10), { ...xml, "content-encoding": "gzip" }), status: 400, code: "bad_request", check: (e) => expect(e.message).toMatch(/gzip/) },
    { name: "gzip with a wrong CRC", send: () => postJunit(corrupt), status: 400, code: "bad_request", check: (e) => expect(e.message).toMatch(/gzip/) },
    {
      name: "a gzip bomb over the upload limit, recognised by its magic bytes", send: () => postJunit(H.gzipBomb(UPLOAD_LIMIT + 1024 * 1024)), status: 413, code: "payload_too_large",
      check: (e) => expect(e.details).toEqual({ limitBytes: UPLOAD_LIMIT }),
    },
    { name: "Content-Encoding br", send: () => postJunit(H.GOOD_JUNIT, { ...xml, "content-encoding": "br" }), status: 415, code: "unsupported_media_type" },
    { name: "Content-Type text/plain", send: () => postJunit(H.GOOD_JUNIT, { "content-type": "text/plain; charset=utf-8" }), status: 415, code: "unsupported_media_type" },
    { name: "Content-Type text/html", send: () => postJunit(H.GOOD_JUNIT, { "content-type": "text/html" }), status: 415, code: "unsupported_media_type" },
    { name: "Content-Type application/x-www-form-urlencoded", send: () => postJunit("junit=%3Ctestsuite%2F%3E", { "content-type": "application/x-www-form-urlencoded" }), status: 415, code: "unsupported_media_type" },
    // application/json is accepted (Ginkgo's --json-report), so JSON that is not one is a 422, not a 415
    {
      name: "Content-Type application/json with a JSON object that is not a Ginkgo report", send: () => postJunit(`{"testsuites":[]}`, { "content-type": "application/json" }), status: 422, code: "validation_failed",
      check: (e) => expect(e.message).toBe("Not a Ginkgo v2 JSON report"),
    },
    {
      name: "Content-Type application/json with broken JSON", send: () => postJunit(`[{"SuiteDescription":\n  "x",,}]`, { "content-type": "application/json" }), status: 400, code: "bad_request",
      check: (e) => expect(e.details).toMatchObject({ line: 2, column: expect.any(Number) }),
    },
    {
      name: "well-formed XML whose root is <html>", send: () => postJunit(`<html><body><testcase name="x"/></body></html>`), status: 422, code: "validation_failed",
      check: (e) => expect(paths(e)).toEqual(["/"]),
    },
  ]);
});

describe("JUnit upload: multipart abuse", () => {
  refusals([
    { name: "51 files in one request (at most 50)", send: () => postJunit(H.form(Array.from({ length: 51 }, (_, i) => [`s${i}.xml`, H.GOOD_JUNIT])), {}), status: 413, code: "payload_too_large", check: (e) => expect(e.message).toMatch(/50 files/) },
    { name: "80 form fields next to a file (too many parts)", send: () => postJunit(H.form([["a.xml", H.GOOD_JUNIT]], Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`f${i}`, "x"]))), {}), status: 413, code: "payload_too_large" },
    { name: "one file one byte over the upload limit", send: () => postJunit(H.form([["big.xml", "<".repeat(UPLOAD_LIMIT + 1)]]), {}), status: 413, code: "payload_too_large", check: (e) => expect(e.details).toEqual({ limitBytes: UPLOAD_LIMIT }) },
    { name: "a gzip bomb inside a multipart file", send: () => postJunit(H.form([["ok.xml", H.GOOD_JUNIT], ["bomb.xml.gz", H.gzipBomb(UPLOAD_LIMIT + 1024 * 1024)]]), {}), status: 413, code: "payload_too_large" },
    {
      name: "a declared Content-Length far over the limit (refused before reading)",
      send: async () => {
        const { bytes, contentType } = await H.formBytes(H.form([["a.xml", H.GOOD_JUNIT]]));
        return postJunit(bytes, { "content-type": contentType, "content-length": String(10 ** 10) });
      },
      status: 413, code: "payload_too_large",
    },
    {
      name: "a multipart body cut off mid-part",
      send: async () => {
        const { bytes, contentType } = await H.formBytes(H.form([["a.xml", H.GOOD_JUNIT]]));
        return postJunit(bytes.subarray(0, bytes.length - 40), { "content-type": contentType });
      },
      status: 400, code: "bad_request", check: (e) => expect(e.message).toMatch(/Unexpected end of form/),
    },
    { name: "multipart/form-data without a boundary", send: () => postJunit("--x\r\n\r\n", { "content-type": "multipart/form-data" }), status: 400, code: "bad_request" },
    { name: "multipart with fields but no file", send: () => postJunit(H.form([], { note: "hello" }), {}), status: 422, code: "validation_failed", check: (e) => expect(paths(e)).toEqual(["files"]) },
  ]);
});

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

describe("unknown and malformed run ids answer 404", () => {
  const routes: [string, (id: string) => Promise<Answer>][] = [
    ["GET /runs/:id", (id) => getRun(id)],
    ["GET /runs/:id/results", (id) => getResults(id)],
    ["POST /runs/:id/phases", (id) => postPhases(phase({}), id)],
    ["POST /runs/:id/finish", (id) => postFinish({ status: "passed" }, id)],
    ["POST /runs/:id/junit", (id) => postJunit(H.GOOD_JUNIT, xml, { id })],
  ];
  refusals([
    ...routes.map(([route, send]): Refusal => ({ name: `${route} with a valid but unknown uuid`, send: () => send(UNKNOWN_UUID), status: 404, code: "not_found" })),
    ...["'; DROP TABLE runs;--", "1 OR 1=1", "%00", `${UNKNOWN_UUID}x`].map((id, i): Refusal => ({
      name: `${routes[i % routes.length][0]} with the id ${JSON.stringify(id)}`, send: () => routes[i % routes.length][1](id), status: 404, code: "not_found",
    })),
  ]);
});

describe("CI tokens: missing, malformed, revoked and foreign tokens, and session cookies, are refused", () => {
  const bare = (headers: Record<string, string>) => callRoute(runsRoute.POST, "/api/v1/runs", { headers, json: { project: slug, mode: "m", externalId: "unauthenticated" } });
  refusals([
    { name: "no Authorization header", send: () => bare({}), status: 401, code: "unauthorized" },
    { name: "Basic credentials", send: () => bare({ authorization: "Basic dXNlcjpwYXNz" }), status: 401, code: "unauthorized" },
    { name: "'Bearer' with no token", send: () => bare({ authorization: "Bearer " }), status: 401, code: "unauthorized" },
    { name: "two bearer tokens in one header", send: () => bare({ authorization: `Bearer ${token} ${token}` }), status: 401, code: "unauthorized" },
    { name: "a 10 000-character token", send: () => bare({ authorization: `Bearer rb_${"a".repeat(10_000)}` }), status: 401, code: "unauthorized" },
    { name: "a token with SQL in it", send: () => bare({ authorization: "Bearer rb_' OR '1'='1" }), status: 401, code: "unauthorized" },
    { name: "the token in the query string instead of the header", send: () => callRoute(runRoute.GET, `/api/v1/runs/${runId}`, { params: { id: runId }, query: { token, access_token: token } }), status: 401, code: "unauthorized" },
    { name: "a revoked token uploading a report", send: () => postJunit(H.GOOD_JUNIT, xml, { t: revokedToken }), status: 401, code: "unauthorized", check: (e) => expect(e.message).toMatch(/revoked/) },
    { name: "another project's token reading this project's run", send: () => getRun(runId, otherToken), status: 403, code: "forbidden" },
    { name: "another project's token recording phases on this project's run", send: () => postPhases(phase({}), runId, otherToken), status: 403, code: "forbidden" },
    { name: "a lead's session cookie instead of a token (cookies never act as CI tokens)", send: () => getRun(runId, "", { cookie: cookies.lead }), status: 401, code: "unauthorized" },
    { name: "a lead's session cookie posting a report", send: () => callRoute(junitRoute.POST, `/api/v1/runs/${runId}/junit`, { body: H.GOOD_JUNIT, headers: { ...xml, ...sameSite(cookies.lead) }, params: { id: runId } }), status: 401, code: "unauthorized" },
    { name: "a session token sent as a bearer token", send: () => bare({ authorization: `Bearer ${cookies.lead.split("=")[1]?.split(";")[0]}` }), status: 401, code: "unauthorized" },
  ]);
});

describe("session routes: roles and same-origin checks (CSRF)", () => {
  const lead = () => cookies.lead;
  refusals([
    { name: "no session cookie", send: () => postAssign({ origin: "http://runboard.test", host: "runboard.test" }), status: 401, code: "unauthorized" },
    { name: "a forged session cookie", send: () => postAssign(sameSite("runboard.session_token=forged.signature")), status: 401, code: "unauthorized" },
    { name: "a viewer calling the lead-only POST /api/triage/assign", send: () => postAssign(sameSite(cookies.viewer)), status: 403, code: "forbidden", check: (e) => expect(e.message).toMatch(/lead/) },
    { name: "a triager calling POST /api/triage/assign", send: () => postAssign(sameSite(cookies.triager)), status: 403, code: "forbidden" },
    { name: "a lead's request from a cross-site Origin", send: () => postAssign({ cookie: lead(), origin: "https://evil.example", host: "runboard.test" }), status: 403, code: "forbidden" },
    { name: "a lead's request marked Sec-Fetch-Site: cross-site (even with a matching Origin)", send: () => postAssign({ ...sameSite(lead()), "sec-fetch-site": "cross-site" }), status: 403, code: "forbidden" },
    { name: "a lead's request from a sibling subdomain (Sec-Fetch-Site: same-site)", send: () => postAssign({ cookie: lead(), origin: "http://evil.runboard.test", host: "runboard.test", "sec-fetch-site": "same-site" }), status: 403, code: "forbidden" },
    { name: "a lead's request with Origin: null (sandboxed iframe)", send: () => postAssign({ cookie: lead(), origin: "null", host: "runboard.test" }), status: 403, code: "forbidden" },
    { name: "a lead's request from the same host on another port", send: () => postAssign({ cookie: lead(), origin: "http://runboard.test:8080", host: "runboard.test" }), status: 403, code: "forbidden" },
    { name: "a lead's request with neither Origin nor Sec-Fetch-Site", send: () => postAssign({ cookie: lead(), host: "runboard.test" }), status: 403, code: "forbidden" },
    { name: "a lead assigning with itemIds that are SQL", send: () => postAssign(sameSite(lead()), { itemIds: ["' OR 1=1 --"], assigneeId: triagerId }), status: 422, code: "validation_failed", check: (e) => expect(paths(e)).toEqual(["itemIds.0"]) },
    {
      name: "a triager changing an item whose id is SQL", status: 404, code: "not_found",
      send: () => callRoute(changeItem, "/api/triage/items/x", { method: "PATCH", headers: sameSite(cookies.triager), params: { id: "'; DROP TABLE triage_items;--" }, json: { status: "investigating" } }),
    },
  ]);
});

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
