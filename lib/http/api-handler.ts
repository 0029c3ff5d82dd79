// The one wrapper for /api/v1 route handlers: request id, token auth, error
// mapping to { "error": { code, message, details? } }. Unknown errors are
// logged and answered as a generic 500; a database that cannot be reached is a 503.
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { type TokenPrincipal, authenticateToken } from "@/lib/auth/authenticate-token";
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { toDetails } from "@/lib/schemas/validation";
import { type RouteParams, metrics, routeLabel } from "@/lib/metrics";

export interface ApiContext<P> {
  req: Request;
  params: P;
  principal: TokenPrincipal;
  requestId: string;
}

type RouteArgs<P> = { params: Promise<P> };

const DB_DOWN =
  /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|Connection terminated|Connection ended|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)|terminating connection|Can't reach database server|Server has closed the connection|connection (is )?closed|Client has encountered a connection error|not queryable|Transaction (already closed|not found)|Query read timeout/i;
/** Prisma's and its pg adapter's codes and kinds for "cannot reach / lost the database"; 57P0x: the server shuts down or restarts */
const DB_DOWN_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "ECONNREFUSED", "ECONNRESET", "EPIPE", "57P01", "57P02", "57P03", "08000", "08003", "08006"]);
const DB_DOWN_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

/** The error and its causes (Prisma wraps the driver's error, which may wrap the socket's), at most 5 deep. */
function causes(e: unknown): { message: string; code?: string; kind?: string }[] {
  const out: { message: string; code?: string; kind?: string }[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur != null; i++) {
    const x = cur as { message?: unknown; code?: unknown; kind?: unknown; cause?: unknown };
    out.push({
      message: typeof cur === "string" ? cur : String(x.message ?? ""),
      code: typeof x.code === "string" ? x.code : undefined,
      kind: typeof x.kind === "string" ? x.kind : undefined,
    });
    cur = typeof cur === "object" ? x.cause : undefined;
  }
  return out;
}

/** Whether an error says the database could not be reached or the connection was lost (answered 503, nothing stored). */
export function isDatabaseUnavailable(e: unknown): boolean {
  return causes(e).some((c) => DB_DOWN.test(c.message) || (c.code !== undefined && DB_DOWN_CODES.has(c.code)) || (c.kind !== undefined && DB_DOWN_KINDS.has(c.kind)));
}

export interface ErrorAnswer {
  status: number;
  body: ReturnType<AppError["toJSON"]>;
  headers: Record<string, string>;
}

/**
 * The one mapping from a thrown error to an answer, for route handlers
 * (errorResponse) and server actions (lib/actions): AppError by its code, a
 * ZodError that escaped parsing as 422, a busy or lost database as 503,
 * anything else logged and answered as a generic 500.
 */
export function errorAnswer(e: unknown, requestId: string): ErrorAnswer {
  const answer = (err: AppError, headers: Record<string, string> = {}) => ({ status: err.status, body: err.toJSON(), headers });
  if (isAppError(e)) {
    const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return answer(e, retry ? { "retry-after": String(retry) } : {});
  }
  if (e instanceof ZodError) return answer(new AppError("validation_failed", "Invalid request", toDetails(e)));
  const msg = String((e as Error)?.message ?? e);
  const pgCode = (e as { code?: string })?.code;
  if (pgCode === "40P01" || pgCode === "40001" || /timeout exceeded when trying to connect/i.test(msg)) {
    // a deadlock or serialization failure rolled the transaction back, or every
    // database connection is busy: nothing was stored, and a retry will do
    log().warn({ requestId, pgCode, err: { message: msg } }, "busy: answered 503");
    return answer(new AppError("unavailable", "The server is busy; retry later"), { "retry-after": "2" });
  }
  if (isDatabaseUnavailable(e)) return answer(new AppError("unavailable", "The database is unavailable; retry later"), { "retry-after": "5" });
  log().error({ requestId, err: { message: msg, stack: (e as Error)?.stack, causes: causes(e).slice(1) } }, "unhandled error");
  return answer(new AppError("internal", "Internal error"));
}

export function errorResponse(e: unknown, requestId: string): Response {
  const a = errorAnswer(e, requestId);
  return Response.json(a.body, { status: a.status, headers: { "x-request-id": requestId, ...a.headers } });
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

/** Answers below this size are sent uncompressed: a run with its phases, a report's totals, any error. */
const SMALL_ANSWER_BYTES = 8 * 1024;

/**
 * Small JSON answers go out uncompressed (issue #17). Next streams a route
 * handler's body chunked (it drops any Content-Length), so its compression
 * middleware gzips every answer, the 0.4-2 KB ones of the CI requests too: a
 * zlib stream per response, more socket writes and an inflate on the client,
 * to save a kilobyte. `Cache-Control: no-transform` is the signal that
 * middleware honours; larger answers (run lists, result pages) are still
 * compressed. The body is the same either way.
 */
export async function skipCompressionWhenSmall(res: Response): Promise<Response> {
  if (!res.body || res.headers.has("cache-control") || !res.headers.get("content-type")?.startsWith("application/json")) return res;
  const body = await res.arrayBuffer();
  const out = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  if (body.byteLength < SMALL_ANSWER_BYTES) out.headers.set("cache-control", "no-transform");
  return out;
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
      const t0 = performance.now();
      // the token, its last use and its request count (RUNBOARD_TOKEN_RATE_LIMIT) in one statement
      principal = await authenticateToken(req.headers.get("authorization"));
      const t1 = performance.now();
      res = await handler({ req, params, principal, requestId });
      const t2 = performance.now();
      res.headers.set("x-request-id", requestId);
      // where the request's time went, next to the handler's own stages (the JUnit route's)
      const timing = `auth;dur=${(t1 - t0).toFixed(1)}, handler;dur=${(t2 - t1).toFixed(1)}`;
      const own = res.headers.get("server-timing");
      res.headers.set("server-timing", own ? `${timing}, ${own}` : timing);
    } catch (e) {
      res = errorResponse(e, requestId);
    }
    res = await skipCompressionWhenSmall(res);
    observe(req, res, requestId, started, principal ? { project: principal.projectSlug, tokenId: principal.tokenId } : {}, params as RouteParams | undefined);
    return res;
  };
}
