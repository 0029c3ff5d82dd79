// One run: totals and how it compares, the phase waterfall, failures grouped
// by signature, and the spec results (failures first, 200 at a time).
import Link from "next/link";
import { notFound } from "next/navigation";
import { PhaseWaterfall } from "@/components/charts/phase-waterfall";
import { FailureGroups, failureGroupsHeadingCount } from "@/components/runs/failure-groups";
import { PhaseTable } from "@/components/runs/phase-table";
import { ReportList } from "@/components/runs/report-list";
import { RunResultsTable } from "@/components/runs/run-results-table";
import { RunSummary } from "@/components/runs/run-summary";
import { RunCompareLinks } from "@/components/compare/run-compare-links";
import { RerunPanel } from "@/components/runner/rerun-panel";
import { StatsExclusion } from "@/components/runs/stats-exclusion";
import { compareWithMedian } from "@/lib/analysis/median-comparison";
import { layoutWaterfall } from "@/lib/analysis/phase-waterfall";
import { computeRunStatus } from "@/lib/analysis/run-status";
import { findModeBaseline } from "@/lib/queries/find-mode-baseline";
import { findRunFailureGroups } from "@/lib/queries/find-run-failure-groups";
import { RESULTS_MAX, RESULTS_STEP, findRunResults } from "@/lib/queries/find-run-results";
import { findRunEvents } from "@/lib/queries/find-run-events";
import { getRunDetail } from "@/lib/queries/get-run-detail";
import { firstValue } from "@/lib/schemas/search-params";
import { projectRole, readerScope, requireReader } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { LiveRunPanel } from "@/components/runner/live-run-panel";
import { findProvisioningJobStatus, runHasLiveView } from "@/lib/runner/get-live-run";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ results?: string | string[] }> };

function resultsLimit(raw: string | string[] | undefined): number {
  const n = Number(firstValue(raw));
  return Number.isInteger(n) && n > 0 ? Math.min(Math.ceil(n / RESULTS_STEP) * RESULTS_STEP, RESULTS_MAX) : RESULTS_STEP;
}

function Section({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function RunPage({ params, searchParams }: Props) {
  const { id } = await params;
  const reader = await requireReader(`/runs/${id}`);
  const run = await getRunDetail(id, await readerScope(reader));
  if (!run) notFound();
  const role = await projectRole(reader, run.projectId);
  const limit = resultsLimit((await searchParams).results);
  const comparable = run.durationMs !== null && run.setupOk !== false && run.finishedAt !== null;
  const [baseline, results, groups, liveView, jobStatus, events] = await Promise.all([
    comparable ? findModeBaseline(run) : Promise.resolve([]),
    findRunResults(run, limit),
    run.testsFailed + run.testsErrored > 0 ? findRunFailureGroups(run) : Promise.resolve({ groups: [], groupCount: 0, failureCount: 0 }),
    runHasLiveView(run.id),
    findProvisioningJobStatus(run.id),
    findRunEvents(run.id),
  ]);
  const comparison = run.durationMs === null
    ? run.finishedAt === null
      ? "No total duration yet (the run has not finished), so no comparison."
      : run.windowStartSource === "request_time"
        ? "The total duration is unknown (no start time was sent), so no comparison; the run is left out of the timing figures."
        : "The total duration is unknown: the phases and report timestamps span more than a week, longer than any run can take (a stale report or a clock far off?), so no comparison; the run is left out of the timing figures."
    : run.status === "cancelled"
      ? "The run was cancelled, so the duration is not compared with other runs."
    : run.setupOk === false
      ? "The setup failed, so the duration is not compared with other runs."
      : compareWithMedian(run.durationMs, baseline);
  const verdict = computeRunStatus({
    finished: run.finishedAt !== null, claimed: run.claimedStatus, phaseStatuses: run.phases.map((p) => p.status),
    passed: run.testsPassed, failed: run.testsFailed, errored: run.testsErrored, skipped: run.testsSkipped,
    pending: run.testsPending, muted: run.testsMuted,
  });
  const lanes = layoutWaterfall(run.phases, run.windowStart ?? run.startedAt);
  // a provisioning job or a CI job's posted log tail (runboard exec) gives the run a live panel
  const provisioned = liveView;
  // while the job is queued or running (or a CI run is still open), its phases fill in in the live panel; the waterfall follows when it ends
  const live = jobStatus !== null ? jobStatus === "queued" || jobStatus === "starting" || jobStatus === "running" : liveView && run.finishedAt === null;
  return (
    <div className="space-y-8">
      <RunSummary run={run} comparison={comparison} verdictReason={verdict.reason} queued={jobStatus === "queued"} />
      <RunCompareLinks run={run} />
      <RerunPanel run={run} canRerun={hasRole(role, "triager")} />
      {provisioned && (
        <Section title="Live provisioning" id="live">
          <LiveRunPanel runId={run.id} canControl={hasRole(role, "triager")} />
        </Section>
      )}
      <Section title="Timing statistics" id="stats">
        <StatsExclusion runId={run.id} excluded={run.statsExcluded} events={events} canEdit={hasRole(role, "lead")} />
      </Section>
      <Section title="Setup phases" id="phases">
        {lanes.length === 0 ? (
          <p className="text-sm text-zinc-500">{live ? "The phases fill in in the live panel above while the run is in progress." : "No phase timings were reported for this run."}</p>
        ) : (
          <>
            <PhaseWaterfall lanes={lanes} />
            <PhaseTable lanes={lanes} />
          </>
        )}
      </Section>
      <Section title={`Failures by signature (${failureGroupsHeadingCount(groups)})`} id="failures">
        <FailureGroups {...groups} />
      </Section>
      <Section title={`Spec results (${results.length} of ${run.testsTotal})`} id="results">
        {run.testsTotal === 0 ? (
          <p className="text-sm text-zinc-500">No spec results were reported.</p>
        ) : (
          <>
            <RunResultsTable rows={results} />
            {results.length < run.testsTotal && results.length >= limit && limit < RESULTS_MAX && (
              <Link href={`/runs/${run.id}?results=${limit + RESULTS_STEP}#results`} scroll={false} className="inline-block rounded border px-3 py-1 text-sm">
                Show {Math.min(RESULTS_STEP, run.testsTotal - results.length)} more
              </Link>
            )}
          </>
        )}
      </Section>
      <Section title="Reports" id="reports">
        <ReportList run={run} />
      </Section>
    </div>
  );
}
