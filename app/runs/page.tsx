// Runs: every run of every project, filtered, sorted and paged on the server;
// the whole view state is in the URL.
import { Pager } from "@/components/runs/pager";
import { RunFilters } from "@/components/runs/run-filters";
import { RunsTable } from "@/components/runs/runs-table";
import { findProjectModes } from "@/lib/queries/find-project-modes";
import { findProjectOptions } from "@/lib/queries/find-project-options";
import { findRuns } from "@/lib/queries/find-runs";
import { hasFilters, parseRunListQuery, runListHref } from "@/lib/schemas/run-list-query";
import { readerScope, requireReader } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

const SORT_LABEL = { started: "start time", duration: "total duration", setup: "setup duration" } as const;

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await readerScope(await requireReader("/runs"));
  const query = parseRunListQuery(await searchParams);
  const [page, projects, modes] = await Promise.all([findRuns(query, undefined, scope), findProjectOptions(scope), findProjectModes(scope)]);
  const base = { ...query, after: undefined, before: undefined };
  const paged = Boolean(query.after || query.before);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Runs</h1>
        <p className="text-sm text-zinc-500">
          <span data-testid="run-count">{page.total.toLocaleString("en")}{page.totalCapped ? "+" : ""} run{page.total === 1 ? "" : "s"}{hasFilters(query) ? " match" : ""}</span>. Sorted by {SORT_LABEL[query.sort]}, {query.dir === "desc" ? "highest first" : "lowest first"}; runs without a value come last.
        </p>
      </div>
      <RunFilters query={query} projects={projects} modes={modes} />
      {page.unknownProject ? (
        <p role="status" className="text-zinc-500">There is no project “{query.project}”.</p>
      ) : projects.length === 0 ? (
        <p role="status" className="text-zinc-500">No runs yet. Post one with the CLI or the ingest API.</p>
      ) : (
        <>
          <RunsTable
            rows={page.rows}
            query={query}
            emptyText={hasFilters(query) ? "No runs match these filters." : paged ? "No more runs." : "No runs yet. Post one with the CLI or the ingest API."}
          />
          <Pager
            firstHref={paged ? runListHref(base) : null}
            prevHref={page.prev ? runListHref(base, { before: page.prev }) : null}
            nextHref={page.next ? runListHref(base, { after: page.next }) : null}
          />
        </>
      )}
    </div>
  );
}
