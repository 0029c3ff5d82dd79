"use client";
// "Rerun failed specs" (triagers): a template that declares a focus and a
// runner host; the new run opens when it is queued.
import { useRouter } from "next/navigation";
import { input, useSubmit } from "@/components/runner/runner-forms";
import { rerunFailedSpecsAction } from "@/lib/actions/runner";

export function RerunFailedForm({ runId, templates, hosts }: { runId: string; templates: { id: string; name: string }[]; hosts: { id: string; name: string }[] }) {
  const router = useRouter();
  const { error, busy, submit } = useSubmit();
  return (
    <form className="flex flex-wrap items-end gap-2" data-testid="rerun-failed" onSubmit={(e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      void submit(() => rerunFailedSpecsAction({ runId, templateId: f.get("templateId"), runnerHostId: f.get("runnerHostId") }),
        (d) => router.push(`/runs/${(d as { runId: string }).runId}`));
    }}>
      <label className="block text-sm">Template
        <select name="templateId" className={input}>{templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</select>
      </label>
      <label className="block text-sm">Runner host
        <select name="runnerHostId" className={input}>{hosts.map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}</select>
      </label>
      <button type="submit" disabled={busy} className="rounded border px-3 py-1 text-sm">Rerun failed specs</button>
      {error && <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">{error}</p>}
    </form>
  );
}
