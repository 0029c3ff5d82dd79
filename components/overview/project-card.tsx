import Link from "next/link";
import { DurationTrend, PassRateTrend, type TrendPoint } from "@/components/charts/trend-charts";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime, formatDuration, specsRan, specsSummary } from "@/lib/format";
import type { ProjectOverview } from "@/lib/queries/find-project-overviews";

export function ProjectCard({ project }: { project: ProjectOverview }) {
  const { latest } = project;
  const points: TrendPoint[] = project.recent.map((r) => {
    const ran = specsRan(r);
    return {
      label: r.startedAt.toISOString().slice(5, 10),
      mode: r.mode,
      // runs that failed in setup have no comparable duration
      durationS: r.setupOk === false || r.durationMs === null ? null : Math.round(r.durationMs / 100) / 10,
      passRate: ran ? Math.round((1000 * r.testsPassed) / ran) / 10 : null,
    };
  });
  return (
    <section className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" aria-labelledby={`p-${project.slug}`}>
      <header className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`p-${project.slug}`} className="text-lg font-semibold">
          {project.name} <span className="text-sm font-normal text-zinc-500">{project.slug}</span>
        </h2>
        <span className="flex items-baseline gap-4 text-sm">
          <Link href={`/projects/${project.slug}/timing`} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            Timing analytics
          </Link>
          <Link href={`/runs?project=${project.slug}`} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            {project.runCount === 1 ? "1 run" : `${project.runCount} runs`}
          </Link>
          <Link href={`/triage?project=${project.slug}`} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400" data-testid="open-triage">
            {project.openTriageItems} open triage item{project.openTriageItems === 1 ? "" : "s"}
          </Link>
          <Link href={`/projects/${project.slug}/settings`} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            Settings
          </Link>
        </span>
      </header>
      {latest ? (
        <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-1 text-sm" data-testid="latest-run">
          <span>Latest run:</span>
          <StatusBadge run={latest} />
          <span>{latest.mode}</span>
          <span>{specsSummary(latest)}</span>
          <span>
            {latest.testsFailed + latest.testsErrored} failed, {latest.testsSkipped + latest.testsPending} skipped
          </span>
          <span>total {formatDuration(latest.durationMs)}</span>
          <Link href={`/runs/${latest.id}`} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            {formatDateTime(latest.startedAt)}
          </Link>
        </div>
      ) : (
        <p className="text-sm text-zinc-500">No runs yet. Post one with the CLI or the ingest API.</p>
      )}
      {project.latestFinished && (
        <p className="mb-4 text-sm" data-testid="open-failures">
          <Link href={`/runs/${project.latestFinished.id}#failures`} className={project.latestFinished.failingSpecs ? "font-medium text-red-700 underline-offset-2 hover:underline dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}>
            {project.latestFinished.failingSpecs} spec{project.latestFinished.failingSpecs === 1 ? "" : "s"} failing in the latest finished run
          </Link>
        </p>
      )}
      {points.length > 1 && (
        <div className="grid gap-4 md:grid-cols-2">
          <figure>
            <figcaption className="mb-1 text-sm font-medium">Duration by mode (last {points.length} runs)</figcaption>
            <DurationTrend points={points} />
          </figure>
          <figure>
            <figcaption className="mb-1 text-sm font-medium">Pass rate of specs that ran</figcaption>
            <PassRateTrend points={points} />
          </figure>
        </div>
      )}
    </section>
  );
}
