// Is the timing target still verified? Only while the interval of the most
// recent window (the last N runs per mode) stays at or above it; when it
// stopped holding, the date and the run that tipped it; and the verdict's history.
import Link from "next/link";
import type { TargetHistory, TimingTarget } from "@/lib/analysis/timing/target-history";
import { formatDateTime } from "@/lib/format";

const pct = (x: number) => `${x.toFixed(1)} %`;

export function TargetStatus({ target, history }: { target: TimingTarget; history: TargetHistory }) {
  const last = history.points.at(-1);
  const claim = `${target.candidate} at least ${target.percent} % faster than ${target.baseline}`;
  const verified = history.current === "target met";
  return (
    <div className="space-y-2 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-testid="target-status" data-status={history.current}>
      <p>
        <strong>Target: {claim}.</strong>{" "}
        {verified ? (
          <span className="text-emerald-700 dark:text-emerald-400">Verified on the last {history.window} runs per mode</span>
        ) : (
          <span className="text-amber-800 dark:text-amber-300">Not verified on the last {history.window} runs per mode: {history.current}</span>
        )}
        {last && (
          <> (n = {last.n.baseline} {target.baseline}, {last.n.candidate} {target.candidate}{last.ci && <>; improvement interval [{pct(last.ci[0])}, {pct(last.ci[1])}]</>}).</>
        )}
      </p>
      {!verified && history.lastBroken && (
        <p role="note" data-testid="target-broken">
          It stopped holding on {formatDateTime(new Date(history.lastBroken.at))} with{" "}
          <Link href={`/runs/${history.lastBroken.runId}`} className="underline">run {history.lastBroken.runId.slice(0, 8)}</Link>.
        </p>
      )}
      {history.changes.length > 0 && (
        <details>
          <summary className="cursor-pointer">Verdict history ({history.changes.length} change{history.changes.length === 1 ? "" : "s"})</summary>
          <ol className="mt-1 list-decimal pl-5" data-testid="target-history">
            {history.changes.map((c) => (
              <li key={c.runId}>
                {formatDateTime(new Date(c.at))}: {c.to} after <Link href={`/runs/${c.runId}`} className="underline">run {c.runId.slice(0, 8)}</Link>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
