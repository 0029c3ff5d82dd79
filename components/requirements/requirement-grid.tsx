"use client";
// The requirement x run grid: a windowed table (TanStack Virtual renders only
// the rows in view, so 1,000 requirements x 100 runs stay responsive) with
// sticky run headers and requirement column, arrow-key navigation between
// cells (one tab stop), Enter to expand a requirement to its specs, and a
// details line naming the specs of the focused or hovered cell with links.
import Link from "next/link";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";

/** One character per run: F failed, S skipped, P passed, - not run */
export type CellCode = "F" | "S" | "P" | "-";

export interface GridProps {
  runs: { id: string; label: string; title: string }[];
  groups: {
    prefix: string;
    requirements: { id: string; cells: string; specs: { id: string; name: string; cells: string }[] }[];
  }[];
}

type Row =
  | { kind: "group"; prefix: string; count: number }
  | { kind: "req"; id: string; cells: string; specCount: number; expanded: boolean }
  | { kind: "spec"; req: string; id: string; name: string; cells: string };

const WORD: Record<string, string> = { F: "failed", S: "skipped", P: "passed", "-": "not run" };
const SYMBOL: Record<string, string> = { F: "✕", S: "–", P: "✓", "-": "·" };
const TONE: Record<string, string> = {
  F: "bg-red-600 text-white dark:bg-red-500 dark:text-black",
  S: "bg-amber-300 text-amber-950 dark:bg-amber-400",
  P: "bg-emerald-600 text-white dark:bg-emerald-500 dark:text-black",
  "-": "bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400",
};
const ROW_H = 28;

