"use client";
// Team leads choose how long a project's result rows and job logs are kept;
// runs with their totals and summaries, and triage history, are kept forever.
// Enforced by the worker's daily retention job (decision 20). The server checks the role again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/triage/api";
import { Feedback, type Message } from "@/components/ui/form-feedback";

export function RetentionForm({ project, days, minDays, canEdit }: { project: string; days: number | null; minDays: number; canEdit: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [forever, setForever] = useState(days === null);
  const [message, setMessage] = useState<Message>(null);

  async function save(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    const error = await sendJson(`/api/projects/${encodeURIComponent(project)}/retention`, "PATCH", {
      resultRetentionDays: forever ? null : Number(f.get("days")),
    });
    setBusy(false);
    setMessage(error ? { error: true, text: error } : { error: false, text: "Saved." });
    if (!error) router.refresh();
  }

  return (
    <form onSubmit={save} className="space-y-2 text-sm" aria-label="How long results are kept">
      <p data-testid="retention-current">
        {days === null ? <>Test results and job logs are <strong>kept forever</strong>.</> : <>Test results and job logs are kept <strong>{days} days</strong>.</>}{" "}
        Runs with their totals and summaries, and triage items with their history, are always kept.
      </p>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={forever} onChange={(e) => setForever(e.target.checked)} disabled={!canEdit} />
        <span>Keep results forever</span>
      </label>
      <label className="flex flex-wrap items-center gap-2">
        <span>Keep results for</span>
        <input type="number" name="days" aria-label="Days to keep results" min={minDays} max={36500} required={!forever} defaultValue={days ?? 180} disabled={!canEdit || forever}
          className="w-24 rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" />
        <span>days (at least {minDays})</span>
      </label>
      {canEdit && (
        <div className="flex items-center gap-3">
          <button type="submit" disabled={busy} className="rounded bg-zinc-900 px-3 py-1 text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900">Save</button>
          <Feedback message={message} />
        </div>
      )}
    </form>
  );
}
