// Who is signed in, for server components, route handlers and server code.
// The session is looked up in the database on every call (no cookie cache), so
// a role change or a revoked session takes effect on the next request.
import { headers as nextHeaders } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { type ProjectScope, assertProjectRole, findMemberships, highestRole, roleIn, scopeOf } from "@/lib/auth/project-access";
import { type Role, hasRole, isRole } from "@/lib/auth/roles";
import { PATH_HEADER, signInUrl } from "@/lib/auth/safe-next";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

async function lookup(headers: Headers): Promise<SessionUser | null> {
  const s = await auth().api.getSession({ headers });
  if (!s) return null;
  const role = (s.user as { role?: unknown }).role;
  return { id: s.user.id, email: s.user.email, name: s.user.name, role: isRole(role) ? role : "viewer" };
}

// One lookup per server render: the layout and the page both ask, the database answers once.
const currentUser = cache(async () => lookup(await nextHeaders()));

/** The signed-in user of these headers, or of the request being rendered when none are given. */
export async function getSessionUser(h?: Headers): Promise<SessionUser | null> {
  return h ? lookup(h) : currentUser();
}

/** The user's projects with their role in each; one query per server render. */
const memberships = cache(findMemberships);

/** The projects this reader may see: null = all (admins, RUNBOARD_PUBLIC_READ); queries take it as their filter. */
export async function readerScope(user: SessionUser | null): Promise<ProjectScope> {
  return scopeOf(user, user && user.role !== "admin" ? await memberships(user.id) : new Map());
}

/** The user's effective role in a project (admin for admins), or null. */
export async function projectRole(user: SessionUser | null, projectId: string): Promise<Role | null> {
  return user ? roleIn(user, await memberships(user.id), projectId) : null;
}

/** At least `min` in this project: 404 when the user may not read it, 403 when their role there is lower. */
export async function requireProjectRole(user: SessionUser, projectId: string, min: Role, what?: string): Promise<Role> {
  return assertProjectRole(user, await memberships(user.id), projectId, min, what);
}

/**
 * The signed-in user with at least `min` somewhere (admin: globally); 401 when
 * nobody is signed in, 403 when no project gives them that role. Project routes
 * then check the role in their project (requireProjectRole).
 */
export async function requireRole(min: Role, h?: Headers): Promise<SessionUser> {
  const user = await getSessionUser(h);
  if (!user) throw new AppError("unauthorized", "Sign in first");
  const best = user.role === "admin" ? "admin" : highestRole(user, await memberships(user.id));
  if (!hasRole(best, min)) throw new AppError("forbidden", `This needs the ${min} role; you are ${best ?? "not a member of any project"}`);
  return user;
}

/** Sign-in, then back to this page with its query (proxy.ts passes the whole path; `path` is the fallback). */
async function redirectToSignIn(path: string): Promise<never> {
  redirect(signInUrl((await nextHeaders()).get(PATH_HEADER) ?? path));
}

/**
 * For pages: the reader (null for an anonymous visitor when RUNBOARD_PUBLIC_READ
 * is on); redirects to sign-in otherwise. `path` is where to come back to.
 */
export async function requireReader(path: string): Promise<SessionUser | null> {
  const user = await getSessionUser();
  if (user || env().RUNBOARD_PUBLIC_READ) return user;
  return redirectToSignIn(path);
}

/** For pages that need a role (in some project; admin: globally): sign-in redirect when anonymous; null when too low (the page says so). */
export async function requirePageRole(min: Role, path: string): Promise<SessionUser | null> {
  const user = await getSessionUser();
  if (!user) return redirectToSignIn(path);
  const best = user.role === "admin" ? "admin" : highestRole(user, await memberships(user.id));
  return hasRole(best, min) ? user : null;
}
