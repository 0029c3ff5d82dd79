// One "My work" list: spec, project, status, requirement IDs and age; items
// open longer than their project's limit are marked (not by colour alone).
import Link from "next/link";
import type { MyWorkRow } from "@/lib/queries/find-my-work";
import { formatDateTime } from "@/lib/format";

export function WorkTable({ rows, testId, empty }: { rows: MyWorkRow[]; testId: string; empty: string }) {
  if (!rows.length) return <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400" data-testid={testId}>{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr><th className="py-1 pr-3">Spec</th><th className="py-1 pr-3">Project</th><th className="py-1 pr-3">Status</th><th className="py-1 pr-3">Requirements</th><th className="py-1 pr-3">Open</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={`border-t border-zinc-200 dark:border-zinc-800 ${r.overdue ? "bg-amber-50 dark:bg-amber-950/40" : ""}`} data-overdue={r.overdue || undefined}>
              <td className="py-1.5 pr-3"><Link href={`/triage/${r.id}`} className="text-sky-700 hover:underline dark:text-sky-400">{r.specName}</Link></td>
              <td className="py-1.5 pr-3">{r.projectName}</td>
              <td className="py-1.5 pr-3">{r.status.replaceAll("_", " ")}</td>
              <td className="py-1.5 pr-3 font-mono text-xs">{r.requirementIds.join(", ") || "—"}</td>
              <td className="py-1.5 pr-3 whitespace-nowrap" title={`open since ${formatDateTime(r.openSince)}`}>
                {r.ageDays} day{r.ageDays === 1 ? "" : "s"}
                {r.overdue && <strong className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs text-amber-950 dark:bg-amber-800 dark:text-amber-50">over the {r.maxOpenDays}-day limit</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
