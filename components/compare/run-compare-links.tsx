// On a run's page: "Compare with the previous comparable run" (same project,
// mode and branch, the last finished run with a working setup) and a picker.
import Link from "next/link";
import { ComparePicker } from "@/components/compare/compare-picker";
import { findPickableRuns, findPreviousComparableRun } from "@/lib/queries/get-run-comparison";
import type { RunDetail } from "@/lib/queries/get-run-detail";

export async function RunCompareLinks({ run }: { run: RunDetail }) {
  const [previous, pickable] = await Promise.all([findPreviousComparableRun(run), findPickableRuns(run.projectId)]);
  return (
    <nav aria-label="Compare this run" className="flex flex-wrap items-center gap-x-6 gap-y-2">
      {previous ? (
        <Link href={`/runs/compare?a=${previous}&b=${run.id}`} className="text-sm text-sky-700 underline dark:text-sky-400" data-testid="compare-previous">
          Compare with the previous comparable run
        </Link>
      ) : (
        <span className="text-sm text-zinc-500">No earlier finished {run.mode} run{run.branch ? ` on ${run.branch}` : ""} with a working setup to compare with.</span>
      )}
      <ComparePicker runId={run.id} runs={pickable} />
    </nav>
  );
}
