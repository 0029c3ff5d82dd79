// The retention setting (decision 20): team leads set how long a project keeps
// its results on the settings page (PATCH /api/projects/:project/retention);
// others cannot; less than the minimum or a wrong type is refused and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH as retention } from "@/app/api/projects/[project]/retention/route";
import { auth } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/users";
import { disconnectDb } from "@/lib/db";
import { getProjectSettings } from "@/lib/queries/get-project-settings";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

const PASSWORD = "retention-test-password-1";
const cookies: Record<string, string> = {};

beforeAll(async () => {
  await ensureProject("kept");
  for (const role of ["triager", "lead"] as const) {
    // roles are held per project (decision 18): each person holds theirs in "kept"
    await createUser({ email: `${role}@retention.test`, name: `R ${role}`, role, password: PASSWORD, projects: ["kept"] });
    const res = await auth().api.signInEmail({ body: { email: `${role}@retention.test`, password: PASSWORD }, asResponse: true });
    cookies[role] = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  }
});
afterAll(() => disconnectDb());

const patch = (role: string, json: unknown) =>
  callRoute(retention, "/api/projects/kept/retention", { method: "PATCH", headers: { cookie: cookies[role], origin: "http://runboard.test", host: "runboard.test" }, json, params: { project: "kept" } });

describe("a project's retention setting", () => {
  it("is kept forever until a lead sets a number of days, and back", async () => {
    expect((await getProjectSettings("kept"))?.resultRetentionDays).toBeNull();
    expect((await patch("triager", { resultRetentionDays: 180 })).status).toBe(403);
    const tooShort = await patch("lead", { resultRetentionDays: 7 });
    expect(tooShort.status).toBe(422);
    expect(tooShort.data.error.code).toBe("validation_failed");
    expect((await patch("lead", { resultRetentionDays: "180" })).status).toBe(422);
    expect((await getProjectSettings("kept"))?.resultRetentionDays).toBeNull();

    const set = await patch("lead", { resultRetentionDays: 180 });
    expect(set.status).toBe(200);
    expect(set.data).toEqual({ resultRetentionDays: 180 });
    expect((await getProjectSettings("kept"))?.resultRetentionDays).toBe(180);
    expect((await patch("lead", { resultRetentionDays: null })).status).toBe(200);
    expect((await getProjectSettings("kept"))?.resultRetentionDays).toBeNull();
  });
});
