import { STATUS_LABEL, type TriageStatusValue } from "@/lib/triage/schemas";

const TONE: Record<string, string> = {
  new: "bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200",
  investigating: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  fix_in_progress: "bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-200",
  resolved: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200",
  wont_fix: "bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-200",
  muted: "bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-200",
};

export function TriageStatusBadge({ status }: { status: string }) {
  return (
    <span data-status={status} className={`inline-flex rounded px-2 py-0.5 text-xs font-medium ${TONE[status] ?? TONE.wont_fix}`}>
      {STATUS_LABEL[status as TriageStatusValue] ?? status}
    </span>
  );
}

export function RequirementChips({ ids }: { ids: string[] }) {
  if (!ids.length) return <span className="text-zinc-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {ids.map((id) => (
        <a key={id} href={`/triage?req=${encodeURIComponent(id)}&status=all`} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs hover:underline dark:bg-zinc-800">
          {id}
        </a>
      ))}
    </span>
  );
}
