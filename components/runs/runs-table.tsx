"use client";
// The runs list. Sorting happens on the server: a header click changes the
// URL (sort, dir, cursor reset) and the page re-renders with the new order.
import { type ColumnDef, type SortingState, type Updater, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { SlowSetupBadge } from "@/components/ui/slow-setup-badge";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime, formatDuration, specsSummary } from "@/lib/format";
import type { RunListRow } from "@/lib/queries/find-runs";
import { RUN_SORTS, type RunListQuery, type RunSort, runListHref } from "@/lib/schemas/run-list-query";

const columns: ColumnDef<RunListRow>[] = [
  { id: "status", header: "Status", enableSorting: false, cell: ({ row }) => <StatusBadge run={row.original} /> },
  { id: "project", header: "Project", enableSorting: false, cell: ({ row }) => row.original.project.slug },
  { id: "mode", header: "Mode", enableSorting: false, cell: ({ row }) => row.original.mode },
  {
    id: "branch",
    header: "Branch / commit",
    enableSorting: false,
    meta: { className: "max-w-44" },
    cell: ({ row }) => (
      <span className="block truncate" title={[row.original.branch, row.original.commitSha].filter(Boolean).join(" @ ")}>
        {row.original.branch ?? "—"}
        {row.original.commitSha && <code className="ml-1 text-xs text-zinc-500">{row.original.commitSha.slice(0, 7)}</code>}
      </span>
    ),
  },
  {
    id: "started",
    // manual sorting still needs an accessor for TanStack to call a column sortable
    accessorFn: (r) => r.startedAt,
    header: "Started",
        cell: ({ row }) => (
      <Link href={`/runs/${row.original.id}`} className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400" data-testid="run-link">
        {formatDateTime(row.original.startedAt)}
      </Link>
    ),
  },
  { id: "duration", accessorFn: (r) => r.durationMs, header: "Total", meta: { numeric: true }, cell: ({ row }) => formatDuration(row.original.durationMs) },
  {
    id: "setup",
    accessorFn: (r) => r.setupDurationMs,
    header: "Setup",
    meta: { numeric: true },
    cell: ({ row }) => (
      <>
        {formatDuration(row.original.setupDurationMs)}
        {row.original.setupRegression && <SlowSetupBadge />}
      </>
    ),
  },
  { id: "tests", header: "Tests", enableSorting: false, meta: { numeric: true }, cell: ({ row }) => formatDuration(row.original.testDurationMs) },
  {
    id: "specs",
    header: "Specs",
    enableSorting: false,
    cell: ({ row }) => {
      const r = row.original;
      return (
        <span className="whitespace-nowrap">
          {specsSummary(r)}
          <span className="block text-xs text-zinc-500">
            {r.testsFailed + r.testsErrored} failed · {r.testsSkipped + r.testsPending} skipped
          </span>
        </span>
      );
    },
  },
  { id: "runner", header: "Runner", enableSorting: false, cell: ({ row }) => row.original.runnerHost ?? "—" },
];

export function RunsTable({ rows, query, emptyText }: { rows: RunListRow[]; query: RunListQuery; emptyText: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const sorting: SortingState = [{ id: query.sort, desc: query.dir === "desc" }];
  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = (typeof updater === "function" ? updater(sorting) : updater)[0];
    if (!next || !(RUN_SORTS as readonly string[]).includes(next.id)) return;
    const href = runListHref(query, { sort: next.id as RunSort, dir: next.desc ? "desc" : "asc", after: undefined, before: undefined });
    startTransition(() => router.push(href));
  };
  // The React Compiler is off (next.config.js) and the instance is only read during this render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (r) => r.id,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    enableSortingRemoval: false,
    sortDescFirst: true,
    enableMultiSort: false,
    state: { sorting },
    onSortingChange,
  });
  return (
    <div aria-busy={pending} className={pending ? "opacity-60 transition-opacity" : undefined}>
      <DataTable table={table} caption="Runs" testId="runs-table" empty={emptyText} />
    </div>
  );
}
