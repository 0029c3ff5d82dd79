// The one wrapper for /api/v1 route handlers: request id, token auth, error
// mapping to { "error": { code, message, details? } }. Unknown errors are
// logged and answered as a generic 500; a database that cannot be reached is a 503.
import { randomUUID } from "node:crypto";
import { type TokenPrincipal, authenticateToken } from "@/lib/auth/authenticate-token";
import { AppError, isAppError } from "@/lib/errors";

export interface ApiContext<P> {
  req: Request;
  params: P;
  principal: TokenPrincipal;
  requestId: string;
}

type RouteArgs<P> = { params: Promise<P> };

const DB_DOWN = /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection/i;

export function errorResponse(e: unknown, requestId: string): Response {
  const headers = { "x-request-id": requestId };
  if (isAppError(e)) return Response.json(e.toJSON(), { status: e.status, headers });
  const msg = String((e as Error)?.message ?? e);
  if (DB_DOWN.test(msg) || (e as { code?: string })?.code === "57P01") {
    return Response.json(new AppError("unavailable", "The database is unavailable; retry later").toJSON(), {
      status: 503,
      headers: { ...headers, "retry-after": "5" },
    });
  }
  console.error(JSON.stringify({ level: "error", requestId, msg: "unhandled error", error: msg, stack: (e as Error)?.stack }));
  return Response.json(new AppError("internal", "Internal error").toJSON(), { status: 500, headers });
}

export function apiRoute<P = Record<string, never>>(handler: (ctx: ApiContext<P>) => Promise<Response>) {
  return async (req: Request, args: RouteArgs<P>): Promise<Response> => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    try {
      const principal = await authenticateToken(req.headers.get("authorization"));
      const res = await handler({ req, params: await args.params, principal, requestId });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}
