// A spec's recent outcomes as a strip of squares, oldest left, newest right;
// each square links to its run and names its outcome for screen readers.
import Link from "next/link";
import { formatDateTime, formatDuration } from "@/lib/format";
import type { SpecHistoryRow } from "@/lib/queries/find-spec-history";

const COLOR: Record<string, string> = {
  passed: "bg-emerald-500 dark:bg-emerald-500",
  failed: "bg-red-600 dark:bg-red-500",
  errored: "bg-amber-500 dark:bg-amber-400",
  skipped: "bg-zinc-300 dark:bg-zinc-600",
  pending: "bg-zinc-300 dark:bg-zinc-600",
};

export function HistoryStrip({ history }: { history: SpecHistoryRow[] }) {
  const oldestFirst = [...history].reverse();
  return (
    <div>
      <ol className="flex flex-wrap gap-1" aria-label={`Outcomes of the last ${history.length} runs, oldest first`} data-testid="history-strip">
        {oldestFirst.map((h) => {
          const title = `${formatDateTime(h.runStartedAt)} · ${h.status} · ${formatDuration(h.durationMs)} · ${h.mode}${h.commitSha ? ` · ${h.commitSha.slice(0, 7)}` : ""}`;
          return (
            <li key={h.resultId}>
              <Link
                href={`/runs/${h.runId}`}
                title={title}
                aria-label={title}
                data-status={h.status}
                className={`block h-5 w-5 rounded-sm ${COLOR[h.status] ?? COLOR.pending} ${h.flaky || h.retries > 0 ? "ring-2 ring-amber-400 ring-offset-1 dark:ring-offset-zinc-950" : ""} focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600`}
              />
            </li>
          );
        })}
      </ol>
      <p className="mt-1 flex justify-between text-xs text-zinc-500" aria-hidden="true">
        <span>older</span>
        <span>newest</span>
      </p>
    </div>
  );
}
