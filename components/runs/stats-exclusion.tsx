// Whether a run counts in the timing statistics, who kept it out and why, and
// the run's history of such changes; leads get the form to change it.
import { StatsExclusionForm } from "@/components/runs/stats-exclusion-form";
import { formatDateTime } from "@/lib/format";
import type { RunEventRow } from "@/lib/queries/find-run-events";
import { STATS_EXCLUDED } from "@/lib/schemas/run-stats-exclusion";

export function StatsExclusion({ runId, excluded, events, canEdit }: { runId: string; excluded: boolean; events: RunEventRow[]; canEdit: boolean }) {
  const last = [...events].reverse().find((e) => e.kind === STATS_EXCLUDED);
  return (
    <div className="space-y-3 text-sm">
      {excluded ? (
        <p data-testid="stats-excluded" className="rounded border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
          Excluded from statistics{last ? ` by ${last.actorName} on ${formatDateTime(last.createdAt)}: ${last.reason}` : ""}
        </p>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">Counted in the project&apos;s timing statistics (when it belongs to the compared runs).</p>
      )}
      {canEdit && <StatsExclusionForm runId={runId} excluded={excluded} />}
      {events.length > 0 && (
        <div>
          <h3 className="font-medium">History</h3>
          <ul className="list-disc pl-5" data-testid="run-history">
            {events.map((e) => (
              <li key={e.id}>
                {formatDateTime(e.createdAt)}: {e.actorName} {e.kind === STATS_EXCLUDED ? "excluded the run from the statistics" : "let the run back into the statistics"}: {e.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
