import type { Metadata } from "next";
import Link from "next/link";
import { CountChart } from "@/components/triage/triage-charts";
import { TriageBoard } from "@/components/triage/triage-board";
import { TriageFilters } from "@/components/triage/triage-filters";
import { TriageTable } from "@/components/triage/triage-table";
import { hasRole } from "@/lib/auth/roles";
import { readerScope, requireReader } from "@/lib/auth/session";
import { TRIAGE_LIMIT, TRIAGE_STEP, findTriageItems, triageFilterOptions, triageFilterSchema, triageShown, triageSummary } from "@/lib/queries/find-triage-items";

export const metadata: Metadata = { title: "Triage · Runboard" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function query(params: Record<string, string | undefined>) {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Suggestion accuracy with its n; too few confirmed items is said, not turned into a percentage. */
function Accuracy({ agreed, confirmed }: { agreed: number; confirmed: number }) {
  if (confirmed === 0) return <p data-testid="suggestion-accuracy">Suggestion accuracy: no item has a category confirmed by a person yet (n = 0).</p>;
  const pct = Math.round((agreed / confirmed) * 100);
  return (
    <p data-testid="suggestion-accuracy">
      Suggestion accuracy: the suggested category was the one people chose for {agreed} of {confirmed} confirmed item{confirmed === 1 ? "" : "s"} ({pct} %)
      {confirmed < 10 ? "; too few confirmed items to judge the rules yet." : "."}
    </p>
  );
}

export default async function TriagePage({ searchParams }: Props) {
  const user = await requireReader("/triage");
  const filter = triageFilterSchema.parse(await searchParams);
  const scope = await readerScope(user);
  const view = filter.view ?? "table";
  // the table shows its first rows and grows by "show more"; the board lays out every item by status
  const shown = view === "table" ? triageShown(filter.shown) : TRIAGE_LIMIT;
  const [{ rows, truncated }, summary, options] = await Promise.all([findTriageItems(filter, scope, shown), triageSummary(filter, scope), triageFilterOptions(scope)]);
  // the roles people hold in the listed projects; assigning is checked again per item's project
  const myRole = user ? options.people.find((p) => p.id === user.id)?.role : undefined;
  const base = { project: filter.project, req: filter.req, category: filter.category, status: filter.status, assignee: filter.assignee, team: filter.team };
  const assignable = options.people.filter((p) => hasRole(p.role, "triager"));
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Triage</h1>
        <div className="flex gap-3 text-sm">
          <Link href={`/triage${query({ ...base, view: "table" })}`} aria-current={view === "table" ? "page" : undefined} className={view === "table" ? "font-semibold" : "hover:underline"}>Table</Link>
          <Link href={`/triage${query({ ...base, view: "board" })}`} aria-current={view === "board" ? "page" : undefined} className={view === "board" ? "font-semibold" : "hover:underline"}>Board</Link>
          <a href={`/triage/export.csv${query(base)}`} className="hover:underline" download>Export CSV</a>
        </div>
      </div>
      <TriageFilters filter={filter} options={options} />
      <p className="text-sm" data-testid="triage-count">
        {summary.total} item{summary.total === 1 ? "" : "s"}
        {summary.byStatus.length > 0 && ` (${summary.byStatus.map((s) => `${s.count} ${s.status.replaceAll("_", " ")}`).join(", ")})`}
        {truncated && (shown < TRIAGE_LIMIT ? `; showing the first ${rows.length}` : `; showing the first ${TRIAGE_LIMIT}, narrow the filters`)}
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <CountChart title="By root-cause category (confirmed, else suggested)" data={summary.byCategory.map((c) => ({ label: c.label, count: c.count }))} color="#7c3aed" />
        <CountChart title="By assignee" data={summary.byAssignee.map((a) => ({ label: a.name, count: a.count }))} color="#0284c7" />
      </div>
      <div className="text-sm text-zinc-600 dark:text-zinc-400"><Accuracy {...summary.accuracy} /></div>
      {view === "board" ? (
        <TriageBoard rows={rows} />
      ) : (
        <>
          <TriageTable rows={rows} canAssign={hasRole(myRole, "lead")} people={assignable} categories={options.categories} />
          {truncated && shown < TRIAGE_LIMIT && (
            <Link href={`/triage${query({ ...base, shown: String(shown + TRIAGE_STEP) })}`} scroll={false} className="inline-block rounded border px-3 py-1 text-sm">
              Show {Math.min(TRIAGE_STEP, summary.total - rows.length)} more
            </Link>
          )}
        </>
      )}
    </div>
  );
}
