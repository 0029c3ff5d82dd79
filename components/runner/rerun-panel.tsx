// On a run's page: which run this one reruns, its reruns, and for triagers
// the "Rerun failed specs" form when the project has a template that can focus.
import Link from "next/link";
import { RerunFailedForm } from "@/components/runner/rerun-failed-form";
import type { RunDetail } from "@/lib/queries/get-run-detail";
import { findRerunOptions } from "@/lib/runner/rerun-failed";

export async function RerunPanel({ run, canRerun }: { run: RunDetail; canRerun: boolean }) {
  const o = await findRerunOptions(run.id, run.projectId);
  const failed = run.testsFailed + run.testsErrored;
  const offer = canRerun && failed > 0 && o.templates.length > 0 && o.hosts.length > 0;
  if (!o.rerunOf && o.reruns.length === 0 && !offer) return null;
  return (
    <div className="space-y-2 text-sm" data-testid="rerun-panel">
      {o.rerunOf && <p>A rerun of the failed specs of <Link href={`/runs/${o.rerunOf}`} className="underline">run {o.rerunOf.slice(0, 8)}</Link>.</p>}
      {o.reruns.length > 0 && (
        <p>Reruns of its failed specs: {o.reruns.map((r, i) => (
          <span key={r.id}>{i > 0 && ", "}<Link href={`/runs/${r.id}`} className="underline">run {r.id.slice(0, 8)}</Link> ({r.status})</span>
        ))}</p>
      )}
      {offer && <RerunFailedForm runId={run.id} templates={o.templates} hosts={o.hosts} />}
    </div>
  );
}
