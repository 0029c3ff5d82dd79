// The spec's triage item, linking to where it is worked on.
import Link from "next/link";
import { TriageStatusBadge } from "@/components/triage/triage-badges";
import type { TestCaseDetail } from "@/lib/queries/get-test-case";

export function TriagePanel({ triage }: { triage: TestCaseDetail["triageItem"] }) {
  if (!triage) return <p className="text-sm text-zinc-500" data-testid="triage">Never failed, so there is no triage item.</p>;
  return (
    <div className="space-y-2" data-testid="triage">
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        <div><dt className="text-xs uppercase text-zinc-500">Status</dt><dd><TriageStatusBadge status={triage.status} /></dd></div>
        <div><dt className="text-xs uppercase text-zinc-500">Category</dt><dd>{triage.category?.label ?? "—"}</dd></div>
        <div><dt className="text-xs uppercase text-zinc-500">Assignee</dt><dd>{triage.assignee?.name ?? "unassigned"}</dd></div>
        <div><dt className="text-xs uppercase text-zinc-500">Failures</dt><dd>{triage.failureCount}</dd></div>
      </dl>
      <Link href={`/triage/${triage.id}`} className="text-sm text-sky-700 hover:underline dark:text-sky-400">Open the triage item →</Link>
    </div>
  );
}
