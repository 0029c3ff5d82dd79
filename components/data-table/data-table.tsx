"use client";
// Renders a TanStack table instance (v8) as an accessible HTML table. The
// caller builds the instance (useReactTable) with whatever row models it
// needs: client-side sorting/filtering, or manual sorting where the server
// sorts and the sorting state lives in the URL. Sortable headers are buttons
// and their <th> carries aria-sort.
import { type Header, type Table, flexRender } from "@tanstack/react-table";
import type { ReactNode } from "react";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    /** numbers are right-aligned */
    numeric?: boolean;
    /** extra classes for the column's cells */
    className?: string;
    /** let the cells wrap (cells stay on one line by default, tables scroll sideways instead) */
    wrap?: boolean;
  }
}

function ariaSort<T>(h: Header<T, unknown>): "ascending" | "descending" | "none" | undefined {
  if (!h.column.getCanSort()) return undefined;
  const s = h.column.getIsSorted();
  return s === "asc" ? "ascending" : s === "desc" ? "descending" : "none";
}

const ARROW = { asc: "▲", desc: "▼" } as const;

export function DataTable<T>({ table, caption, empty, testId }: { table: Table<T>; caption: ReactNode; empty?: ReactNode; testId?: string }) {
  const rows = table.getRowModel().rows;
  return (
    // focusable so a keyboard can scroll a table wider than the screen (axe: scrollable-region-focusable)
    <div tabIndex={0} className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      {/* cell padding, wrapping and row lines are set once here, not on each of hundreds of cells */}
      <table
        className="w-full border-collapse text-sm [&_td]:px-3 [&_td]:py-2 [&_td]:align-top [&_td]:whitespace-nowrap [&_tbody_tr]:border-t [&_tbody_tr]:border-zinc-100 [&_tbody_tr:hover]:bg-zinc-50 dark:[&_tbody_tr]:border-zinc-800/70 dark:[&_tbody_tr:hover]:bg-zinc-900/60"
        data-testid={testId}
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((h) => {
                const meta = h.column.columnDef.meta;
                const sorted = h.column.getIsSorted();
                return (
                  <th key={h.id} scope="col" aria-sort={ariaSort(h)} className={`whitespace-nowrap px-3 py-2 font-medium ${meta?.numeric ? "text-right" : ""}`}>
                    {h.isPlaceholder ? null : h.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={h.column.getToggleSortingHandler()}
                        className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:text-zinc-100"
                      >
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden="true" className="w-3 text-[10px]">{sorted ? ARROW[sorted] : "↕"}</span>
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={table.getVisibleLeafColumns().length} className="px-3 py-6 text-center text-zinc-500">
                {empty ?? "Nothing to show."}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  const className = [meta?.numeric && "text-right tabular-nums", meta?.className].filter(Boolean).join(" ") || undefined;
                  return (
                    <td key={cell.id} className={className} style={meta?.wrap ? { whiteSpace: "normal" } : undefined}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
