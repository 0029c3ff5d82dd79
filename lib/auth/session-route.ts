// Wrapper for JSON route handlers the web UI calls with its session cookie
// (triage changes, users, categories). Besides the role check it refuses
// cross-site requests (lib/http/same-origin.ts, shared with the server
// actions), so a page elsewhere cannot make a signed-in browser change
// anything (CSRF). Errors answer { "error": { code, message, details? } }.
import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import { type SessionUser, requireRole } from "@/lib/auth/session";
import { errorResponse, observe } from "@/lib/http/api-handler";
import { assertSameOrigin } from "@/lib/http/same-origin";
import type { RouteParams } from "@/lib/metrics";

export interface SessionContext<P> {
  req: Request;
  params: P;
  user: SessionUser;
  requestId: string;
}

export function sessionRoute<P = Record<string, never>>(min: Role, handler: (ctx: SessionContext<P>) => Promise<Response>) {
  return async (req: Request, args: { params: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const started = performance.now();
    let res: Response;
    let user: SessionUser | undefined;
    let params: P | undefined;
    try {
      // Next passes no params to a static route: its path is its pattern
      params = ((await args?.params) ?? {}) as P;
      assertSameOrigin(req.method, req.headers);
      user = await requireRole(min, req.headers);
      res = await handler({ req, params, user, requestId });
      res.headers.set("x-request-id", requestId);
    } catch (e) {
      res = errorResponse(e, requestId);
    }
    observe(req, res, requestId, started, user ? { userId: user.id } : {}, params as RouteParams | undefined);
    return res;
  };
}
