// A run's history (lead exclusions from the statistics and their reversals), oldest first.
import { db } from "@/lib/db";

export async function findRunEvents(runId: string) {
  const rows = await db().runEvent.findMany({
    where: { runId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
    select: { id: true, kind: true, reason: true, createdAt: true, actor: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind, reason: r.reason, createdAt: r.createdAt, actorName: r.actor?.name ?? "a removed user" }));
}

export type RunEventRow = Awaited<ReturnType<typeof findRunEvents>>[number];
