// The one wrapper for /api/v1 route handlers: request id, token auth, error
// mapping to { "error": { code, message, details? } }. Unknown errors are
// logged and answered as a generic 500; a database that cannot be reached is a 503.
import { randomUUID } from "node:crypto";
import { type TokenPrincipal, authenticateToken } from "@/lib/auth/authenticate-token";
import { checkTokenRate } from "@/lib/http/token-rate-limit";
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { type RouteParams, metrics, routeLabel } from "@/lib/metrics";

export interface ApiContext<P> {
  req: Request;
  params: P;
  principal: TokenPrincipal;
  requestId: string;
}

type RouteArgs<P> = { params: Promise<P> };

const DB_DOWN = /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection|Can't reach database server|Server has closed the connection|connection (is )?closed/i;
/** Prisma's codes for "cannot reach / lost the database" */
const PRISMA_DB_DOWN = new Set(["P1001", "P1002", "P1017", "ECONNREFUSED"]);

export function errorResponse(e: unknown, requestId: string): Response {
  const headers = { "x-request-id": requestId };
  if (isAppError(e)) {
    const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return Response.json(e.toJSON(), { status: e.status, headers: retry ? { ...headers, "retry-after": String(retry) } : headers });
  }
  const msg = String((e as Error)?.message ?? e);
  const pgCode = (e as { code?: string })?.code;
  if (pgCode === "40P01" || pgCode === "40001" || /timeout exceeded when trying to connect/i.test(msg)) {
    // a deadlock or serialization failure rolled the transaction back, or every
    // database connection is busy: nothing was stored, and a retry will do
    log().warn({ requestId, pgCode, err: { message: msg } }, "busy: answered 503");
    return Response.json(new AppError("unavailable", "The server is busy; retry later").toJSON(), {
      status: 503,
      headers: { ...headers, "retry-after": "2" },
    });
  }
  if (DB_DOWN.test(msg) || pgCode === "57P01" || (pgCode !== undefined && PRISMA_DB_DOWN.has(pgCode))) {
    return Response.json(new AppError("unavailable", "The database is unavailable; retry later").toJSON(), {
      status: 503,
      headers: { ...headers, "retry-after": "5" },
    });
  }
  log().error({ requestId, err: { message: msg, stack: (e as Error)?.stack } }, "unhandled error");
  return Response.json(new AppError("internal", "Internal error").toJSON(), { status: 500, headers });
}

/** One log line and one histogram sample per API request; `params` are the route's (the label is its pattern; none: "unmatched"). */
export function observe(req: Request, res: Response, requestId: string, started: number, extra: Record<string, unknown> = {}, params?: RouteParams) {
  const route = routeLabel(new URL(req.url).pathname, params);
  const seconds = (performance.now() - started) / 1000;
  metrics().httpDuration.observe({ route, method: req.method, status: String(res.status) }, seconds);
  if (res.status >= 400 && /\/(junit|ingest)$/.test(route)) metrics().ingestReports.inc({ outcome: "rejected" });
  const line = { requestId, method: req.method, route, status: res.status, ms: Math.round(seconds * 1000), ...extra };
  if (res.status >= 500) log().error(line, "request");
  else log().info(line, "request");
}

export function apiRoute<P = Record<string, never>>(handler: (ctx: ApiContext<P>) => Promise<Response>) {
  return async (req: Request, args: RouteArgs<P>): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const started = performance.now();
    let res: Response;
    let principal: TokenPrincipal | undefined;
    let params: P | undefined;
    try {
      // Next passes no params to a static route: its path is its pattern
      params = ((await args?.params) ?? {}) as P;
      principal = await authenticateToken(req.headers.get("authorization"));
      await checkTokenRate(principal.tokenId);
      res = await handler({ req, params, principal, requestId });
      res.headers.set("x-request-id", requestId);
    } catch (e) {
      res = errorResponse(e, requestId);
    }
    observe(req, res, requestId, started, principal ? { project: principal.projectSlug, tokenId: principal.tokenId } : {}, params as RouteParams | undefined);
    return res;
  };
}
