// Timing analytics: sequential versus parallel (or any modes), per phase,
// with n, intervals and tests; never a bare claim.
import Link from "next/link";
import { notFound } from "next/navigation";
import { ComparabilityNote, HostNote, OutlierList, type TimingLink } from "@/components/timing/comparability-note";
import { DurationCharts } from "@/components/timing/duration-charts";
import { packPoints } from "@/components/timing/duration-points";
import { PhaseStackChart } from "@/components/timing/phase-stack-chart";
import { DurationChangeList } from "@/components/timing/duration-change-list";
import { TargetStatus } from "@/components/timing/target-status";
import { ModeTable, ParallelGroups, Verdict } from "@/components/timing/timing-summary";
import { findRecentDurationChanges } from "@/lib/queries/find-duration-changes";
import { isAppError } from "@/lib/errors";
import { formatDateTime, formatDuration } from "@/lib/format";
import { timingQuerySchema } from "@/lib/queries/get-project-timing";
import { type ProjectTimingAsOf, getRecentProjectTiming } from "@/lib/queries/recent-project-timing";
import { readerScope, requireReader } from "@/lib/auth/session";
import { firstValues } from "@/lib/schemas/search-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ project: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TimingPage({ params, searchParams }: Props) {
  const { project } = await params;
  const reader = await requireReader(`/projects/${project}/timing`);
  // an empty form field ("to=") means "no filter", not an invalid one
  const raw = Object.fromEntries(Object.entries(firstValues(await searchParams)).filter(([, v]) => v !== ""));
  const parsed = timingQuerySchema.safeParse(raw);
  const q = parsed.success ? parsed.data : {};
  let t: ProjectTimingAsOf;
  try {
    t = await getRecentProjectTiming(project, q, await readerScope(reader));
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const r = t.report;
  const link: TimingLink = (patch) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, ...patch })) if (v) sp.set(k, String(v));
    return `/projects/${encodeURIComponent(project)}/timing${sp.size ? `?${sp}` : ""}`;
  };
  const changes = r.layoutChanges.map((c) => ({ at: c.at, label: "layout changed" }));
  const days = q.days ?? 14;
  const durationChanges = await Promise.all(
    r.modes.map(async (m) => ({ mode: m.mode, changes: await findRecentDurationChanges(t.project.id, { days, mode: m.mode, branch: q.branch || undefined }) })),
  );
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Timing: {t.project.name}</h1>
          <p className="text-sm text-zinc-500">
            {r.points.length} finished runs compared{t.truncated ? " (of the newest 2000)" : ""}
            {r.excludedSetupFailures > 0 && `; ${r.excludedSetupFailures} failed in setup: shown, but kept out of every duration figure`}
            {r.excludedWithoutTiming > 0 && (
              <span data-testid="without-timing">
                ; {r.excludedWithoutTiming} run{r.excludedWithoutTiming === 1 ? "" : "s"} without timing (no start time was sent: no phases, no report timestamps, no startedAt), kept out of every duration figure
              </span>
            )}
          </p>
          <p className="text-xs text-zinc-500" data-testid="timing-as-of">
            Computed at {t.computedAt.slice(11, 19)} UTC; at most a minute old; a new run on this server is taken in within 30 s, a lead&apos;s change here at once.
          </p>
        </div>
        <form className="flex flex-wrap items-end gap-2 text-sm" method="get">
          <label className="flex flex-col">
            Branch
            <select name="branch" defaultValue={q.branch ?? ""} className="rounded border px-2 py-1 dark:bg-zinc-900">
              <option value="">all</option>
              {t.branches.map((b) => (
                <option key={b}>{b}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col">
            From
            <input type="date" name="from" defaultValue={q.from} className="rounded border px-2 py-1 dark:bg-zinc-900" />
          </label>
          <label className="flex flex-col">
            To
            <input type="date" name="to" defaultValue={q.to} className="rounded border px-2 py-1 dark:bg-zinc-900" />
          </label>
          {(["host", "population", "outliers"] as const).map((k) => q[k] && <input key={k} type="hidden" name={k} value={q[k]} />)}
          <button className="rounded border px-3 py-1">Apply</button>
          {!parsed.success && <span role="alert" className="text-red-600">Ignored an invalid filter.</span>}
        </form>
      </header>

      <section aria-labelledby="verdict" className="space-y-3">
        <h2 id="verdict" className="text-lg font-semibold">What changed</h2>
        <ComparabilityNote report={r} link={link} />
        <HostNote report={r} link={link} host={q.host} />
        {r.comparisons.length ? r.comparisons.map((c) => <Verdict key={c.metric} c={c} />) : <p>Only one mode so far: nothing to compare.</p>}
        {t.target && t.targetHistory && <TargetStatus target={t.target} history={t.targetHistory} />}
      </section>

      <section aria-labelledby="biggest-changes" className="space-y-4">
        <h2 id="biggest-changes" className="text-lg font-semibold">Biggest duration changes: the last {days} days against the {days} before</h2>
        {durationChanges.map(({ mode, changes: c }) => (
          <div key={mode} className="space-y-2">
            <h3 className="font-medium">{mode} runs</h3>
            <DurationChangeList changes={c} specHref={(id) => `/specs/${id}`} phaseHref="#phases" />
          </div>
        ))}
      </section>

      <section aria-labelledby="modes" className="space-y-2">
        <h2 id="modes" className="text-lg font-semibold">Per mode</h2>
        <ModeTable modes={r.modes} />
      </section>

      <section aria-labelledby="over-time" className="space-y-2">
        <h2 id="over-time" className="text-lg font-semibold">Over time</h2>
        <DurationCharts packed={packPoints(r.points)} changes={changes} />
        {r.layoutChanges.map((c) => (
          <p key={c.runId} className="text-sm text-zinc-500">
            Phase layout changed on {formatDateTime(new Date(c.at))}: {c.from.join(" → ")} became {c.to.join(" → ")}. Phase figures are compared within one layout only.
          </p>
        ))}
      </section>

      <section aria-labelledby="outliers-title" className="space-y-2">
        <h2 id="outliers-title" className="text-lg font-semibold">Runs far outside their mode</h2>
        <OutlierList report={r} link={link} />
      </section>

      <section aria-labelledby="phases" className="space-y-2">
        <h2 id="phases" className="text-lg font-semibold">Where the setup time goes</h2>
        <PhaseStackChart rows={r.phaseMedians.map((m) => ({ label: `${m.mode} (${m.layout.length} phases, n = ${m.runs})`, phases: m.phases }))} />
        <ParallelGroups groups={r.parallelGroups} />
      </section>

      <section aria-labelledby="regressions" className="space-y-2">
        <h2 id="regressions" className="text-lg font-semibold">Setup-time regressions</h2>
        {r.regressions.length === 0 ? (
          <p className="text-sm text-zinc-500">No run&apos;s setup time is far above its mode&apos;s recent runs (median + 3 scaled MADs of up to 20 previous runs; at least 5 needed).</p>
        ) : (
          <ul className="list-disc pl-5 text-sm">
            {r.regressions.map((g) => (
              <li key={g.runId}>
                <Link className="underline" href={`/runs/${g.runId}`}>run {g.runId.slice(0, 8)}</Link>: setup above {formatDuration(g.check.threshold)} ({g.check.reason})
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
