// Wrappers for route handlers the web UI calls with its session cookie (apiRoute
// in lib/http/api-handler.ts is the CI tokens' one). All of them give a request
// id, one log line and the one error body { "error": { code, message, details? } }.
// - sessionRoute(min): signed in with at least `min` somewhere (admin: globally);
//   refuses cross-site requests (lib/http/same-origin.ts, shared with the server
//   actions), so a page elsewhere cannot make a signed-in browser change anything (CSRF).
// - projectRoute(min): the same, for /api/projects/:project/*, with `min` held in that
//   project; a project the user may not read answers 404 like an unknown one.
// - readerRoute: reads (public read or signed in), with the reader's project scope.
import { randomUUID } from "node:crypto";
import type { ProjectScope } from "@/lib/auth/project-access";
import type { Role } from "@/lib/auth/roles";
import { type SessionUser, getSessionUser, readerScope, requireProjectRole, requireRole } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { errorResponse, observe } from "@/lib/http/api-handler";
import { assertSameOrigin } from "@/lib/http/same-origin";
import type { RouteParams } from "@/lib/metrics";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

export interface SessionContext<P> {
  req: Request;
  params: P;
  user: SessionUser;
  requestId: string;
}

export interface ProjectContext<P> extends SessionContext<P> {
  project: Awaited<ReturnType<typeof getProjectBySlugOrThrow>>;
  /** the user's role in this project (admin for admins) */
  role: Role;
}

export interface ReaderContext<P> {
  req: Request;
  params: P;
  /** null for an anonymous reader under RUNBOARD_PUBLIC_READ */
  user: SessionUser | null;
  /** the projects this reader may see (null = all): pass it to the queries */
  scope: ProjectScope;
  requestId: string;
}

type Handler<C> = (ctx: C) => Promise<Response>;
/** `seen` records who asked as soon as they are known, so a refused request is logged with its user too. */
type Authorise<P, C> = (req: Request, params: P, requestId: string, seen: (u: SessionUser | null) => void) => Promise<C>;

function wrap<P, C>(authorise: Authorise<P, C>, handler: Handler<C>) {
  return async (req: Request, args: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const started = performance.now();
    let res: Response;
    const who: { user: SessionUser | null } = { user: null };
    let params: P | undefined;
    try {
      // Next passes no params to a static route: its path is its pattern
      params = ((await args?.params) ?? {}) as P;
      assertSameOrigin(req.method, req.headers);
      const ctx = await authorise(req, params, requestId, (u) => (who.user = u));
      res = await handler(ctx);
      res.headers.set("x-request-id", requestId);
    } catch (e) {
      res = errorResponse(e, requestId);
    }
    observe(req, res, requestId, started, who.user ? { userId: who.user.id } : {}, params as RouteParams | undefined);
    return res;
  };
}

export function sessionRoute<P = Record<string, never>>(min: Role, handler: Handler<SessionContext<P>>) {
  return wrap<P, SessionContext<P>>(async (req, params, requestId, seen) => {
    const user = await requireRole(min, req.headers);
    seen(user);
    return { req, params, user, requestId };
  }, handler);
}

export function projectRoute<P extends { project: string }>(min: Role, handler: Handler<ProjectContext<P>>) {
  return wrap<P, ProjectContext<P>>(async (req, params, requestId, seen) => {
    const user = await getSessionUser(req.headers);
    if (!user) throw new AppError("unauthorized", "Sign in first");
    seen(user);
    const project = await getProjectBySlugOrThrow(params.project);
    const role = await requireProjectRole(user, project.id, min, `Project "${params.project}"`);
    return { req, params, user, requestId, project, role };
  }, handler);
}

export function readerRoute<P = Record<string, never>>(handler: Handler<ReaderContext<P>>) {
  return wrap<P, ReaderContext<P>>(async (req, params, requestId, seen) => {
    const user = await getSessionUser(req.headers);
    seen(user);
    if (!user && !env().RUNBOARD_PUBLIC_READ) throw new AppError("unauthorized", "Sign in first");
    return { req, params, user, scope: await readerScope(user), requestId };
  }, handler);
}
