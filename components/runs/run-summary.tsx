// The run page's header: identity, totals, the comparison with comparable
// runs, and where the caller's claim or the reports disagree with the evidence.
import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { type MedianComparison, formatDelta } from "@/lib/analysis/median-comparison";
import { formatDateTime, formatDuration, specsSummary } from "@/lib/format";
import type { RunDetail } from "@/lib/queries/get-run-detail";
import { SlowSetupBadge } from "@/components/ui/slow-setup-badge";
import { RUN_TIME_SOURCE_LABELS } from "@/lib/analysis/derive-run-window";

const note = "block text-xs normal-nums text-zinc-500 dark:text-zinc-400";

/** Where the total came from, bound by bound; "unknown" when no start was sent anywhere. */
function TotalFact({ run }: { run: RunDetail }) {
  const start = run.windowStartSource;
  const end = run.windowEndSource;
  if (run.finishedAt !== null && run.durationMs === null && start === "request_time") {
    return (
      <Fact label="Total">
        unknown
        <span className={note} data-testid="total-source">no start time was sent (no startedAt, phases or report timestamps)</span>
      </Fact>
    );
  }
  const label = start && end && start === end ? RUN_TIME_SOURCE_LABELS[start]
    : [start && `start ${RUN_TIME_SOURCE_LABELS[start]}`, end && `end ${RUN_TIME_SOURCE_LABELS[end]}`].filter(Boolean).join(", ");
  return (
    <Fact label="Total">
      {formatDuration(run.durationMs)}
      {run.durationMs !== null && label && <span className={note} data-testid="total-source">{label}</span>}
    </Fact>
  );
}

/** A claimed bound the evidence contradicts: the window covers the evidence, and says so. */
function ClaimNotes({ run }: { run: RunDetail }) {
  const notes: string[] = [];
  if (run.startedAtSource === "claimed" && run.windowStart && run.windowStartSource !== "claimed") {
    notes.push(`The claimed start (${formatDateTime(run.startedAt)}) is after the first ${run.windowStartSource === "phases" ? "phase" : "testsuite"} (${formatDateTime(run.windowStart)}); the total starts there.`);
  }
  if (run.finishedAtSource === "claimed" && run.finishedAt && run.windowEnd && run.windowEndSource !== "claimed") {
    notes.push(`The claimed end (${formatDateTime(run.finishedAt)}) is before the last ${run.windowEndSource === "phases" ? "phase" : "testsuite"} ended (${formatDateTime(run.windowEnd)}); the total ends there.`);
  }
  if (!notes.length) return null;
  return (
    <p role="note" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200" data-testid="time-claim-mismatch">
      {notes.join(" ")}
    </p>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className="tabular-nums">{children}</dd>
    </div>
  );
}

/** `queued`: the run waits for its runner host, so the badge says so rather than "running". */
export function RunSummary({ run, comparison, verdictReason, queued = false }: { run: RunDetail; comparison: MedianComparison | string; verdictReason: string; queued?: boolean }) {
  const failed = run.testsFailed + run.testsErrored;
  const skipped = run.testsSkipped + run.testsPending;
  const claimDiffers = run.claimedStatus && run.claimedStatus !== run.status && run.status !== "running";
  const safeCiUrl = run.ciUrl && /^https?:\/\//i.test(run.ciUrl) ? run.ciUrl : null;
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          <Link href={`/runs?project=${run.project.slug}`} className="hover:underline">{run.project.name}</Link>
          <span className="text-zinc-500"> · {run.mode} run</span>
        </h1>
        <StatusBadge run={queued && run.status === "running" ? { ...run, status: "queued" } : run} />
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Started {formatDateTime(run.windowStart ?? run.startedAt)}
        {run.branch && <> on <strong>{run.branch}</strong></>}
        {run.commitSha && <> at <code title={run.commitSha}>{run.commitSha.slice(0, 12)}</code></>}
        {run.runnerHost && <> · runner {run.runnerHost}</>}
        {run.externalId && <> · CI id {run.externalId}</>}
        {safeCiUrl && <> · <a href={safeCiUrl} rel="noopener noreferrer" className="underline">CI build</a></>}
      </p>
      <dl className="grid grid-cols-2 gap-3 rounded-lg border border-zinc-200 p-3 sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800" data-testid="run-totals">
        <TotalFact run={run} />
        <Fact label="Setup">
          {formatDuration(run.setupDurationMs)}
          {run.setupRegression && <SlowSetupBadge />}
          {run.setupDurationMs !== null && <span className={note}>derived from phases</span>}
        </Fact>
        <Fact label="Tests">{formatDuration(run.testDurationMs)}</Fact>
        <Fact label="Specs">{specsSummary(run)}</Fact>
        <Fact label="Failed / skipped">{failed} failed, {skipped} skipped</Fact>
        <Fact label="Flaky / muted">{run.testsFlaky} flaky, {run.testsMuted} muted</Fact>
      </dl>
      <p className="text-sm" data-testid="median-comparison">
        {typeof comparison === "string"
          ? comparison
          : comparison.enough
            ? <>Total {formatDuration(run.durationMs)}: <strong>{formatDelta(comparison.deltaPercent)}</strong> vs median of {comparison.n} earlier {run.mode} runs ({formatDuration(comparison.median)}); runs whose setup failed are left out.</>
            : <>Not enough runs to compare: {comparison.n === 0 ? "no" : `only ${comparison.n}`} earlier finished {run.mode} run{comparison.n === 1 ? "" : "s"} with a working setup (3 needed).</>}
      </p>
      <ClaimNotes run={run} />
      {claimDiffers && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200" data-testid="claim-mismatch">
          CI said {run.claimedStatus}; Runboard says {run.status}: {verdictReason}.
        </p>
      )}
    </header>
  );
}
