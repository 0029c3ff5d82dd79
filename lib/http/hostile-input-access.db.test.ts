// Hostile input, access: unknown ids, bad tokens, roles and cross-site requests (see hostile-input.db.test.ts).
import { describe, expect } from "vitest";
import { PATCH as changeItem } from "@/app/api/triage/items/[id]/route";
import * as junitRoute from "@/app/api/v1/runs/[id]/junit/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { callRoute } from "@/lib/testing/call-route";
import * as H from "@/lib/testing/hostile-fixtures";
import {
  type Answer, type Refusal, UNKNOWN_UUID, cookies, getResults, getRun, otherToken, paths, phase, postAssign, postFinish, postJunit, postPhases, refusals, revokedToken, runId, sameSite, slug, token, triagerId, setupHostileCorpus, xml,
} from "@/lib/testing/hostile-harness";

setupHostileCorpus("access");

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
