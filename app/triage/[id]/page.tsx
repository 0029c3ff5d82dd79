import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ItemEditor } from "@/components/triage/item-editor";
import { RequirementChips, TriageStatusBadge } from "@/components/triage/triage-badges";
import { hasRole } from "@/lib/auth/roles";
import { projectRole, readerScope, requireReader } from "@/lib/auth/session";
import { findAssignees } from "@/lib/queries/find-assignees";
import { getTriageItem } from "@/lib/queries/get-triage-item";
import { isUuid } from "@/lib/schemas/uuid";

export const metadata: Metadata = { title: "Triage item · Runboard" };
export const dynamic = "force-dynamic";

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
const day = (d: Date) => d.toISOString().slice(0, 10);

const EVENT_TEXT: Record<string, string> = {
  created: "opened the item", status: "changed the status", category: "changed the category", assignee: "changed the assignee",
  ticket: "changed the ticket link", comment: "commented", auto_resolved: "resolved automatically", reopened: "reopened (regression)",
};

export default async function TriageItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireReader(`/triage/${id}`);
  const data = isUuid(id) ? await getTriageItem(id, await readerScope(user)) : null;
  if (!data) notFound();
  const role = await projectRole(user, data.item.projectId);
  const { item, categories, failures } = data;
  const people = await findAssignees(data.item.projectId);
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
      <div className="space-y-5">
        <div>
          <p className="text-sm text-zinc-500"><Link href={`/triage?project=${item.project.slug}`} className="hover:underline">Triage</Link> · {item.project.name}</p>
          <h1 className="text-lg font-semibold">{item.testCase.name}</h1>
          <p className="text-sm text-zinc-500">{item.testCase.classname}</p>
        </div>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="triage-facts">
          <div><dt className="text-xs uppercase text-zinc-500">Status</dt><dd><TriageStatusBadge status={item.status} /></dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Category</dt><dd data-testid="item-category">{item.category?.label ?? "not confirmed"}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Assignee</dt><dd data-testid="item-assignee">{item.assignee?.name ?? (item.ownerTeam ? `${item.ownerTeam.name} (team)` : "unowned")}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Failures</dt><dd>{item.failureCount}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">First failed</dt><dd data-testid="first-failed">{when(item.firstSeenAt)}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Last failed</dt><dd>{when(item.lastSeenAt)}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Passing streak</dt><dd>{item.consecutivePasses} of {item.project.autoResolveAfter} to resolve</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Ticket</dt><dd>{item.ticketUrl ? <a href={item.ticketUrl} rel="noreferrer noopener" target="_blank" className="break-all text-sky-700 hover:underline dark:text-sky-400">{item.ticketUrl}</a> : "—"}</dd></div>
        </dl>
        <div className="text-sm"><span className="mr-2 text-xs uppercase text-zinc-500">Requirement IDs</span><RequirementChips ids={item.testCase.requirementIds} /></div>
        <section className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-testid="suggestion">
          <h2 className="font-medium">Suggested category: {item.suggestedCategory?.label ?? "none"}</h2>
          <p className="text-zinc-600 dark:text-zinc-400">{item.suggestionReason ?? "No reason recorded."}</p>
        </section>
        {item.signature && (
          <section className="text-sm">
            <h2 className="mb-1 font-medium">Failure signature</h2>
            <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-900">{item.signature.text}</pre>
          </section>
        )}
        <section>
          <h2 className="mb-2 font-medium">Runs where it failed ({failures.length}{failures.length === 50 ? ", latest 50" : ""})</h2>
          <ul className="space-y-1 text-sm">
            {failures.map((f) => (
              <li key={f.runId}>
                <Link href={`/runs/${f.runId}`} className="hover:underline">{when(f.runStartedAt)}</Link>
                <span className="text-zinc-500"> · {f.mode}{f.branch ? ` · ${f.branch}` : ""} · {f.status}</span>
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h2 className="mb-2 font-medium">History</h2>
          <ol className="space-y-1 text-sm" data-testid="triage-history">
            {item.events.map((e) => (
              <li key={e.id}>
                <span className="text-zinc-500" data-testid="event-time">{when(e.at)}</span>{" "}
                <span className="font-medium">{e.actor?.name ?? "Runboard"}</span> {EVENT_TEXT[e.kind] ?? e.kind}
                {(e.fromValue || e.toValue) && <span>: {e.fromValue ?? "—"} → {e.toValue ?? "—"}</span>}
                {e.comment && <span className="text-zinc-600 dark:text-zinc-400"> “{e.comment}”</span>}
                {e.runId && (
                  <>
                    {" "}(<Link href={`/runs/${e.runId}`} className="hover:underline">run of {day(e.at)}</Link>
                    {day(e.createdAt) !== day(e.at) && <span className="text-zinc-500">, uploaded {day(e.createdAt)}</span>})
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <aside className="space-y-3">
        <h2 className="font-medium">Change</h2>
        <ItemEditor
          itemId={item.id} status={item.status} categoryId={item.categoryId} suggestedCategoryId={item.suggestedCategoryId}
          ticketUrl={item.ticketUrl} assigneeId={item.assigneeId} categories={categories} people={people}
          canEdit={hasRole(role, "triager")} canAssign={hasRole(role, "lead")}
        />
        <p className="text-xs"><Link href={`/specs/${item.testCase.id}`} className="hover:underline">Spec history →</Link></p>
      </aside>
    </div>
  );
}
