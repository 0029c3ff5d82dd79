// A spec result's outcome (passed, failed, errored, skipped, pending) as a small badge.
const TONE: Record<string, string> = {
  passed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200",
  errored: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  skipped: "bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-200",
  pending: "bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-200",
};

export function ResultBadge({ status }: { status: string | null }) {
  if (!status) return <span className="text-xs text-zinc-500">no result yet</span>;
  return (
    <span data-status={status} className={`inline-flex rounded px-2 py-0.5 text-xs font-medium ${TONE[status] ?? TONE.pending}`}>
      {status}
    </span>
  );
}
