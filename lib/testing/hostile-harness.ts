// The shared part of the hostile-input corpus (lib/http/hostile-input*.db.test.ts):
// the project, tokens and users the cases start from, the requests they send,
// and what "refused, nothing stored" means. Each file calls setupHostileCorpus.
import { afterAll, beforeAll, expect, it } from "vitest";

// 12 MiB: a 10 MB attribute fits under the limit, a bomb past it stays cheap (lib/env reads this lazily).
export const UPLOAD_LIMIT = 12 * 1024 * 1024;
process.env.RUNBOARD_MAX_UPLOAD_BYTES = String(UPLOAD_LIMIT);

import { POST as assign } from "@/app/api/triage/assign/route";
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
import { createApiToken } from "@/lib/services/create-api-token";
import { revokeApiToken } from "@/lib/services/revoke-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";
import * as H from "@/lib/testing/hostile-fixtures";

export type Answer = Awaited<ReturnType<typeof callRoute>>;
export type ErrorBody = { code: string; message: string; details?: unknown };

export const slug = "hostile";
const PASSWORD = "hostile-test-password-1";
export const UNKNOWN_UUID = "0190a000-0000-7000-8000-000000000000";
export const T0 = "2026-01-12T10:00:00Z";
export let token = "";
export let otherToken = "";
export let revokedToken = "";
export let runId = ""; // an open run of the project, target of most refusals
export let itemIds: string[] = [];
export let triagerId = "";
export const cookies = { viewer: "", triager: "", lead: "" };

// --- requests -------------------------------------------------------------

export const xml = { "content-type": "application/xml" };
export const postJunit = (body: BodyInit, headers: Record<string, string> = xml, o: { id?: string; t?: string; query?: Record<string, string> } = {}) =>
  callRoute(junitRoute.POST, `/api/v1/runs/${o.id ?? runId}/junit`, { method: "POST", token: o.t ?? token, body, headers, params: { id: o.id ?? runId }, query: o.query });
export const postRun = (json: unknown, t = token) => callRoute(runsRoute.POST, "/api/v1/runs", { token: t, json });
export const postPhases = (json: unknown, id = runId, t = token) => callRoute(phasesRoute.POST, `/api/v1/runs/${id}/phases`, { token: t, json, params: { id } });
export const rawPhases = (body: string) => callRoute(phasesRoute.POST, `/api/v1/runs/${runId}/phases`, { token, body, headers: { "content-type": "application/json" }, params: { id: runId } });
export const postFinish = (json: unknown, id = runId) => callRoute(finishRoute.POST, `/api/v1/runs/${id}/finish`, { token, json, params: { id } });
export const getRun = (id: string, t = token, headers?: Record<string, string>) => callRoute(runRoute.GET, `/api/v1/runs/${id}`, { token: t, headers, params: { id } });
export const getResults = (id: string) => callRoute(resultsRoute.GET, `/api/v1/runs/${id}/results`, { token, params: { id } });
export const postIngest = (body: FormData) => callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body });
export const phase = (p: Record<string, unknown>) => ({ phases: [{ name: "setup", startedAt: T0, status: "passed", ...p }] });
export const sameSite = (cookie: string) => ({ cookie, origin: "http://runboard.test", host: "runboard.test" });
export const postAssign = (headers: Record<string, string>, json: unknown = { itemIds, assigneeId: triagerId }) =>
  callRoute(assign, "/api/triage/assign", { headers, json });

// --- what "nothing stored" means --------------------------------------------

/** Row counts plus a digest of every run and phase row, so an update (a finish, a re-sent phase) shows too. */
export async function snapshot() {
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

export async function expectNothingStored(before: Awaited<ReturnType<typeof snapshot>>) {
  expect(await snapshot()).toEqual(before);
}

/** The one error body: exactly { error: { code, message, details? } }, JSON, with the status of the code. */
export function expectError(r: Answer, status: number, code: ErrorCode): ErrorBody {
  expect({ status: r.status, code: r.data?.error?.code }).toEqual({ status, code });
  expect(r.headers.get("content-type")).toMatch(/^application\/json/);
  expect(Object.keys(r.data)).toEqual(["error"]);
  const e = r.data.error as ErrorBody;
  expect(Object.keys(e).filter((k) => k !== "details")).toEqual(["code", "message"]);
  expect(e.message).toMatch(/\S/);
  return e;
}

export const paths = (e: ErrorBody) => [...new Set((e.details as { path: string }[]).map((d) => d.path))].sort();
export const position = (line?: number) => (e: ErrorBody) =>
  expect(e.details).toMatchObject({ line: line ?? expect.any(Number), column: expect.any(Number) });

export interface Refusal {
  name: string;
  send: () => Promise<Answer>;
  status: number;
  code: ErrorCode;
  check?: (e: ErrorBody) => void;
}

/** One test per case: the status and body, then an unchanged database. */
export function refusals(cases: Refusal[]) {
  for (const c of cases) {
    it(`${c.name} -> ${c.status} ${c.code}`, async () => {
      const before = await snapshot();
      const e = expectError(await c.send(), c.status, c.code);
      c.check?.(e);
      await expectNothingStored(before);
    });
  }
}

async function signIn(role: keyof typeof cookies, prefix: string) {
  const email = `${role}@${prefix}.hostile.test`;
  const u = await createUser({ email, name: `H ${role}`, role, password: PASSWORD, projects: [slug] });
  const res = await auth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  expect(res.status).toBe(200);
  cookies[role] = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return u.id;
}

/** The project, tokens, target run, triage items and signed-in users every hostile-input file starts from. */
export function setupHostileCorpus(prefix: string) {
  beforeAll(async () => {
    const { project } = await ensureProject(slug);
    token = (await createApiToken(project.id, "ci")).token;
    otherToken = (await createApiToken((await ensureProject("hostile-other")).project.id, "ci")).token;
    const old = await createApiToken(project.id, "old");
    await revokeApiToken(old.id);
    revokedToken = old.token;
    runId = (await postRun({ project: slug, mode: "parallel", externalId: `target-${prefix}` })).data.id;
    // a failing report gives the triage routes real items to fight over
    expect((await postJunit(H.GOOD_JUNIT)).status).toBe(200);
    itemIds = (await db().triageItem.findMany({ where: { projectId: project.id }, select: { id: true } })).map((i) => i.id);
    expect(itemIds.length).toBeGreaterThan(0);
    await signIn("viewer", prefix);
    triagerId = await signIn("triager", prefix);
    await signIn("lead", prefix);
  });
  afterAll(() => disconnectDb());
}
