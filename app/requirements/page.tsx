// Requirement IDs across specs: which specs cover a requirement, how they last
// ran, and what triage says about the failing ones.
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { RequirementFilters } from "@/components/requirements/requirement-filters";
import { RequirementList } from "@/components/requirements/requirement-list";
import { readerScope, requireReader } from "@/lib/auth/session";
import { findProjectOptions } from "@/lib/queries/find-project-options";
import { findRequirements, summarizeRequirements } from "@/lib/queries/find-requirements";
import { oneParam } from "@/lib/schemas/search-params";

export const metadata: Metadata = { title: "Requirements · Runboard" };
export const dynamic = "force-dynamic";

/** More requirements than this is a page nobody reads; the filter narrows it. */
const SHOWN = 300;

const one = oneParam(z.string().trim().max(200).optional().catch(undefined));
const filterSchema = z.object({ project: one, q: one });

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RequirementsPage({ searchParams }: Props) {
  const scope = await readerScope(await requireReader("/requirements"));
  const { project, q } = filterSchema.parse(await searchParams);
  const filter = { project: project || undefined, q: q || undefined };
  const [rows, projects] = await Promise.all([findRequirements(filter, scope), findProjectOptions(scope)]);
  const head = summarizeRequirements(rows);
  const filtered = !!(filter.project || filter.q);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Requirements</h1>
        <Link href={`/requirements/grid${filter.project ? `?project=${encodeURIComponent(filter.project)}` : ""}`} className="text-sm text-sky-700 underline dark:text-sky-400">Requirement × run grid</Link>
      </div>
      <RequirementFilters project={filter.project} q={filter.q} projects={projects} />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700" data-testid="requirements-empty">
          {filtered
            ? "No requirement ID matches these filters."
            : "No spec carries a requirement ID yet. They are read from spec names when test reports are uploaded."}
        </p>
      ) : (
        <>
          <p className="text-sm" data-testid="requirements-count">
            {head.requirements} requirement{head.requirements === 1 ? "" : "s"}, {head.openItems} open triage item{head.openItems === 1 ? "" : "s"}
            {head.openLinks !== head.openItems &&
              ` (${head.openLinks} item–requirement links: an item counts under each requirement its spec names)`}
            {rows.length > SHOWN && `; showing the first ${SHOWN} (most open items first), narrow the filters`}
          </p>
          <RequirementList rows={rows.slice(0, SHOWN)} showProject={!filter.project} />
        </>
      )}
    </div>
  );
}
