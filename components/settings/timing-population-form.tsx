"use client";
// Team leads choose which runs the timing statistics compare: templates merged
// or kept apart, try-out runs in or out. The server checks the role again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/triage/api";
import { Feedback, type Message } from "@/components/ui/form-feedback";

export interface TimingPopulationSettings {
  compareAcrossTemplates: boolean;
  includeTryOutRuns: boolean;
}

export function TimingPopulationForm({ project, initial, canEdit }: { project: string; initial: TimingPopulationSettings; canEdit: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  async function save(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    const error = await sendJson(`/api/projects/${encodeURIComponent(project)}/timing-settings`, "PATCH", {
      compareAcrossTemplates: f.get("compareAcrossTemplates") === "on",
      includeTryOutRuns: f.get("includeTryOutRuns") === "on",
    });
    setBusy(false);
    setMessage(error ? { error: true, text: error } : { error: false, text: "Saved." });
    if (!error) router.refresh();
  }

  return (
    <form onSubmit={save} className="space-y-2 text-sm" aria-label="Which runs the timing statistics compare">
      <label className="flex items-start gap-2">
        <input type="checkbox" name="compareAcrossTemplates" defaultChecked={initial.compareAcrossTemplates} disabled={!canEdit} className="mt-1" />
        <span>Compare runs across templates (otherwise CI-posted runs are compared with CI-posted runs, and runner runs with runs of the same template)</span>
      </label>
      <label className="flex items-start gap-2">
        <input type="checkbox" name="includeTryOutRuns" defaultChecked={initial.includeTryOutRuns} disabled={!canEdit} className="mt-1" />
        <span>Include try-out runs (runs of templates marked try-out, or labelled tryout=true)</span>
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
