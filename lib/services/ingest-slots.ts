// Admission control for report uploads: at most RUNBOARD_INGEST_CONCURRENCY
// reports are parsed and stored at once in one web process; further uploads
// wait their turn, first come first served (decision 26). When CI floods the
// server, the uploads past the limit would not finish any sooner (the CPU is
// already busy), but each one interleaves its parse and COPY with every page
// render on the event loop and in PostgreSQL: a queue keeps pages quick and
// memory bounded while the uploads' throughput stays the same.
import pLimit, { type LimitFunction } from "p-limit";
import { env } from "@/lib/env";

// on globalThis: Next.js bundles each route apart, and every upload route of
// the process must wait in the one queue (as lib/metrics.ts's registry)
const g = globalThis as unknown as { __runboardIngestSlots?: LimitFunction };
const slots = () => (g.__runboardIngestSlots ??= pLimit(env().RUNBOARD_INGEST_CONCURRENCY));

export function withIngestSlot<T>(fn: () => Promise<T>): Promise<T> {
  return slots()(fn);
}

/** uploads being stored and waiting for a slot (the gauges of /api/metrics) */
export function ingestSlotUse(): { active: number; waiting: number } {
  const limit = g.__runboardIngestSlots;
  return { active: limit?.activeCount ?? 0, waiting: limit?.pendingCount ?? 0 };
}
