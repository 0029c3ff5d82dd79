// Hostile and broken input against the real route handlers on a real
// PostgreSQL. Every refusal must answer { error: { code, message, details? } }
// with the right status and leave the database exactly as it was; accepted
// hostile strings must come back verbatim. Cases marked "known bug" are
// it.fails: they state the intended answer and fail today (see their notes).
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
import { MAX_TEXT_FIELD, TRUNCATION_MARKER } from "@/lib/ingest/report-types";
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

const paths = (e: ErrorBody) => (e.details as { path: string }[]).map((d) => d.path).sort();
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
