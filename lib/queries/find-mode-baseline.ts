// Durations of the runs a run is compared with: the last N finished runs of
// the same project and mode that started before it, whose setup did not fail
// (a setup failure ends a run early and would drag the median down).
import { db } from "@/lib/db";

export const BASELINE_RUNS = 20;

export async function findModeBaseline(run: { id: string; projectId: string; mode: string; startedAt: Date }, n = BASELINE_RUNS): Promise<number[]> {
  const rows = await db().run.findMany({
    where: {
      projectId: run.projectId,
      mode: run.mode,
      startedAt: { lte: run.startedAt },
      id: { not: run.id },
      finishedAt: { not: null },
      durationMs: { not: null },
      status: { notIn: ["running", "cancelled"] },
      OR: [{ setupOk: true }, { setupOk: null }],
      // a run a lead kept out of the statistics is no one's baseline either
      statsExcluded: false,
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: n,
    select: { durationMs: true },
  });
  return rows.map((r) => r.durationMs!);
}
