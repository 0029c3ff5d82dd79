// Call a Next.js route handler the way the server does: a web Request in, a
// Response out. Used by API tests that run against a real database.
type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response> | Response;

export interface CallOptions<P> {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  body?: BodyInit | null;
  json?: unknown;
  params?: P;
  query?: Record<string, string>;
}

export async function callRoute<P = Record<string, never>>(handler: Handler<P>, path: string, o: CallOptions<P> = {}) {
  const url = new URL(`http://runboard.test${path}`);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(o.headers);
  if (o.token) headers.set("authorization", `Bearer ${o.token}`);
  let body = o.body ?? null;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new Request(url, { method: o.method ?? (body ? "POST" : "GET"), headers, body, duplex: "half" } as RequestInit);
  const res = await handler(req, { params: Promise.resolve((o.params ?? {}) as P) });
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, text, data: data as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
