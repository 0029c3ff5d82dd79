// /runs/compare?a=<id>&b=<id>: run B against run A, spec by spec (new
// failures, fixed, still failing, newly skipped, with signatures), the
// durations that changed most per spec and per phase, and both waterfalls on
// one time axis. The URL is the view; the same data is GET /api/v1/runs/compare.
import Link from "next/link";
import { notFound } from "next/navigation";
import { PhaseWaterfall } from "@/components/charts/phase-waterfall";
import { ComparePicker } from "@/components/compare/compare-picker";
import { DurationChangeTable } from "@/components/compare/duration-change-table";
import { CHANGE_LABELS, StatusChangeTable } from "@/components/compare/status-change-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { type WaterfallLane, layoutWaterfall } from "@/lib/analysis/phase-waterfall";
import type { SpecChange } from "@/lib/analysis/run-diff";
import { readerScope, requireReader } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { formatDateTime, formatDuration } from "@/lib/format";
import { type RunComparison, findPickableRuns, getRunComparison } from "@/lib/queries/get-run-comparison";
import type { RunDetail } from "@/lib/queries/get-run-detail";
import { firstValue } from "@/lib/schemas/search-params";
import { getRunOrThrow } from "@/lib/queries/get-run";

export const dynamic = "force-dynamic";

/** Duration rows shown per table; the heading says how many there are in all. */
const TOP = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => firstValue(v) ?? "";

function RunCard({ side, run }: { side: "A" | "B"; run: RunDetail }) {
  return (
    <div className="min-w-0 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid={`run-${side.toLowerCase()}`}>
      <p className="text-xs uppercase tracking-wide text-zinc-500">Run {side}</p>
      <p className="flex flex-wrap items-center gap-2">
        <Link href={`/runs/${run.id}`} className="font-medium hover:underline">{formatDateTime(run.windowStart ?? run.startedAt)}</Link>
        <StatusBadge run={run} />
      </p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {run.mode}{run.branch && <> · {run.branch}</>} · total {formatDuration(run.durationMs)} · setup {formatDuration(run.setupDurationMs)}
      </p>
    </div>
  );
}

function lanesEnd(lanes: WaterfallLane[]): number {
  return Math.max(0, ...lanes.map((l) => (l.offsetMs ?? 0) + (l.durationMs ?? 0)));
}

function Waterfalls({ a, b }: { a: RunDetail; b: RunDetail }) {
  const la = layoutWaterfall(a.phases, a.windowStart ?? a.startedAt);
  const lb = layoutWaterfall(b.phases, b.windowStart ?? b.startedAt);
  if (la.length === 0 && lb.length === 0) return <p className="text-sm text-zinc-500">Neither run reported phase timings.</p>;
  const maxS = Math.max(lanesEnd(la), lanesEnd(lb)) / 1000;
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="aligned-waterfalls" data-max-s={maxS.toFixed(3)}>
      {([["A", la], ["B", lb]] as const).map(([side, lanes]) => (
        <div key={side} className="min-w-0">
          <h3 className="text-sm font-medium">Run {side}</h3>
          {lanes.length === 0 ? <p className="text-sm text-zinc-500">No phase timings.</p> : <PhaseWaterfall lanes={lanes} maxS={maxS} label={`Run ${side} phases on a shared time axis of ${maxS.toFixed(0)} s`} />}
        </div>
      ))}
    </div>
  );
}

const SUMMARY: SpecChange[] = ["new_failure", "fixed", "still_failing", "newly_skipped", "added", "removed"];

function Comparison({ c }: { c: RunComparison }) {
  const { a, b, diff } = c;
  return (
    <div className="space-y-8">
      <div className="grid gap-3 sm:grid-cols-2">
        <RunCard side="A" run={a} />
        <RunCard side="B" run={b} />
      </div>
      <p className="text-sm">
        <Link href={`/runs/compare?a=${b.id}&b=${a.id}`} className="text-sky-700 underline dark:text-sky-400">Swap A and B</Link>
      </p>
      <ul className="flex flex-wrap gap-2 text-sm" aria-label="Spec changes from A to B" data-testid="change-counts">
        {SUMMARY.map((k) => (
          <li key={k} data-change={k} className="rounded border border-zinc-200 px-2 py-1 dark:border-zinc-800">
            <strong className="tabular-nums">{diff.counts[k]}</strong> {CHANGE_LABELS[k]}
          </li>
        ))}
        <li className="rounded border border-zinc-200 px-2 py-1 dark:border-zinc-800"><strong className="tabular-nums">{diff.counts.unchanged}</strong> unchanged</li>
      </ul>
      <section aria-labelledby="status-changes" className="space-y-3">
        <h2 id="status-changes" className="text-lg font-semibold">Outcome changes ({diff.changes.length})</h2>
        <StatusChangeTable rows={diff.changes} />
      </section>
      <section aria-labelledby="phase-changes" className="space-y-3">
        <h2 id="phase-changes" className="text-lg font-semibold">Phase durations ({diff.phaseDurations.length} phases in both runs)</h2>
        <DurationChangeTable rows={diff.phaseDurations} linkSpecs={false} testId="phase-duration-changes" />
        <Waterfalls a={a} b={b} />
      </section>
      <section aria-labelledby="spec-changes" className="space-y-3">
        <h2 id="spec-changes" className="text-lg font-semibold">
          Spec durations: {Math.min(TOP, diff.specDurations.length)} largest changes of {diff.specDurations.length} specs timed in both runs
        </h2>
        <DurationChangeTable rows={diff.specDurations.slice(0, TOP)} linkSpecs testId="spec-duration-changes" />
      </section>
    </div>
  );
}

export default async function ComparePage({ searchParams }: Props) {
  const sp = await searchParams;
  const aId = first(sp.a);
  const bId = first(sp.b);
  const reader = await requireReader(`/runs/compare?a=${encodeURIComponent(aId)}&b=${encodeURIComponent(bId)}`);
  if (!bId) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">Compare two runs</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Open a run and use “Compare with”, or give both ids: <code>/runs/compare?a=&lt;id&gt;&amp;b=&lt;id&gt;</code>.</p>
        <Link href="/runs" className="text-sky-700 underline dark:text-sky-400">All runs</Link>
      </div>
    );
  }
  let comparison: RunComparison | null = null;
  let problem: string | null = null;
  try {
    if (aId) comparison = await getRunComparison(aId, bId, await readerScope(reader));
    else {
      // an unknown B (or one of a project the reader cannot see) is a 404 even before A is picked
      const scope = await readerScope(reader);
      const b = await getRunOrThrow(bId);
      if (scope && !scope.includes(b.projectId)) notFound();
    }
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    if (isAppError(e) && e.code === "validation_failed") problem = e.message;
    else throw e;
  }
  const b = comparison?.b;
  const pickable = b ? await findPickableRuns(b.projectId) : [];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Compare runs{b && <span className="text-zinc-500"> · {b.project.name}</span>}</h1>
      {problem && <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">{problem}</p>}
      {!aId && <p className="text-sm">Pick run A on <Link href={`/runs/${bId}`} className="underline">run B&apos;s page</Link>.</p>}
      {b && <ComparePicker runId={b.id} runs={pickable} selected={comparison?.a.id} label="Compare B with another run:" />}
      {comparison && <Comparison c={comparison} />}
    </div>
  );
}
