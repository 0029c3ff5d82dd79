// Close a run. Its status is computed from results and phases; the caller's
// claimed status is kept only for comparison.
import type pg from "pg";
import { named } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FinishRunInput } from "@/lib/schemas/run";
import { enqueueNotification } from "@/lib/notifications/enqueue";
import { refreshRunSummary } from "@/lib/services/refresh-run-summary";
import { withTransaction } from "@/lib/services/sql";

/**
 * oneRequest: the finish is part of the request that uploaded everything
 * (POST /api/v1/ingest), so its time says nothing about when the run ended and
 * is used only when nothing else does (lib/analysis/derive-run-window.ts).
 * A separate finish call is the caller saying "the run ends now".
 */
export async function finishRun(runId: string, input: FinishRunInput, projectId?: string, outer?: pg.PoolClient, opts: { oneRequest?: boolean; answer?: boolean } = {}) {
  return withTransaction(async (client) => {
    const finishedAt = input.finishedAt ? new Date(input.finishedAt) : new Date();
    const source = input.finishedAt ? "claimed" : opts.oneRequest ? "request_time" : "finish_call";
    // the update locks the run (as lockRun would) and answers what the checks need in the same round trip
    // (issue #17); a failed check throws, which rolls the update back with the transaction
    const { rows: [run] } = await client.query<{ projectId: string; startedAt: Date; startedAtSource: string }>(named("run-finish",
      `UPDATE runs SET "finishedAt" = $2, "finishedAtSource" = $3::"RunTimeSource", "claimedStatus" = $4 WHERE id = $1
       RETURNING "projectId", "startedAt", "startedAtSource"::text AS "startedAtSource"`,
      [runId, finishedAt, source, input.status ?? null]));
    if (!run) throw new AppError("not_found", `Run ${runId} does not exist`);
    if (projectId && run.projectId !== projectId) throw new AppError("forbidden", "This run belongs to another project");
    if (input.finishedAt && run.startedAtSource === "claimed" && finishedAt < run.startedAt) {
      throw new AppError("validation_failed", "Invalid request body", [{ path: "finishedAt", message: "finishedAt is before the run's startedAt" }]);
    }
    const verdict = await refreshRunSummary(client, runId, { answer: opts.answer });
    // webhooks: new failures, regressions, setup and timing news, sent by the worker after commit
    await enqueueNotification({ kind: "run.finished", runId }, client);
    // the run exists (locked above), so the summary was refreshed and carries the status and counters
    return { runStatus: verdict!.runStatus, totals: verdict!.totals, setupOk: verdict!.setupOk ?? null, reason: verdict!.reason, run: verdict!.run };
  }, outer);
}
