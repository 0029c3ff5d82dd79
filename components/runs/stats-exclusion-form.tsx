"use client";
// Team leads keep a run out of the timing statistics, or let it back in, with a
// reason that goes into the run's history. The server checks the role again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/triage/api";

export function StatsExclusionForm({ runId, excluded }: { runId: string; excluded: boolean }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    const err = await sendJson(`/api/runs/${runId}/stats-exclusion`, "POST", { excluded: !excluded, reason });
    setBusy(false);
    setError(err);
    if (!err) {
      setReason("");
      router.refresh();
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2 text-sm">
      <label className="flex min-w-0 flex-1 flex-col sm:max-w-md">
        Reason (recorded in the run&apos;s history)
        <input
          name="reason" required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)}
          className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <button type="submit" disabled={busy} className="rounded bg-zinc-900 px-3 py-1 text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900">
        {excluded ? "Include in statistics" : "Exclude from statistics"}
      </button>
      {error && <p role="alert" className="w-full text-red-700 dark:text-red-400">{error}</p>}
    </form>
  );
}
