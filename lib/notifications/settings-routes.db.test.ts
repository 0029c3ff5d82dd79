// The settings routes for webhooks and ownership rules: leads only, bad input
// answers 4xx JSON naming the field or line and stores nothing, and the
// webhook secret is stored encrypted and never answered back.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUT as putOwners } from "@/app/api/projects/[project]/owners/route";
import { POST as addRule } from "@/app/api/projects/[project]/owners/rules/route";
import { POST as addWebhook } from "@/app/api/projects/[project]/webhooks/route";
import { auth } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/users";
import { db, disconnectDb } from "@/lib/db";
import { listRules } from "@/lib/ownership/rules";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

process.env.RUNBOARD_SECRET_KEY ??= randomBytes(32).toString("hex");
afterAll(() => disconnectDb());

const PASSWORD = "settings-route-password-1";
const cookies: Record<string, string> = {};
let projectId = "";

beforeAll(async () => {
  projectId = (await ensureProject("settings-routes")).project.id;
  for (const role of ["triager", "lead"] as const) {
    await createUser({ email: `${role}@settings-routes.test`, name: `S ${role}`, role, password: PASSWORD, projects: ["settings-routes"] });
    const res = await auth().api.signInEmail({ body: { email: `${role}@settings-routes.test`, password: PASSWORD }, asResponse: true });
    cookies[role] = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  }
});

const as = (role: string) => ({ cookie: cookies[role], origin: "http://runboard.test", host: "runboard.test" });
const params = { project: "settings-routes" };
const hookBody = { name: "chat", url: "https://chat.example.com/hooks/abc", format: "slack", events: ["run.new_failures"], secret: "a-long-enough-secret-123" };

describe("settings routes", () => {
  it("adds a webhook for a lead, stores the secret encrypted and never answers it", async () => {
    const r = await callRoute(addWebhook, "/api/projects/settings-routes/webhooks", { headers: as("lead"), json: hookBody, params });
    expect(r.status).toBe(201);
    expect(r.text).not.toContain(hookBody.secret);
    const stored = await db().webhook.findUniqueOrThrow({ where: { id: r.data.id } });
    expect(stored.secretEncrypted).toMatch(/^v1\./);
    expect(stored.secretEncrypted).not.toContain(hookBody.secret);
  });

  it("refuses a triager (403) and bad input (422 naming the field), storing nothing", async () => {
    const before = await db().webhook.count({ where: { projectId } });
    const triager = await callRoute(addWebhook, "/api/projects/settings-routes/webhooks", { headers: as("triager"), json: hookBody, params });
    expect(triager.status).toBe(403);
    const bad = await callRoute(addWebhook, "/api/projects/settings-routes/webhooks", { headers: as("lead"), json: { ...hookBody, url: "ftp://x", events: ["nope"] }, params });
    expect(bad.status).toBe(422);
    expect(bad.data.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["events.0", "url"]);
    expect(await db().webhook.count({ where: { projectId } })).toBe(before);
  });

  it("replaces rules from OWNERS text only when every line is good and every owner known", async () => {
    await createUser({ email: "owner@settings-routes.test", name: "Owner", role: "triager", password: PASSWORD, projects: ["settings-routes"] });
    const ok = await callRoute(putOwners, "/api/projects/settings-routes/owners", { method: "PUT", headers: as("lead"), json: { text: "spec:*  owner@settings-routes.test\n" }, params });
    expect(ok.status).toBe(200);
    const bad = await callRoute(putOwners, "/api/projects/settings-routes/owners", {
      method: "PUT", headers: as("lead"), json: { text: "# x\nrequirement:BR-*  @ghosts\nspec:*  owner@settings-routes.test\n" }, params,
    });
    expect(bad.status).toBe(422);
    expect(bad.data.error.details).toEqual([{ path: "line 2", message: "unknown team @ghosts" }]);
    const garbled = await callRoute(putOwners, "/api/projects/settings-routes/owners", { method: "PUT", headers: as("lead"), json: { text: "what is this\n" }, params });
    expect(garbled.status).toBe(422);
    expect(garbled.data.error.details[0].path).toBe("line 1");
    const single = await callRoute(addRule, "/api/projects/settings-routes/owners/rules", { headers: as("lead"), json: { kind: "file", pattern: "e2e/**", owner: "nobody@x.test" }, params });
    expect(single.status).toBe(422);
    expect((await listRules(projectId)).map((r) => `${r.kind}:${r.pattern}`)).toEqual(["spec:*"]);
  });
});
