// Specs whose outcome changed between two runs, with the failure signatures.
import Link from "next/link";
import type { SpecChange, SpecStatusChange } from "@/lib/analysis/run-diff";

export const CHANGE_LABELS: Record<SpecChange, string> = {
  new_failure: "new failure",
  fixed: "fixed",
  still_failing: "still failing",
  newly_skipped: "newly skipped",
  added: "new spec",
  removed: "not in B",
  other: "changed",
};

const tone: Partial<Record<SpecChange, string>> = {
  new_failure: "text-red-700 dark:text-red-400",
  fixed: "text-emerald-700 dark:text-emerald-400",
  still_failing: "text-amber-700 dark:text-amber-400",
};

export function StatusChangeTable({ rows }: { rows: SpecStatusChange[] }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-500">No spec changed its outcome, and none failed in both runs.</p>;
  return (
    <div className="overflow-x-auto" data-testid="status-changes">
      <table className="w-full text-sm">
        <thead className="text-left text-xs uppercase text-zinc-500">
          <tr>
            <th scope="col" className="py-1 pr-3">Spec</th>
            <th scope="col" className="py-1 pr-3">Change</th>
            <th scope="col" className="py-1 pr-3">A → B</th>
            <th scope="col" className="py-1 pr-3">Failure signature</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.testCaseId} data-change={r.change} className="border-t border-zinc-200 align-top dark:border-zinc-800">
              <td className="max-w-md py-1 pr-3 break-words"><Link href={`/specs/${r.testCaseId}`} className="hover:underline">{r.name}</Link></td>
              <td className={`py-1 pr-3 whitespace-nowrap font-medium ${tone[r.change] ?? ""}`}>{CHANGE_LABELS[r.change]}</td>
              <td className="py-1 pr-3 whitespace-nowrap">{r.a ?? "—"} → {r.b ?? "—"}</td>
              <td className="max-w-lg py-1 pr-3 break-words font-mono text-xs">
                {r.signatureA && r.signatureB && r.signatureA !== r.signatureB ? (
                  <>A: {r.signatureA}<br />B: {r.signatureB}</>
                ) : (r.signatureB ?? r.signatureA ?? "")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
