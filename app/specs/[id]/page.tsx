// A spec's history: identity, outcomes of its last 50 runs, duration trend,
// failures with their signatures, flakiness, and its triage item.
import Link from "next/link";
import { notFound } from "next/navigation";
import { SpecDurationChart } from "@/components/charts/spec-duration-chart";
import { HistoryStrip } from "@/components/specs/history-strip";
import { SpecFailures } from "@/components/specs/spec-failures";
import { TriagePanel } from "@/components/specs/triage-panel";
import { assessFlakiness } from "@/lib/analysis/spec-flakiness";
import { formatDateTime } from "@/lib/format";
import { HISTORY_RUNS, findSpecHistory } from "@/lib/queries/find-spec-history";
import { getTestCase } from "@/lib/queries/get-test-case";
import { readerScope, requireReader } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

function Section({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function IdList({ ids, label }: { ids: string[]; label: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className="flex flex-wrap gap-1">
        {ids.length ? ids.map((r) => <code key={r} className="rounded bg-zinc-100 px-1.5 text-xs dark:bg-zinc-800">{r}</code>) : "—"}
      </dd>
    </div>
  );
}

export default async function SpecPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const reader = await requireReader(`/specs/${id}`);
  const spec = await getTestCase(id, await readerScope(reader));
  if (!spec) notFound();
  const history = await findSpecHistory(spec);
  const flakiness = assessFlakiness(history);
  const failures = history.filter((h) => h.status === "failed" || h.status === "errored").length;
  const points = [...history].reverse().map((h) => ({
    label: h.runStartedAt.toISOString().slice(5, 10),
    durationS: h.durationMs === null || h.status === "skipped" ? null : Math.round(h.durationMs / 10) / 100,
    status: h.status,
  }));
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <p className="text-sm text-zinc-500">
          <Link href={`/runs?project=${spec.project.slug}`} className="hover:underline">{spec.project.name}</Link> · {spec.suite || spec.classname}
        </p>
        <h1 className="break-words text-xl font-semibold">{spec.name}</h1>
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <IdList ids={spec.requirementIds} label="Requirement IDs" />
          <IdList ids={spec.testIds} label="Test IDs" />
          <div>
            <dt className="text-xs uppercase tracking-wide text-zinc-500">File / first seen (run start)</dt>
            <dd>{spec.file ?? spec.classname} · <span data-testid="first-seen">{formatDateTime(spec.firstSeenAt)}</span></dd>
          </div>
        </dl>
      </header>
      <Section title={`Last ${history.length} runs`} id="history">
        {history.length === 0 ? (
          <p className="text-sm text-zinc-500">This spec has no results yet.</p>
        ) : (
          <>
            <p className="text-sm" data-testid="spec-summary">
              {failures} of {history.length} failed
              {history.length === HISTORY_RUNS ? ` (the last ${HISTORY_RUNS} runs)` : ""}.
            </p>
            <HistoryStrip history={history} />
            <p className="text-sm" data-testid="flakiness">
              {flakiness.flaky ? (
                <strong className="text-amber-700 dark:text-amber-400">Flaky: </strong>
              ) : (
                "Not flaky in these runs: "
              )}
              {flakiness.mixedCommits.length} commit{flakiness.mixedCommits.length === 1 ? "" : "s"} where it both passed and failed
              {flakiness.retriedResults ? `, ${flakiness.retriedResults} result${flakiness.retriedResults === 1 ? "" : "s"} marked flaky or retried` : ""}.
            </p>
          </>
        )}
      </Section>
      {history.length > 1 && (
        <Section title="Duration" id="duration">
          <SpecDurationChart points={points} />
        </Section>
      )}
      <Section title={`Failures (${failures})`} id="failures">
        <SpecFailures history={history} />
      </Section>
      <Section title="Triage" id="triage">
        <TriagePanel triage={spec.triageItem} />
      </Section>
    </div>
  );
}
