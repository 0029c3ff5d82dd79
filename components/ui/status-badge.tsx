import { runStatusText, type SpecCounts } from "@/lib/format";

const tone: Record<string, string> = {
  passed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200",
  errored: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  running: "bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-200",
  cancelled: "bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-200",
  queued: "bg-zinc-100 text-zinc-800 ring-1 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-600",
};

export function StatusBadge({ run }: { run: SpecCounts & { status: string; setupOk: boolean | null } }) {
  return (
    <span
      data-status={run.status}
      className={`inline-flex items-center rounded px-2 py-0.5 text-xs font-medium ${tone[run.status] ?? tone.cancelled}`}
    >
      {runStatusText(run)}
    </span>
  );
}
