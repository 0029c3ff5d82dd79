// A lead keeps a run out of the timing statistics, or lets it back in. One
// transaction writes the run's flag and its history event (who, when, what,
// why); the role check is the route's (lib/http/session-route.ts).
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type RunStatsExclusionInput, STATS_EXCLUDED, STATS_INCLUDED } from "@/lib/schemas/run-stats-exclusion";
import { timingChanged } from "@/lib/queries/recent-project-timing";
import { isUuid } from "@/lib/schemas/uuid";

export async function setRunStatsExclusion(actor: { id: string }, runId: string, input: RunStatsExclusionInput) {
  if (!isUuid(runId)) throw new AppError("not_found", `Run ${runId} does not exist`);
  const out = await db().$transaction(async (tx) => {
    // the row lock orders concurrent changes of one run, so the history matches the flag
    const rows = await tx.$queryRaw<{ statsExcluded: boolean; projectId: string }[]>`SELECT "statsExcluded", "projectId" FROM runs WHERE id = ${runId}::uuid FOR UPDATE`;
    if (!rows[0]) throw new AppError("not_found", `Run ${runId} does not exist`);
    if (rows[0].statsExcluded === input.excluded) {
      throw new AppError("conflict", input.excluded ? "The run is already excluded from the statistics" : "The run is already in the statistics");
    }
    await tx.run.update({ where: { id: runId }, data: { statsExcluded: input.excluded } });
    const event = await tx.runEvent.create({
      data: { runId, actorId: actor.id, kind: input.excluded ? STATS_EXCLUDED : STATS_INCLUDED, reason: input.reason },
      select: { id: true, kind: true, reason: true, createdAt: true },
    });
    return { projectId: rows[0].projectId, result: { statsExcluded: input.excluded, event } };
  });
  timingChanged(out.projectId);
  return out.result;
}
