// Wrapper for JSON route handlers the web UI calls with its session cookie
// (triage changes, users, categories). Besides the role check it refuses
// cross-site requests: the Origin (or Sec-Fetch-Site) must be this site, so a
// page elsewhere cannot make a signed-in browser change anything (CSRF). The
// cookie is also SameSite=Lax. Errors answer { "error": { code, message, details? } }.
import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import { type SessionUser, requireRole } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse, observe } from "@/lib/http/api-handler";
import type { RouteParams } from "@/lib/metrics";

export interface SessionContext<P> {
  req: Request;
  params: P;
  user: SessionUser;
  requestId: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function assertSameOrigin(req: Request) {
  if (SAFE_METHODS.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new AppError("forbidden", "Cross-site request refused");
  const origin = req.headers.get("origin");
  if (!origin) {
    if (site) return; // a browser that sent Sec-Fetch-Site: same-origin
    throw new AppError("forbidden", "Cross-site request refused: no Origin header");
  }
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "Cross-site request refused: bad Origin header");
  }
  if (!host || originHost !== host) throw new AppError("forbidden", "Cross-site request refused");
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
      assertSameOrigin(req);
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
