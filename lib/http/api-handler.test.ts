import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { errorAnswer, errorResponse, isDatabaseUnavailable, skipCompressionWhenSmall } from "@/lib/http/api-handler";

// Shapes seen when PostgreSQL restarts under a request: the pg driver's own
// errors, and Prisma's DriverAdapterError wrapping them (kind + cause).
const lost = [
  Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
  new Error("Client has encountered a connection error and is not queryable"),
  new Error("Connection terminated unexpectedly"),
  Object.assign(new Error("write EPIPE"), { code: "EPIPE" }),
  Object.assign(new Error("DriverAdapterError"), { name: "DriverAdapterError", cause: { kind: "ConnectionClosed" } }),
  Object.assign(new Error("DriverAdapterError"), { cause: { kind: "postgres", code: "57P01", message: "terminating connection" } }),
  new Error("Invalid `prisma.run.update()` invocation", { cause: new Error("x", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) }) }),
];

describe("errorResponse", () => {
  it.each(lost.map((e) => [e.message, e]))("answers 503 with Retry-After for a lost database: %s", async (_, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
    const res = errorResponse(e, "r1");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toMatchObject({ error: { code: "unavailable" } });
  });

  it("answers 500 for an error that is not the database's, without its message", async () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(isDatabaseUnavailable(e)).toBe(false);
    const res = errorResponse(e, "r2");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal", message: "Internal error" } });
  });

  it("answers 503 (busy) for a deadlock, which rolled everything back", () => {
    expect(errorResponse(Object.assign(new Error("deadlock detected"), { code: "40P01" }), "r3").status).toBe(503);
  });

  it("answers 422 with the paths for a ZodError that escaped parsing (a schema.parse in a handler), never 500", async () => {
    const r = z.object({ n: z.number() }).safeParse({ n: "x" });
    const res = errorResponse(r.error, "r4");
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: { code: "validation_failed", message: "Invalid request", details: [{ path: "n", message: expect.any(String) }] } });
  });

  it("gives server actions the same body as routes (errorAnswer)", () => {
    expect(errorAnswer(new AppError("forbidden", "no"), "r5")).toMatchObject({ status: 403, body: { error: { code: "forbidden", message: "no" } } });
    expect(errorAnswer(new Error("secret detail"), "r6").body).toEqual({ error: { code: "internal", message: "Internal error" } });
  });
});

describe("skipCompressionWhenSmall", () => {
  // Next gzips every route handler answer it streams; the small JSON answers of CI requests are sent as they are (issue #17)
  it("marks a small JSON answer no-transform, keeping its status, headers and body", async () => {
    const body = { id: "r1", totals: { tests: 1000 } };
    const res = await skipCompressionWhenSmall(Response.json(body, { status: 201, headers: { "x-request-id": "q1" } }));
    expect(res.headers.get("cache-control")).toBe("no-transform");
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toBe("q1");
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual(body);
  });

  it("leaves answers of 8 KiB and more, and other types, to be compressed", async () => {
    const big = await skipCompressionWhenSmall(Response.json({ text: "x".repeat(8192) }));
    expect(big.headers.get("cache-control")).toBeNull();
    expect((await big.json()).text).toHaveLength(8192);
    const csv = await skipCompressionWhenSmall(new Response("a,b\n", { headers: { "content-type": "text/csv" } }));
    expect(csv.headers.get("cache-control")).toBeNull();
  });
});
