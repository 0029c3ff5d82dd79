// Biggest duration changes between two windows: each with its Hodges-Lehmann
// estimate, 95 % interval and n per side; a change only when the interval
// excludes zero, "no clear change" otherwise, nothing claimed below 3 runs a side.
import Link from "next/link";
import { type DurationChangeEstimate, MAX_PER_SIDE } from "@/lib/analysis/timing/duration-changes";
import type { DurationChangesAsOf } from "@/lib/queries/find-duration-changes";
import { formatDuration } from "@/lib/format";

const signed = (ms: number) => `${ms > 0 ? "+" : ms < 0 ? "−" : "±"}${formatDuration(Math.abs(ms))}`;
const SHOWN = 10;

function Rows({ rows, kind, href }: { rows: DurationChangeEstimate[]; kind: string; href: (r: DurationChangeEstimate) => string }) {
  const clear = rows.filter((r) => r.verdict === "slower" || r.verdict === "faster");
  const unclear = rows.filter((r) => r.verdict === "no clear change").length;
  const few = rows.filter((r) => r.verdict === "not enough data").length;
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-medium">{kind}: {clear.length} clear change{clear.length === 1 ? "" : "s"}{clear.length > SHOWN ? ` (the ${SHOWN} largest shown)` : ""}</h3>
      {clear.length === 0 ? null : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid={`duration-changes-${kind.toLowerCase()}`}>
            <thead className="text-left text-xs uppercase text-zinc-500">
              <tr><th scope="col" className="py-1 pr-3">{kind.replace(/s$/, "")}</th><th scope="col" className="py-1 pr-3 text-right">Change</th><th scope="col" className="py-1 pr-3 text-right">95 % interval</th><th scope="col" className="py-1 pr-3 text-right">Median before → after</th><th scope="col" className="py-1 pr-3 text-right">n</th></tr>
            </thead>
            <tbody>
              {clear.slice(0, SHOWN).map((r) => (
                <tr key={r.key} data-verdict={r.verdict} className="border-t border-zinc-200 dark:border-zinc-800">
                  <td className="max-w-md py-1 pr-3 break-words"><Link href={href(r)} className="hover:underline">{r.name}</Link></td>
                  <td className={`py-1 pr-3 text-right tabular-nums ${r.verdict === "slower" ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>{r.verdict} {signed(r.estimateMs!)}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">[{signed(r.lo!)}, {signed(r.hi!)}]</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{formatDuration(r.medianBefore)} → {formatDuration(r.medianAfter)}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{r.nBefore} / {r.nAfter}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-xs text-zinc-500">{unclear} with no clear change (the interval includes zero); {few} with fewer than 3 runs on a side, so nothing is claimed.</p>
    </div>
  );
}

export function DurationChangeList({ changes, specHref, phaseHref }: { changes: DurationChangesAsOf; specHref: (id: string) => string; phaseHref: string }) {
  const day = (s: string) => s.slice(0, 10);
  const time = changes.computedAt.slice(11, 19);
  return (
    <div className="space-y-3" data-testid="duration-changes">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Passing specs and phases, {day(changes.windows.before.from)} – {day(changes.windows.before.to)} ({changes.runs.before} runs) against{" "}
        {day(changes.windows.after.from)} – {day(changes.windows.after.to)} ({changes.runs.after} runs)
        {Math.max(changes.runs.before, changes.runs.after) > MAX_PER_SIDE && `, the newest ${MAX_PER_SIDE} of each compared`}; Hodges-Lehmann estimate of after − before.{" "}
        <span data-testid="duration-changes-as-of">Computed at {time} UTC; refreshed at most once a minute.</span>
      </p>
      <Rows rows={changes.phases} kind="Phases" href={() => phaseHref} />
      <Rows rows={changes.specs} kind="Specs" href={(r) => specHref(r.key)} />
    </div>
  );
}
