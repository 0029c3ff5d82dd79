// A password change through better-auth's API ends the user's other sessions
// even when the client does not ask for it (review item 8): a session stolen
// before the change must stop working. Two sessions of one user, real
// PostgreSQL, the real /api/auth route handler.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { auth } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/users";
import { disconnectDb } from "@/lib/db";
import { callRoute } from "@/lib/testing/call-route";

afterAll(() => disconnectDb());

const EMAIL = "change-password@sessions.test";
const OLD = "old-password-0123456789";
const NEW = "new-password-0123456789";
const same = (cookie: string) => ({ cookie, origin: "http://runboard.test", host: "runboard.test" });

async function signIn(password: string) {
  const res = await auth().api.signInEmail({ body: { email: EMAIL, password }, asResponse: true });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}
const sessionOf = async (cookie: string) => auth().api.getSession({ headers: new Headers({ cookie }) });

beforeAll(async () => {
  await createUser({ email: EMAIL, name: "Pat Password", role: "triager", password: OLD });
});

describe("POST /api/auth/change-password", () => {
  it("signs the user out of every other session, though the client did not ask", async () => {
    const laptop = await signIn(OLD);
    const stolen = await signIn(OLD);
    expect(await sessionOf(stolen)).not.toBeNull();

    const r = await callRoute(authRoute.POST, "/api/auth/change-password", {
      headers: same(laptop),
      json: { currentPassword: OLD, newPassword: NEW }, // no revokeOtherSessions
    });
    expect(r.status).toBe(200);

    expect(await sessionOf(stolen)).toBeNull();
    // the changing browser keeps working with the fresh cookie it was given
    const fresh = r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect(await sessionOf(fresh)).toMatchObject({ user: { email: EMAIL } });
    // and the old password no longer signs in
    const old = await auth().api.signInEmail({ body: { email: EMAIL, password: OLD }, asResponse: true });
    expect(old.status).toBe(401);
  });

  it("ends them even when the client asks to keep them", async () => {
    const a = await signIn(NEW);
    const b = await signIn(NEW);
    const r = await callRoute(authRoute.POST, "/api/auth/change-password", {
      headers: same(a),
      json: { currentPassword: NEW, newPassword: OLD, revokeOtherSessions: false },
    });
    expect(r.status).toBe(200);
    expect(await sessionOf(b)).toBeNull();
  });
});
