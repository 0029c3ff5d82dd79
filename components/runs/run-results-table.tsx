"use client";
// A run's spec results (the rows the server sent: up to the "show more"
// limit), filtered by status and text and sorted by duration in the browser.
import {
  type ColumnDef, type ColumnFiltersState, type SortingState,
  getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable,
} from "@tanstack/react-table";
import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { formatDuration } from "@/lib/format";
import type { RunResultRow } from "@/lib/queries/find-run-results";

const TONE: Record<string, string> = {
  passed: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-700 dark:text-red-400 font-semibold",
  errored: "text-amber-700 dark:text-amber-400 font-semibold",
  skipped: "text-zinc-500",
  pending: "text-zinc-500",
};

const columns: ColumnDef<RunResultRow>[] = [
  {
    id: "status",
    accessorKey: "status",
    header: "Status",
    enableSorting: false,
    filterFn: "equalsString",
    cell: ({ row }) => (
      <span className={TONE[row.original.status]}>
        {row.original.status}
        {row.original.flaky && <span className="ml-1 text-xs text-amber-700 dark:text-amber-400">flaky</span>}
        {row.original.retries > 0 && <span className="ml-1 text-xs text-zinc-500">{row.original.retries} retries</span>}
      </span>
    ),
  },
  {
    id: "spec",
    accessorFn: (r) => `${r.name}\n${r.message ?? ""}`,
    header: "Spec",
    enableSorting: false,
    filterFn: "includesString",
    meta: { wrap: true, className: "max-w-0 w-full" },
    cell: ({ row }) => (
      <>
        {/* a plain link: hundreds of next/link instances cost more to render than client-side navigation saves here */}
        <a href={`/specs/${row.original.testCaseId}`} className="rb-link">{row.original.name}</a>
        {/* text only: React escapes it; a report's markup never becomes the page's markup */}
        {row.original.message && <pre tabIndex={0} className="rb-message">{row.original.message}</pre>}
      </>
    ),
  },
  {
    id: "duration",
    accessorFn: (r) => r.durationMs ?? -1,
    header: "Duration",
    sortDescFirst: true,
    meta: { numeric: true, className: "whitespace-nowrap" },
    cell: ({ row }) => formatDuration(row.original.durationMs),
  },
];

const control = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

const STATUS_ORDER: RunResultRow["status"][] = ["failed", "errored", "passed", "skipped", "pending"];

export function RunResultsTable({ rows }: { rows: RunResultRow[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filters, setFilters] = useState<ColumnFiltersState>([]);
  // The React Compiler is off (next.config.js) and the instance is only read during this render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (r) => r.id,
    state: { sorting, columnFilters: filters },
    onSortingChange: setSorting,
    onColumnFiltersChange: setFilters,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const status = (table.getColumn("status")?.getFilterValue() as string | undefined) ?? "";
  const text = (table.getColumn("spec")?.getFilterValue() as string | undefined) ?? "";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs font-medium">
          Status
          <select value={status} onChange={(e) => table.getColumn("status")?.setFilterValue(e.target.value || undefined)} className={control}>
            <option value="">all ({rows.length})</option>
            {/* counted in the rows loaded, so each option's number is the rows it shows */}
            {STATUS_ORDER.map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => (
              <option key={s} value={s}>{s} ({n})</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Search specs and messages
          <input type="search" value={text} onChange={(e) => table.getColumn("spec")?.setFilterValue(e.target.value || undefined)} className={`${control} w-72`} />
        </label>
        <span className="pb-1 text-sm text-zinc-500" role="status">{table.getRowModel().rows.length} shown</span>
      </div>
      <DataTable table={table} caption="Spec results" testId="results-table" empty="No result matches." />
    </div>
  );
}
