// Server-rendered figures of the timing page: the verdict with its interval and
// n, per-mode statistics, and the parallel groups' critical path.
import { formatP } from "@/lib/analysis/timing/compare";
import type { TimingReport } from "@/lib/analysis/timing-report";
import { formatDuration } from "@/lib/format";

const pct = (x: number) => `${x.toFixed(1)} %`;

export function Verdict({ c }: { c: TimingReport["comparisons"][number] }) {
  const r = c.result;
  const title = c.metric === "total" ? "Total run time" : "Setup time";
  return (
    <div className="rounded border border-zinc-200 p-4 dark:border-zinc-800" data-testid={`verdict-${c.metric}`}>
      <h3 className="font-medium">
        {title}: {c.candidate} vs {c.baseline}
      </h3>
      {r.verdict === "not enough data" ? (
        <p className="mt-1">
          <strong>Not enough data</strong> for a verdict: {r.reason}.
        </p>
      ) : (
        <p className="relative mt-1">
          <strong>
            {r.verdict === "no significant difference" ? "No significant difference" : `${c.candidate} is ${pct(Math.abs(r.improvementPct!))} ${r.improvementPct! >= 0 ? "faster" : "slower"}`}
          </strong>{" "}
          than {c.baseline} (median {formatDuration(r.medians.candidate)} vs {formatDuration(r.medians.baseline)}; 95 % interval{" "}
          {r.ci ? `${pct(r.ci[0])} to ${pct(r.ci[1])}` : "—"}
          <Explanation id={`explain-${c.metric}`} text={c.explanation} />
          ; n = {r.n.baseline} {c.baseline} vs {r.n.candidate} {c.candidate} runs; Mann-Whitney p {r.pValue === null ? "—" : r.pValue < 0.001 ? formatP(r.pValue) : `= ${formatP(r.pValue)}`}).
        </p>
      )}
      {c.target && (
        <p className="mt-1 text-sm" data-testid="target">
          Target: {c.target.text}
        </p>
      )}
    </div>
  );
}

/**
 * The "i" in a circle: a real button, so Tab reaches it; the text shows on focus and hover and is its
 * description. The circle is a border, not the ⓘ character, which many machines' fonts lack (a box instead).
 */
function Explanation({ id, text }: { id: string; text: string }) {
  return (
    <span className="ml-1 inline-block">
      <button
        type="button"
        aria-label="How the interval is computed"
        aria-describedby={id}
        className="peer inline-flex h-5 w-5 cursor-help items-center justify-center rounded-full align-middle focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600"
      >
        <span aria-hidden="true" className="inline-flex h-4 w-4 items-center justify-center rounded-full border border-current font-serif text-[11px] font-bold leading-none">
          i
        </span>
      </button>
      <span
        role="tooltip"
        id={id}
        className="invisible absolute inset-x-0 top-full z-10 mt-1 rounded border border-zinc-300 bg-white p-2 text-xs font-normal text-zinc-800 shadow peer-hover:visible peer-focus:visible dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200"
      >
        {text}
      </span>
    </span>
  );
}

export function ModeTable({ modes }: { modes: TimingReport["modes"] }) {
  const row = (s: { median: number | null; p90: number | null; min: number | null; max: number | null }) => [s.median, s.p90, s.min, s.max].map((v, i) => <td key={i} className="px-2 py-1 text-right tabular-nums">{formatDuration(v)}</td>);
  return (
    <div tabIndex={0} role="region" aria-label="Duration statistics per mode" className="overflow-x-auto">
    <table className="w-full text-sm">
      <caption className="sr-only">Duration statistics per mode</caption>
      <thead className="text-left text-zinc-500">
        <tr>
          <th className="px-2 py-1">mode</th>
          <th className="px-2 py-1 text-right">n</th>
          <th className="px-2 py-1 text-right">setup failed (excluded)</th>
          <th className="px-2 py-1 text-right">total median</th>
          <th className="px-2 py-1 text-right">p90</th>
          <th className="px-2 py-1 text-right">min</th>
          <th className="px-2 py-1 text-right">max</th>
          <th className="px-2 py-1 text-right">setup median</th>
          <th className="px-2 py-1 text-right">test median</th>
        </tr>
      </thead>
      <tbody>
        {modes.map((m) => (
          <tr key={m.mode} className="border-t border-zinc-200 dark:border-zinc-800" data-testid={`mode-${m.mode}`}>
            <th scope="row" className="px-2 py-1 text-left font-medium">{m.mode}</th>
            <td className="px-2 py-1 text-right tabular-nums">{m.runs}</td>
            <td className="px-2 py-1 text-right tabular-nums">{m.excludedSetupFailures}</td>
            {row(m.total)}
            <td className="px-2 py-1 text-right tabular-nums">{formatDuration(m.setup.median)}</td>
            <td className="px-2 py-1 text-right tabular-nums">{formatDuration(m.test.median)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

export function ParallelGroups({ groups }: { groups: TimingReport["parallelGroups"] }) {
  if (!groups.length) return <p className="text-sm text-zinc-500">No phases ran in parallel groups.</p>;
  return (
    <div className="space-y-3">
      {groups.map((g) => {
        const s = g.summary;
        const bound = s.mostOftenBounding;
        return (
          <div key={`${g.mode}|${g.layout.join(">")}|${g.parent}|${g.group}`} className="rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-testid="parallel-group">
            <h4 className="font-medium">
              {g.parent} › group “{g.group}” <span className="font-normal text-zinc-500">({g.mode}, layout {g.layout.join(" → ")}, n = {s.runs})</span>
            </h4>
            <p>
              Critical path: <strong>{bound ? bound.names.join(" / ") : "—"}</strong>
              {bound && ` bounds the group in ${bound.count} of ${bound.of} runs`}.
            </p>
            <ul className="ml-4 list-disc">
              {s.branches.map((b) => (
                <li key={b.name}>
                  {b.name}: median {formatDuration(b.median)} (n = {b.n})
                </li>
              ))}
            </ul>
            <p>
              With perfect overlap the group would take its longest branch; its wall time exceeds that by a median {formatDuration(s.overheadMs.median)}.
              Parallel efficiency (sum of branch times ÷ (group wall time × branches)): median {s.efficiency.median === null ? "—" : pct(s.efficiency.median * 100)}.
            </p>
          </div>
        );
      })}
    </div>
  );
}
