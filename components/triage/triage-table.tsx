"use client";
// The triage items as a table. Team leads select rows and assign them in bulk.
import { type ColumnDef, type RowSelectionState, getCoreRowModel, getSortedRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { sendJson } from "@/components/triage/api";
import { RequirementChips, TriageStatusBadge } from "@/components/triage/triage-badges";
import type { TriageRow } from "@/lib/queries/find-triage-items";
import { STATUS_LABEL, TRIAGE_STATUSES } from "@/lib/triage/schemas";

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

const select = "rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900";
const button = "rounded bg-zinc-900 px-3 py-1 text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900";

export function TriageTable({ rows, canAssign, people, categories = [] }: {
  rows: TriageRow[]; canAssign: boolean; people: { id: string; name: string }[]; categories?: { key: string; label: string }[];
}) {
  const router = useRouter();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [assignee, setAssignee] = useState("");
  const [status, setStatus] = useState("");
  const [category, setCategory] = useState("");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const columns = useMemo<ColumnDef<TriageRow>[]>(() => {
    const cols: ColumnDef<TriageRow>[] = [
      {
        // the spec takes the width the other columns leave (at least 16rem), so "Last failed" is never cut off
        id: "spec", header: "Spec", accessorKey: "specName", meta: { wrap: true, className: "w-full min-w-64 max-w-0" },
        cell: ({ row }) => (
          <div>
            <Link href={`/triage/${row.original.id}`} className="font-medium hover:underline">{row.original.specName}</Link>
            {row.original.signature && <p className="mt-0.5 truncate font-mono text-xs text-zinc-500" title={row.original.signature}>{row.original.signature}</p>}
          </div>
        ),
      },
      { id: "project", header: "Project", accessorKey: "projectSlug" },
      { id: "reqs", header: "Requirement IDs", enableSorting: false, cell: ({ row }) => <RequirementChips ids={row.original.requirementIds} />, meta: { wrap: true } },
      { id: "status", header: "Status", accessorKey: "status", cell: ({ row }) => <TriageStatusBadge status={row.original.status} /> },
      {
        id: "category", header: "Category", accessorFn: (r) => r.categoryLabel ?? "", meta: { wrap: true },
        cell: ({ row }) => row.original.categoryLabel
          ? <span>{row.original.categoryLabel}</span>
          : <span className="text-zinc-500" title={row.original.suggestionReason ?? undefined}>suggested: {row.original.suggestedLabel ?? "—"}</span>,
      },
      { id: "assignee", header: "Assignee", accessorFn: (r) => r.assigneeName ?? r.ownerTeamName ?? "",
        cell: ({ row }) => row.original.assigneeName ?? (row.original.ownerTeamName ? `${row.original.ownerTeamName} (team)` : <span className="text-zinc-500 dark:text-zinc-400">unowned</span>) },
      { id: "failures", header: "Failures", accessorKey: "failureCount", meta: { numeric: true } },
      { id: "lastSeen", header: "Last failed", meta: { className: "whitespace-nowrap" }, accessorFn: (r) => new Date(r.lastSeenAt).getTime(), cell: ({ row }) => day(row.original.lastSeenAt) },
    ];
    if (canAssign) {
      cols.unshift({
        id: "select", enableSorting: false,
        header: ({ table }) => (
          <input type="checkbox" aria-label="Select all items" checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
        ),
        cell: ({ row }) => (
          <input type="checkbox" aria-label={`Select ${row.original.specName}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
        ),
      });
    }
    return cols;
  }, [canAssign]);

  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows, columns, getRowId: (r) => r.id, state: { rowSelection: selection }, onRowSelectionChange: setSelection,
    enableRowSelection: canAssign, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel(),
  });
  const selected = Object.keys(selection).filter((k) => selection[k]);

  async function send(url: string, body: unknown, done: string) {
    setBusy(true);
    const error = await sendJson(url, "POST", body);
    setBusy(false);
    if (error) return setMessage({ error: true, text: error });
    setMessage({ error: false, text: `${done} ${selected.length} item${selected.length === 1 ? "" : "s"}.` });
    setSelection({});
    router.refresh();
  }
  const assign = () => send("/api/triage/assign", { itemIds: selected, assigneeId: assignee === "none" ? null : assignee }, "Assigned");
  const change = () => send("/api/triage/bulk", {
    itemIds: selected, ...(status && { status }), ...(category && { categoryKey: category === "none" ? null : category }),
  }, "Changed");

  return (
    <div className="space-y-2">
      {canAssign && (
        <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Bulk assign">
          <span>{selected.length} selected</span>
          <label className="sr-only" htmlFor="bulk-assignee">Assign to</label>
          <select id="bulk-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} className={select}>
            <option value="">Assign to…</option>
            <option value="none">Nobody (unassign)</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
          <button type="button" disabled={busy || !selected.length || !assignee} onClick={assign} className={button}>
            Assign selected
          </button>
          <label className="sr-only" htmlFor="bulk-status">Set status</label>
          <select id="bulk-status" value={status} onChange={(e) => setStatus(e.target.value)} className={select}>
            <option value="">Status…</option>
            {TRIAGE_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
          </select>
          <label className="sr-only" htmlFor="bulk-category">Set category</label>
          <select id="bulk-category" value={category} onChange={(e) => setCategory(e.target.value)} className={select}>
            <option value="">Category…</option>
            <option value="none">Not confirmed (clear)</option>
            {categories.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
          </select>
          <button type="button" disabled={busy || !selected.length || !(status || category)} onClick={change} className={button}>
            Change selected
          </button>
          {message && <span role={message.error ? "alert" : "status"} className={message.error ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}>{message.text}</span>}
        </div>
      )}
      <DataTable table={table} caption="Triage items" testId="triage-table" empty={<p className="p-4 text-sm text-zinc-500">No triage items match these filters.</p>} />
    </div>
  );
}
