// GET /api/metrics - Prometheus text format: HTTP latency by route, ingest
// counts/bytes/latency, provisioning jobs by status (queue depth), process
// metrics. With RUNBOARD_METRICS_TOKEN set, scrapers must send it as a bearer token.
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

function allowed(req: Request): boolean {
  const want = env().RUNBOARD_METRICS_TOKEN;
  if (!want) return true;
  const got = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  return got.length === want.length && timingSafeEqual(Buffer.from(got), Buffer.from(want));
}

export async function GET(req: Request) {
  if (!allowed(req)) return Response.json({ error: { code: "unauthorized", message: "Send the metrics token as a bearer token" } }, { status: 401 });
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
