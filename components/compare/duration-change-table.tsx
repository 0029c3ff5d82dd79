// Durations that changed between two runs, largest change first.
import Link from "next/link";
import type { DurationChange } from "@/lib/analysis/run-diff";
import { formatDuration } from "@/lib/format";

function signed(ms: number): string {
  return `${ms > 0 ? "+" : ms < 0 ? "−" : "±"}${formatDuration(Math.abs(ms))}`;
}

export function DurationChangeTable({ rows, linkSpecs, testId }: { rows: DurationChange[]; linkSpecs: boolean; testId: string }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-500">Nothing was timed in both runs.</p>;
  return (
    <div className="overflow-x-auto" data-testid={testId}>
      <table className="w-full text-sm">
        <thead className="text-left text-xs uppercase text-zinc-500">
          <tr>
            <th scope="col" className="py-1 pr-3">{linkSpecs ? "Spec" : "Phase"}</th>
            <th scope="col" className="py-1 pr-3 text-right">A</th>
            <th scope="col" className="py-1 pr-3 text-right">B</th>
            <th scope="col" className="py-1 pr-3 text-right">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="max-w-md py-1 pr-3 break-words">
                {linkSpecs ? <Link href={`/specs/${r.key}`} className="hover:underline">{r.name}</Link> : r.name}
              </td>
              <td className="py-1 pr-3 text-right tabular-nums">{formatDuration(r.aMs)}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{formatDuration(r.bMs)}</td>
              <td className={`py-1 pr-3 text-right tabular-nums ${r.deltaMs > 0 ? "text-red-700 dark:text-red-400" : r.deltaMs < 0 ? "text-emerald-700 dark:text-emerald-400" : ""}`}>
                {signed(r.deltaMs)}{r.percent !== null && ` (${r.percent > 0 ? "+" : ""}${r.percent.toFixed(0)} %)`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
