// Requirement IDs, each with its specs: the latest result and the triage state.
import Link from "next/link";
import { ResultBadge } from "@/components/requirements/result-badge";
import { TriageStatusBadge } from "@/components/triage/triage-badges";
import { formatDateTime } from "@/lib/format";
import type { RequirementRow } from "@/lib/queries/find-requirements";
import { STATUS_LABEL, type TriageStatusValue } from "@/lib/triage/schemas";

export function RequirementList({ rows, showProject }: { rows: RequirementRow[]; showProject: boolean }) {
  return (
    <ul className="space-y-3" data-testid="requirements">
      {rows.map((r) => {
        const headingId = `req-${r.projectSlug}-${r.requirementId}`.replace(/[^A-Za-z0-9_-]/g, "_");
        return (
          <li key={`${r.projectSlug}\0${r.requirementId}`} aria-labelledby={headingId} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <h2 id={headingId} className="font-mono text-sm font-semibold">
                <Link href={`/triage?req=${encodeURIComponent(r.requirementId)}&status=all`} className="hover:underline">{r.requirementId}</Link>
              </h2>
              {showProject && <span className="text-xs text-zinc-500">{r.projectSlug}</span>}
              <span
                data-testid="open-items"
                className={`ml-auto text-xs ${r.openItems ? "font-medium text-red-700 dark:text-red-400" : "text-zinc-500"}`}
              >
                {r.openItems} open item{r.openItems === 1 ? "" : "s"} · {r.specs.length} spec{r.specs.length === 1 ? "" : "s"}
              </span>
            </div>
            <ul className="mt-2 divide-y divide-zinc-100 text-sm dark:divide-zinc-800/70" aria-label={`Specs of ${r.requirementId}`}>
              {r.specs.map((s) => (
                <li key={s.testCaseId} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
                  <Link href={`/specs/${s.testCaseId}`} className="min-w-0 flex-1 break-words hover:underline">{s.name}</Link>
                  <span className="flex items-center gap-2">
                    <span className="sr-only">Latest result:</span>
                    <ResultBadge status={s.latestStatus} />
                    {s.latestAt && <time dateTime={new Date(s.latestAt).toISOString()} className="text-xs text-zinc-500 tabular-nums">{formatDateTime(s.latestAt)}</time>}
                  </span>
                  <span className="w-32 text-right">
                    {s.itemId && s.itemStatus ? (
                      <Link href={`/triage/${s.itemId}`} aria-label={`Triage item of ${s.name}: ${STATUS_LABEL[s.itemStatus as TriageStatusValue] ?? s.itemStatus}`} className="hover:opacity-80">
                        <TriageStatusBadge status={s.itemStatus} />
                      </Link>
                    ) : (
                      <span className="text-xs text-zinc-500">not in triage</span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
