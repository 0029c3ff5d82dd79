// Users are created by admins (or the CLI), never by self sign-up. Passwords
// are hashed with better-auth's scrypt and stored in its "credential" account
// row, so better-auth's sign-in verifies them; the password itself is never stored.
import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH, ROLES, type Role, accountRoleOf, storedRoleOf } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/validation";

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(128).optional(),
  /** slugs of existing projects where a viewer, triager or lead gets that role (admins need none) */
  projects: z.array(z.string().trim().min(1)).max(100).optional(),
});
export type NewUser = z.input<typeof newUserSchema>;

export function generatePassword(): string {
  return randomBytes(15).toString("base64url"); // 20 characters, 120 bits
}

/** Creates a user who can sign in. Returns the password when one was generated (show it once). */
export async function createUser(input: NewUser): Promise<{ id: string; email: string; role: Role; generatedPassword?: string }> {
  const data = parseOrThrow(newUserSchema, input, "user");
  const { email, name, role } = data;
  const projects = role === "admin" ? [] : await db().project.findMany({ where: { slug: { in: data.projects ?? [] } }, select: { id: true, slug: true } });
  const unknown = (data.projects ?? []).filter((s) => role !== "admin" && !projects.some((p) => p.slug === s));
  if (unknown.length) throw new AppError("not_found", `No project ${unknown.join(", ")}`);
  const password = data.password ?? generatePassword();
  const hash = await hashPassword(password);
  try {
    const user = await db().$transaction(async (tx) => {
      // users.role says admin or member; a member's role lives in each project (docs/decisions/0018-project-roles.md)
      const u = await tx.user.create({ data: { email, name, role: storedRoleOf(accountRoleOf(role)), emailVerified: true } });
      await tx.account.create({ data: { userId: u.id, accountId: u.id, providerId: "credential", password: hash } });
      if (projects.length) await tx.projectMember.createMany({ data: projects.map((p) => ({ projectId: p.id, userId: u.id, role })) });
      return u;
    });
    return { id: user.id, email: user.email, role, ...(data.password ? {} : { generatedPassword: password }) };
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("conflict", `A user with email ${email} already exists`);
    throw e;
  }
}

export async function setPassword(userId: string, password?: string): Promise<string | undefined> {
  const pw = password ?? generatePassword();
  if (pw.length < MIN_PASSWORD_LENGTH) throw new AppError("validation_failed", `Passwords need at least ${MIN_PASSWORD_LENGTH} characters`);
  const hash = await hashPassword(pw);
  const n = await db().account.updateMany({ where: { userId, providerId: "credential" }, data: { password: hash } });
  if (n.count === 0) await db().account.create({ data: { userId, accountId: userId, providerId: "credential", password: hash } });
  await db().session.deleteMany({ where: { userId } }); // signed-in sessions end with the old password
  return password ? undefined : pw;
}

/**
 * First start: when no admin exists, create one from RUNBOARD_ADMIN_EMAIL /
 * RUNBOARD_ADMIN_PASSWORD, or admin@runboard.local with a generated password
 * that the caller prints once.
 */
export async function ensureFirstAdmin(email?: string, password?: string) {
  if (await db().user.count({ where: { role: "admin" } })) return null;
  const created = await createUser({ email: email ?? "admin@runboard.local", name: "Admin", role: "admin", password });
  return { email: created.email, password: created.generatedPassword ?? null };
}

/** The id of the user with this email (any case); 404 when there is none. */
export async function userIdByEmail(email: string): Promise<string> {
  const u = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!u) throw new AppError("not_found", `No user with email ${email}`);
  return u.id;
}

export async function setPasswordByEmail(email: string, password?: string) {
  return setPassword(await userIdByEmail(email), password);
}
