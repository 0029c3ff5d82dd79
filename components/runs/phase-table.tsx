// The waterfall's figures as a table: readable without the chart, and what tests read.
import type { WaterfallLane } from "@/lib/analysis/phase-waterfall";
import { formatDuration } from "@/lib/format";

const STATUS_TONE: Record<string, string> = {
  passed: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-700 dark:text-red-400 font-semibold",
};

export function PhaseTable({ lanes }: { lanes: WaterfallLane[] }) {
  return (
    <div tabIndex={0} role="region" aria-label="Setup phases" className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" data-testid="phase-table">
        <caption className="sr-only">Setup phases</caption>
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2">Phase</th>
            <th scope="col" className="px-3 py-2">Parent</th>
            <th scope="col" className="px-3 py-2">Group</th>
            <th scope="col" className="px-3 py-2 text-right">Starts at</th>
            <th scope="col" className="px-3 py-2 text-right">Duration</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2 text-right">Peak memory</th>
            <th scope="col" className="px-3 py-2 text-right">OOM kills</th>
          </tr>
        </thead>
        <tbody>
          {lanes.map((l) => (
            <tr key={l.id} className="border-t border-zinc-100 dark:border-zinc-800/70">
              <th scope="row" className="px-3 py-1.5 text-left font-normal" style={{ paddingLeft: `${0.75 + l.depth * 1.25}rem` }}>
                {l.name}
              </th>
              <td className="px-3 py-1.5 text-zinc-600 dark:text-zinc-400">{l.parent ?? "—"}</td>
              <td className="px-3 py-1.5">{l.group ?? "—"}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{l.offsetMs === null ? "—" : `+${formatDuration(l.offsetMs)}`}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatDuration(l.durationMs)}</td>
              <td className={`px-3 py-1.5 ${STATUS_TONE[l.status] ?? ""}`}>{l.status}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{l.peakMemoryMb === null ? "—" : `${l.peakMemoryMb.toLocaleString("en")} MB`}</td>
              <td className={`px-3 py-1.5 text-right tabular-nums ${l.oomKills ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{l.oomKills ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
