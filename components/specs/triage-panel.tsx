// Triage of a spec. The triage workflow is a later issue; this shows the item when one exists.
import type { TestCaseDetail } from "@/lib/queries/get-test-case";

export function TriagePanel({ triage }: { triage: TestCaseDetail["triageItem"] }) {
  if (!triage) return <p className="text-sm text-zinc-500" data-testid="triage">Not triaged yet.</p>;
  return (
    <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="triage">
      <div><dt className="text-xs uppercase text-zinc-500">Status</dt><dd>{triage.status.replaceAll("_", " ")}</dd></div>
      <div><dt className="text-xs uppercase text-zinc-500">Category</dt><dd>{triage.category?.label ?? "—"}</dd></div>
      <div><dt className="text-xs uppercase text-zinc-500">Assignee</dt><dd>{triage.assignee?.name ?? "unassigned"}</dd></div>
      <div><dt className="text-xs uppercase text-zinc-500">Failures</dt><dd>{triage.failureCount}</dd></div>
    </dl>
  );
}
