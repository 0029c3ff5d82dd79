// Prometheus metrics (prom-client), served at /api/metrics. The registry lives
// on globalThis: Next.js bundles route handlers separately, and they must all
// count into one registry per process. Queue depth and job outcomes are read
// from the database when scraped, so they are right whichever process wrote them.
import client from "prom-client";

interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<"route" | "method" | "status">;
  ingestReports: client.Counter<"outcome">;
  ingestBytes: client.Counter;
  ingestCases: client.Counter;
  ingestDuration: client.Histogram;
}

const g = globalThis as unknown as { __runboardMetrics?: Metrics };

export function metrics(): Metrics {
  if (g.__runboardMetrics) return g.__runboardMetrics;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "runboard_" });
  const m: Metrics = {
    registry,
    httpDuration: new client.Histogram({
      name: "runboard_http_request_duration_seconds", help: "API request duration by route, method and status",
      labelNames: ["route", "method", "status"], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
    }),
    ingestReports: new client.Counter({ name: "runboard_ingest_reports_total", help: "Reports received, by outcome (stored, duplicate, rejected)", labelNames: ["outcome"], registers: [registry] }),
    ingestBytes: new client.Counter({ name: "runboard_ingest_bytes_total", help: "Bytes of reports stored (after decompression)", registers: [registry] }),
    ingestCases: new client.Counter({ name: "runboard_ingest_cases_total", help: "Test results stored", registers: [registry] }),
    ingestDuration: new client.Histogram({
      name: "runboard_ingest_duration_seconds", help: "Time to store one report, end of body to commit",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry],
    }),
  };
  new client.Gauge({
    name: "runboard_jobs", help: "Provisioning jobs by status (queued = queue depth)", labelNames: ["status"], registers: [registry],
    async collect() {
      const { pool } = await import("@/lib/db");
      const { rows } = await pool().query(`SELECT status::text AS status, count(*)::int AS n FROM provisioning_jobs GROUP BY 1`);
      this.reset();
      for (const s of ["queued", "starting", "running", "succeeded", "failed", "cancelled", "timed_out"]) this.set({ status: s }, 0);
      for (const r of rows) this.set({ status: r.status }, r.n);
    },
  });
  new client.Gauge({
    name: "runboard_ingest_uploads", help: "Report uploads of this process being stored (active) and waiting for a slot (waiting), RUNBOARD_INGEST_CONCURRENCY",
    labelNames: ["state"], registers: [registry],
    async collect() {
      const { ingestSlotUse } = await import("@/lib/services/ingest-slots");
      const use = ingestSlotUse();
      this.set({ state: "active" }, use.active);
      this.set({ state: "waiting" }, use.waiting);
    },
  });
  g.__runboardMetrics = m;
  return m;
}

export type RouteParams = Record<string, string | string[] | undefined>;

/** The one label of requests no route matched, and of labels past MAX_ROUTE_LABELS. */
export const UNMATCHED_ROUTE = "unmatched";
/** A guard on top of the patterns: label values stay few whatever reaches observe(). */
const MAX_ROUTE_LABELS = 200;
const labels = globalThis as unknown as { __runboardRouteLabels?: Set<string> };

/**
 * The route pattern of a request (`/api/v1/runs/[id]/results`), never its raw
 * path: each dynamic segment is replaced by the name of the parameter Next
 * matched it to, so a label is the route's static segments and parameter names
 * only. No params (no route matched) folds into one label.
 */
export function routeLabel(pathname: string, params: RouteParams | undefined): string {
  if (!params) return UNMATCHED_ROUTE;
  let segments: string[];
  try {
    segments = pathname.split("/").map(decodeURIComponent);
  } catch {
    return UNMATCHED_ROUTE;
  }
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string" && value) names.set(value, `[${name}]`);
    else if (Array.isArray(value) && value.length && segments.slice(-value.length).join("/") === value.join("/")) {
      segments = [...segments.slice(0, -value.length), `[...${name}]`]; // a catch-all takes the trailing segments
    }
  }
  const label = segments.map((s) => names.get(s) ?? s).join("/").slice(0, 100);
  const seen = (labels.__runboardRouteLabels ??= new Set());
  if (!seen.has(label)) {
    if (seen.size >= MAX_ROUTE_LABELS) return UNMATCHED_ROUTE;
    seen.add(label);
  }
  return label;
}
