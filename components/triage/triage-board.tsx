// The board: one column per status, a card per item.
import Link from "next/link";
import { RequirementChips } from "@/components/triage/triage-badges";
import { isOpenTriageStatus } from "@/lib/queries/count-definitions";
import type { TriageRow } from "@/lib/queries/find-triage-items";
import { STATUS_LABEL, TRIAGE_STATUSES } from "@/lib/triage/schemas";

export function TriageBoard({ rows }: { rows: TriageRow[] }) {
  const columns = TRIAGE_STATUSES.map((s) => ({ status: s, items: rows.filter((r) => r.status === s) })).filter((c) => c.items.length || isOpenTriageStatus(c.status));
  return (
    // wide screens: one column per status, wider for the statuses with more items, whose cards then sit side by side
    <div className="grid gap-3 md:grid-cols-2 xl:[grid-template-columns:var(--board-cols)]" data-testid="triage-board"
      style={{ "--board-cols": columns.map((c) => `minmax(10rem, ${Math.max(1, Math.ceil(c.items.length / 6))}fr)`).join(" ") } as React.CSSProperties}>
      {columns.map((c) => (
        <section key={c.status} aria-label={STATUS_LABEL[c.status]} className="rounded-lg bg-zinc-50 p-2 dark:bg-zinc-900">
          <h3 className="mb-2 text-xs font-semibold uppercase text-zinc-600 dark:text-zinc-400">{STATUS_LABEL[c.status]} ({c.items.length})</h3>
          <ul className="grid gap-2 [grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))]">
            {c.items.map((r) => (
              <li key={r.id} className="rounded border border-zinc-200 bg-white p-2 text-sm dark:border-zinc-800 dark:bg-zinc-950">
                <Link href={`/triage/${r.id}`} className="font-medium hover:underline">{r.specName}</Link>
                <div className="mt-1"><RequirementChips ids={r.requirementIds} /></div>
                <p className="mt-1 text-xs text-zinc-500">
                  {r.projectSlug} · {r.categoryLabel ?? `suggested: ${r.suggestedLabel ?? "—"}`} · {r.assigneeName ?? (r.ownerTeamName ? `${r.ownerTeamName} (team)` : "unowned")} · {r.failureCount} failure{r.failureCount === 1 ? "" : "s"}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
