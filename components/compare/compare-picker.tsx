// "Compare with…": a plain GET form to /runs/compare, so it works without
// JavaScript and the URL stays the view.
import { formatDateTime } from "@/lib/format";
import type { PickableRun } from "@/lib/queries/get-run-comparison";

export function ComparePicker({ runId, runs, selected, label = "Compare with" }: { runId: string; runs: PickableRun[]; selected?: string; label?: string }) {
  const others = runs.filter((r) => r.id !== runId);
  if (others.length === 0) return null;
  return (
    <form action="/runs/compare" method="get" className="flex flex-wrap items-center gap-2 text-sm" data-testid="compare-picker">
      <input type="hidden" name="b" value={runId} />
      <label htmlFor={`compare-${runId}`}>{label}</label>
      <select id={`compare-${runId}`} name="a" defaultValue={selected} className="max-w-full rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900">
        {others.map((r) => (
          <option key={r.id} value={r.id}>
            {formatDateTime(r.startedAt)} · {r.mode}{r.branch ? ` · ${r.branch}` : ""} · {r.status}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">Compare</button>
    </form>
  );
}
