// POST /api/v1/runs/{id}/log through its route handler against a real
// database: token-protected, zod-validated, 4xx JSON errors, nothing stored
// from a refused request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as logRoute from "@/app/api/v1/runs/[id]/log/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as finishRoute from "@/app/api/v1/runs/[id]/finish/route";
import { disconnectDb } from "@/lib/db";
import { getLiveRun } from "@/lib/runner/get-live-run";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

let token = "";
let other = "";
let id = "";
beforeAll(async () => {
  token = (await createApiToken((await ensureProject("log-api")).project.id, "ci")).token;
  other = (await createApiToken((await ensureProject("log-api-other")).project.id, "ci")).token;
  const created = await callRoute(runsRoute.POST, "/api/v1/runs", { token, json: { project: "log-api", mode: "parallel", externalId: "log-1" } });
  id = created.data.id;
});
afterAll(() => disconnectDb());

const post = (o: { token?: string; json?: unknown; body?: string; headers?: Record<string, string>; id?: string }) =>
  callRoute(logRoute.POST, `/api/v1/runs/${o.id ?? id}/log`, { token: o.token, json: o.json, body: o.body, headers: o.headers, params: { id: o.id ?? id } });

describe("POST /api/v1/runs/{id}/log", () => {
  it("stores chunks for the token's run and answers the last seq", async () => {
    const r = await post({ token, json: { chunks: [{ stream: "stdout", text: "📦 PHASE 1\n" }, { stream: "stderr", text: "warn\n" }] } });
    expect(r.status).toBe(200);
    expect(r.data).toEqual({ seq: 2 });
    expect((await getLiveRun(id, null))!.logs.map((l) => l.text)).toEqual(["📦 PHASE 1\n", "warn\n"]);
  });

  it("refuses without a valid token, from another project, for an unknown run, and a bad body, storing nothing", async () => {
    const chunk = { chunks: [{ stream: "stdout", text: "x\n" }] };
    expect((await post({ json: chunk })).status).toBe(401);
    expect((await post({ token: "rb_nope", json: chunk })).status).toBe(401);
    expect((await post({ token: other, json: chunk })).data.error.code).toBe("forbidden");
    expect((await post({ token, id: "01900000-0000-7000-8000-000000000000", json: chunk })).status).toBe(404);
    const bad = await post({ token, json: { chunks: [{ stream: "stdin", text: "x" }, { stream: "stdout", text: "" }] } });
    expect(bad.status).toBe(422);
    expect(bad.data.error.details.map((d: { path: string }) => d.path)).toEqual(["chunks.0.stream", "chunks.1.text"]);
    expect((await post({ token, body: "x", headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect((await post({ token, body: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await getLiveRun(id, null))!.logs).toHaveLength(2);
  });

  it("answers 409 once the run is finished", async () => {
    expect((await callRoute(finishRoute.POST, `/api/v1/runs/${id}/finish`, { token, json: {}, params: { id } })).status).toBe(200);
    const r = await post({ token, json: { chunks: [{ stream: "stdout", text: "late\n" }] } });
    expect(r.status).toBe(409);
    expect(r.data.error).toMatchObject({ code: "conflict" });
  });
});