export function RequirementGridView({ runs, groups }: GridProps) {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [shown, setShown] = useState<{ row: number; col: number } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const specsOf = useMemo(() => new Map(groups.flatMap((g) => g.requirements.map((r) => [r.id, r.specs] as const))), [groups]);

  const rows = useMemo(() => {
    const out: Row[] = [];
    for (const g of groups) {
      out.push({ kind: "group", prefix: g.prefix, count: g.requirements.length });
      for (const r of g.requirements) {
        const open = expanded.has(r.id);
        out.push({ kind: "req", id: r.id, cells: r.cells, specCount: r.specs.length, expanded: open });
        if (open) for (const s of r.specs) out.push({ kind: "spec", req: r.id, ...s });
      }
    }
    return out;
  }, [groups, expanded]);

  // the virtualizer's functions change identity on every render: known, and why this component is not memoised
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_H, overscan: 12 });

  // keep the focused cell in view and focused after the window moves
  useEffect(() => {
    const el = scroller.current?.querySelector<HTMLElement>(`[data-row="${focus.row}"][data-col="${focus.col}"]`)
      ?? scroller.current?.querySelector<HTMLElement>(`[data-row="${focus.row}"]`); // a group row has only its header
    if (el && scroller.current?.contains(document.activeElement)) el.focus();
  }, [focus, virtual]);

  const toggle = (id: string) => setExpanded((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });

  const move = (row: number, col: number) => {
    const r = Math.max(0, Math.min(rows.length - 1, row));
    const c = Math.max(-1, Math.min(runs.length - 1, col));
    virtual.scrollToIndex(r, { align: "auto" });
    setFocus({ row: r, col: c });
    setShown({ row: r, col: c });
  };

  const onKey = (e: React.KeyboardEvent, row: number, col: number) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, col), ArrowUp: () => move(row - 1, col),
      ArrowRight: () => move(row, col + 1), ArrowLeft: () => move(row, col - 1),
      Home: () => move(row, -1), End: () => move(row, runs.length - 1),
      PageDown: () => move(row + 10, col), PageUp: () => move(row - 10, col),
    };
    const r = rows[row];
    if ((e.key === "Enter" || e.key === " ") && col === -1 && r.kind === "req") keys[e.key] = () => toggle(r.id);
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  };

  const cellProps = (row: number, col: number) => ({
    "data-row": row, "data-col": col, role: "gridcell",
    // one tab stop; on a group row (the first row, at the start) it is the row's only cell, its header
    tabIndex: focus.row === row && (focus.col === col || (col === -1 && rows[row]?.kind === "group")) ? 0 : -1,
    onKeyDown: (e: React.KeyboardEvent) => onKey(e, row, col),
    onFocus: () => { setFocus({ row, col }); setShown({ row, col }); },
    onMouseEnter: () => setShown({ row, col }),
  });

  const width = 240 + runs.length * 30;
  return (
    <div className="space-y-2">
      <Details rows={rows} runs={runs} specsOf={specsOf} at={shown} />
      <div ref={scroller} className="relative max-h-[70vh] overflow-auto rounded border border-zinc-200 dark:border-zinc-800" data-testid="requirement-grid">
        <div role="grid" aria-label="Requirements by run" aria-rowcount={rows.length + 1} aria-colcount={runs.length + 1} style={{ width, height: virtual.getTotalSize() + ROW_H }} className="relative">
          <div role="row" aria-rowindex={1} className="sticky top-0 z-20 flex bg-white dark:bg-zinc-950" style={{ height: ROW_H }}>
            <div role="columnheader" className="sticky left-0 z-30 flex w-[240px] shrink-0 items-center bg-white px-2 text-xs font-medium dark:bg-zinc-950">Requirement / run →</div>
            {runs.map((r) => (
              <div key={r.id} role="columnheader" title={r.title} className="flex w-[30px] shrink-0 items-center justify-center text-[10px] text-zinc-500">
                <Link href={`/runs/${r.id}`} tabIndex={-1} className="hover:underline" aria-label={r.title}>{r.label}</Link>
              </div>
            ))}
          </div>
          {virtual.getVirtualItems().map((v) => {
            const row = rows[v.index];
            return (
              <div key={v.key} role="row" aria-rowindex={v.index + 2} className="absolute left-0 flex" style={{ top: v.start + ROW_H, height: ROW_H }}>
                {row.kind === "group" ? (
                  <div {...cellProps(v.index, -1)} role="rowheader" className="sticky left-0 flex w-[240px] shrink-0 items-center bg-zinc-50 px-2 text-xs font-semibold focus:outline-2 focus:outline-sky-600 dark:bg-zinc-900">
                    {row.prefix} ({row.count})
                  </div>
                ) : (
                  <>
                    <div {...cellProps(v.index, -1)} role="rowheader" aria-expanded={row.kind === "req" ? row.expanded : undefined}
                      onClick={row.kind === "req" ? () => toggle(row.id) : undefined}
                      className={`sticky left-0 z-10 flex w-[240px] shrink-0 cursor-default items-center gap-1 truncate bg-white px-2 text-xs focus:outline-2 focus:outline-sky-600 dark:bg-zinc-950 ${row.kind === "spec" ? "pl-6 text-zinc-600 dark:text-zinc-400" : "font-mono"}`}>
                      {row.kind === "req" ? <><span aria-hidden>{row.expanded ? "▾" : "▸"}</span>{row.id} <span className="text-zinc-500">({row.specCount})</span></> : <span className="truncate" title={row.name}>{row.name}</span>}
                    </div>
                    {[...row.cells].map((c, i) => (
                      <div key={i} {...cellProps(v.index, i)} aria-label={`${row.kind === "req" ? row.id : row.name}, run ${runs[i].title}: ${WORD[c]}`}
                        className={`m-px flex w-[28px] shrink-0 items-center justify-center rounded-sm text-xs focus:outline-2 focus:outline-offset-1 focus:outline-sky-600 ${TONE[c]}`}>
                        <span aria-hidden>{SYMBOL[c]}</span>
                      </div>
                    ))}
                  </>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function Details({ rows, runs, specsOf, at }: { rows: Row[]; runs: GridProps["runs"]; specsOf: Map<string, GridProps["groups"][number]["requirements"][number]["specs"]>; at: { row: number; col: number } | null }) {
  const row = at ? rows[at.row] : undefined;
  let body: React.ReactNode = "Focus or point at a cell to see its specs; arrow keys move, Enter on a requirement shows its specs.";
  if (row && at && row.kind !== "group" && at.col >= 0) {
    const run = runs[at.col];
    const specs = row.kind === "req" ? specsOf.get(row.id) ?? [] : [{ id: row.id, name: row.name, cells: row.cells }];
    body = (
      <>
        <strong>{row.kind === "req" ? row.id : row.name}</strong> in <Link href={`/runs/${run.id}`} className="underline">run {run.title}</Link>:{" "}
        {specs.map((s, i) => (
          <span key={s.id}>
            {i > 0 && "; "}
            <Link href={`/specs/${s.id}`} className="underline">{s.name}</Link>{" "}
            {s.cells[at.col] === "F" ? <Link href={`/runs/${run.id}#failures`} className="underline">failed (see the failure)</Link> : WORD[s.cells[at.col]]}
          </span>
        ))}
      </>
    );
  }
  return <p aria-live="polite" className="min-h-10 rounded bg-zinc-50 p-2 text-sm break-words dark:bg-zinc-900" data-testid="grid-details">{body}</p>;
}
