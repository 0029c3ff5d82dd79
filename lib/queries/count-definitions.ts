// The one definition of each count that more than one page shows, so the
// overview, triage, requirements and spec pages cannot drift apart again
// (they once said "22 open triage items" and "16 items" for the same data).
// Where a page deliberately counts something else, its label says so.
import { OPEN_STATUSES } from "@/lib/triage/schemas";

/**
 * An open triage item: status new, investigating or fix in progress (not
 * resolved, won't fix or muted). One item per spec, counted once however
 * many requirement IDs its spec names.
 */
export function isOpenTriageStatus(status: string | null | undefined): boolean {
  return !!status && (OPEN_STATUSES as string[]).includes(status);
}

/** SQL condition for an open item on the triage_items row aliased `alias` (constants only, no input). */
export function openTriageSql(alias: string): string {
  return `${alias}.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(", ")})`;
}
