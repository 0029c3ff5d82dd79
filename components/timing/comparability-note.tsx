// What the timing page compared and what it left out, each with its count and
// a link to the other view (another population, outliers kept, one host).
import Link from "next/link";
import { OUTLIER_RULE } from "@/lib/analysis/timing/outliers";
import { CI_POPULATION } from "@/lib/analysis/timing/population";
import type { TimingReport } from "@/lib/analysis/timing-report";
import { formatDuration } from "@/lib/format";

export type TimingLink = (patch: Record<string, string | undefined>) => string;

const runs = (n: number) => `${n} run${n === 1 ? "" : "s"}`;
const populationName = (p: string) => (p === CI_POPULATION ? "CI runs" : `runs of template “${p}”`);

export function ComparabilityNote({ report, link }: { report: TimingReport; link: TimingLink }) {
  const c = report.comparability;
  const parts: React.ReactNode[] = [];
  for (const p of c.leftOut.otherPopulations) {
    parts.push(
      <li key={`pop-${p.name}`}>
        {runs(p.runs)} {p.name === CI_POPULATION ? "posted by CI" : `from template “${p.name}”`} left out{" "}
        (<Link className="underline" href={link({ population: p.name })}>compare those instead</Link>)
      </li>,
    );
  }
  if (c.leftOut.tryOut > 0) parts.push(<li key="tryout">{runs(c.leftOut.tryOut)} from try-outs kept out (project setting)</li>);
  if (c.leftOut.excludedByLead > 0) parts.push(<li key="lead">{runs(c.leftOut.excludedByLead)} excluded by a lead (reason on each run&apos;s page)</li>);
  return (
    <div className="space-y-1 text-sm" data-testid="comparability">
      <p>
        Compared: <strong>{c.population === null ? "runs of every template and CI (project setting)" : `${populationName(c.population)} only`}</strong>
        {c.populations.length > 1 && c.population !== null && "; the project compares runs within one template unless its settings merge them"}.
      </p>
      {parts.length > 0 && <ul className="list-disc pl-5">{parts}</ul>}
    </div>
  );
}

export function OutlierList({ report, link }: { report: TimingReport; link: TimingLink }) {
  const c = report.comparability;
  const judged = c.outlierChecks.filter((o) => o.check.fence !== null);
  return (
    <div className="space-y-2 text-sm" data-testid="outliers">
      <p className="text-zinc-600 dark:text-zinc-400">
        Rule: a run is flagged when its total duration is {OUTLIER_RULE}.{" "}
        {judged.length === 0 ? "No mode has enough runs to judge." : judged.map((o) => `${o.mode}: n = ${o.check.n}, range ${formatDuration(o.check.fence!.lo)} to ${formatDuration(o.check.fence!.hi)}`).join("; ")}
      </p>
      {c.outliers.length === 0 ? (
        <p>No run is far outside its mode.</p>
      ) : (
        <>
          <ul className="list-disc pl-5">
            {c.outliers.map((o) => (
              <li key={o.runId}>
                <Link className="underline" href={`/runs/${o.runId}`}>run {o.runId.slice(0, 8)}</Link> ({o.mode}): {formatDuration(o.durationMs)}, {Math.abs(o.z).toFixed(1)} robust SD {o.z < 0 ? "below" : "above"} the median
              </li>
            ))}
          </ul>
          <p>
            {c.keepOutliers ? (
              <>These runs are <strong>included</strong> in the figures above. <Link className="underline" href={link({ outliers: undefined })}>Leave them out</Link></>
            ) : (
              <>{runs(c.outliers.length)} flagged and <strong>left out</strong> of the figures above. <Link className="underline" href={link({ outliers: "keep" })}>Include them</Link></>
            )}
          </p>
        </>
      )}
    </div>
  );
}

export function HostNote({ report, link, host }: { report: TimingReport; link: TimingLink; host?: string }) {
  const h = report.hosts;
  const pair = report.comparisons[0];
  if (host) {
    return (
      <p className="text-sm" data-testid="host-note">
        Runs on host <strong>{host}</strong> only. <Link className="underline" href={link({ host: undefined })}>All hosts</Link>
      </p>
    );
  }
  if (!h?.differs || !pair) return null;
  const list = (xs: { host: string; runs: number }[]) => xs.map((x) => `${x.host} (${x.runs})`).join(", ");
  return (
    <div role="note" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950" data-testid="host-note">
      <p>
        The two sides ran on different runner hosts: {pair.baseline} on {list(h.baseline)}; {pair.candidate} on {list(h.candidate)}. Part of the difference may be the hosts.
      </p>
      {h.shared.length > 0 ? (
        <p>
          Compare per host:{" "}
          {h.shared.map((x, i) => (
            <span key={x}>{i > 0 && ", "}<Link className="underline" href={link({ host: x })}>{x}</Link></span>
          ))}
        </p>
      ) : (
        <p>No host ran both modes, so no per-host comparison is possible.</p>
      )}
    </div>
  );
}
