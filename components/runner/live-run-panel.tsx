"use client";
// A provisioning run while it runs: job status, phases filling in as progress
// bars (against the phase's typical duration when known), the log tail, and
// cancel/retry. Fed by /api/runs/:id/live (Server-Sent Events); the browser
// reconnects by itself, and a reload starts from the stored state.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { cancelJobAction, retryJobAction } from "@/lib/actions/runner";
import type { LiveRun } from "@/lib/runner/get-live-run";

const MAX_LOG_CHARS = 200_000;
const STATUS_TEXT: Record<string, string> = {
  queued: "Queued", starting: "Connecting", running: "Running", succeeded: "Succeeded", failed: "Failed", cancelled: "Cancelled", timed_out: "Timed out",
};

function fmt(ms: number) {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
}

export function LiveRunPanel({ runId, canControl }: { runId: string; canControl: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<LiveRun | null>(null);
  const [log, setLog] = useState("");
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const logRef = useRef<HTMLPreElement>(null);
  const finishedOnLoad = useRef<boolean | null>(null);
  const lastStatus = useRef<string | null>(null);

  useEffect(() => {
    const es = new EventSource(`/api/runs/${runId}/live`);
    es.addEventListener("state", (e) => {
      const s = JSON.parse((e as MessageEvent).data) as LiveRun;
      // the page's badge said "queued": refresh it once the host takes the job
      if (lastStatus.current === "queued" && s.job.status !== "queued") router.refresh();
      lastStatus.current = s.job.status;
      setState(s);
      setLog((prev) => {
        const next = prev + s.logs.map((l) => l.text).join("");
        return next.length > MAX_LOG_CHARS ? next.slice(-MAX_LOG_CHARS) : next;
      });
    });
    es.addEventListener("done", () => {
      es.close();
      // the run was live when this page loaded: show its final results
      if (finishedOnLoad.current === false) router.refresh();
    });
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      es.close();
      clearInterval(tick);
    };
  }, [runId, router]);

  useEffect(() => {
    if (state && finishedOnLoad.current === null) finishedOnLoad.current = ["succeeded", "failed", "cancelled", "timed_out"].includes(state.job.status);
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state, log]);

  if (!state) return <p className="text-sm text-zinc-500" data-testid="live-run">Connecting to the live view…</p>;
  const { job, phases } = state;
  const active = ["queued", "starting", "running"].includes(job.status);
  const act = async (fn: () => Promise<{ ok: boolean; error?: { message: string }; data?: unknown }>, after?: (d: unknown) => void) => {
    setError(null);
    const r = await fn();
    if (!r.ok) setError(r.error?.message ?? "failed");
    else after?.(r.data);
  };
  return (
    <div className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" data-testid="live-run">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="job-status" data-status={job.status} className="font-semibold">
          {STATUS_TEXT[job.status] ?? job.status}
          {job.status === "queued" && job.queuePosition ? ` (#${job.queuePosition} in line for ${job.hostName})` : ""}
          {job.cancelRequested && active ? " — cancelling…" : ""}
        </span>
        {job.source === "ci"
          ? <span className="text-zinc-500">CI job (runboard exec){job.hostName && ` on ${job.hostName}`}{job.ciUrl && <> · <a className="underline" href={job.ciUrl} rel="noreferrer">CI log</a></>}</span>
          : <span className="text-zinc-500">template {job.templateName} on {job.hostName}</span>}
        {canControl && job.source === "runner" && active && !job.cancelRequested && (
          <button type="button" className="rounded border px-2 py-0.5" onClick={() => act(() => cancelJobAction(job.id))}>Cancel</button>
        )}
        {canControl && job.source === "runner" && !active && job.status !== "succeeded" && (
          <button type="button" className="rounded border px-2 py-0.5"
            onClick={() => act(() => retryJobAction(job.id), (d) => router.push(`/runs/${(d as { runId: string }).runId}`))}>Retry</button>
        )}
      </div>
      {job.errorMessage && <p role="alert" className="text-sm text-red-700 dark:text-red-400" data-testid="job-message">{job.errorMessage}</p>}
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <ul className="space-y-1" data-testid="live-phases">
        {phases.map((p) => {
          const start = p.startedAt ? Date.parse(p.startedAt) : now;
          const elapsed = p.durationMs ?? (p.status === "running" ? now - start : 0);
          const pct = p.status === "running" ? (p.typicalMs ? Math.min(95, (elapsed / p.typicalMs) * 100) : 50) : 100;
          const color = p.status === "passed" ? "bg-green-600" : p.status === "running" ? "bg-blue-500 animate-pulse" : p.status === "failed" ? "bg-red-600" : "bg-zinc-400";
          return (
            <li key={p.name} data-phase={p.name} data-status={p.status} className={`text-sm ${p.parent ? "pl-6" : ""}`}>
              <div className="flex justify-between gap-2">
                <span>{p.name}</span>
                <span className="text-zinc-500">{p.status} · {fmt(elapsed)}{p.typicalMs ? ` / typ. ${fmt(p.typicalMs)}` : ""}</span>
              </div>
              <div className="h-2 w-full rounded bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-label={p.name} aria-valuenow={Math.round(pct)} aria-valuemin={0} aria-valuemax={100}>
                <div className={`h-2 rounded ${color}`} style={{ width: `${pct}%` }} />
              </div>
            </li>
          );
        })}
        {phases.length === 0 && <li className="text-sm text-zinc-500">No phase reported yet.</li>}
      </ul>
      <pre ref={logRef} tabIndex={0} data-testid="live-log" className="max-h-96 overflow-auto rounded bg-zinc-950 p-3 text-xs text-zinc-100">{log || "(no output yet)"}</pre>
    </div>
  );
}
