"use client";
// A project's webhooks with their state (active, or paused and why) and
// delivery log; leads send a test message, pause, resume and remove them.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Feedback } from "@/components/ui/form-feedback";
import { send } from "@/components/settings/send";
import { EVENT_LABEL } from "@/lib/notifications/events";

export interface WebhookItem {
  id: string;
  name: string;
  url: string;
  format: string;
  events: string[];
  hasSecret: boolean;
  pausedAt: string | null;
  pausedReason: string | null;
  deliveries: { id: string; event: string; status: string; statusCode: number | null; attempts: number; responseSnippet: string | null; createdAt: string; nextAttemptAt: string | null }[];
}

const small = "rounded border border-zinc-300 px-2 py-0.5 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";
const label = (e: string) => EVENT_LABEL[e as keyof typeof EVENT_LABEL] ?? e;

function Webhook({ project, w, canManage }: { project: string; w: WebhookItem; canManage: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const base = `/api/projects/${encodeURIComponent(project)}/webhooks/${w.id}`;

  async function act(method: "POST" | "PATCH" | "DELETE", url: string, body: unknown, done: string) {
    setBusy(true);
    const error = await send(url, method, body);
    setBusy(false);
    if (error) return setMessage({ error: true, text: error });
    setMessage({ error: false, text: done });
    router.refresh();
    // the worker delivers within seconds: show the log as it fills in
    if (url.endsWith("/test")) for (const ms of [1500, 4000, 8000]) setTimeout(() => router.refresh(), ms);
  }

  return (
    <li className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="webhook" aria-label={`Webhook ${w.name}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <span className="font-medium">{w.name}</span>{" "}
          <span className="break-all font-mono text-xs text-zinc-600 dark:text-zinc-400">{w.url}</span>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {w.format === "slack" ? "Slack-compatible" : "Generic JSON"} · {w.hasSecret ? "signed (secret set)" : "no secret"} · {w.events.map(label).join(", ")}
          </p>
          <p className="text-sm" data-testid="webhook-state">
            {w.pausedAt ? <strong className="text-amber-800 dark:text-amber-300">Paused: {w.pausedReason}</strong> : <span className="text-emerald-700 dark:text-emerald-400">Active</span>}
          </p>
        </div>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            <button type="button" className={small} disabled={busy} onClick={() => act("POST", `${base}/test`, undefined, "Test message queued; the log below updates.")}>Send test</button>
            <button type="button" className={small} disabled={busy} onClick={() => act("PATCH", base, { paused: !w.pausedAt }, w.pausedAt ? "Resumed." : "Paused.")}>{w.pausedAt ? "Resume" : "Pause"}</button>
            <button type="button" className={small} disabled={busy} onClick={() => confirm(`Remove webhook "${w.name}" and its log?`) && act("DELETE", base, undefined, "Removed.")}>Remove</button>
          </div>
        )}
      </div>
      <Feedback message={message} />
      {w.deliveries.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No deliveries yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-xs" data-testid="delivery-log">
            <caption className="sr-only">Delivery log of {w.name} (newest first)</caption>
            <thead className="text-zinc-500 dark:text-zinc-400">
              <tr><th className="pr-3">Time</th><th className="pr-3">Event</th><th className="pr-3">Status</th><th className="pr-3">Code</th><th className="pr-3">Attempts</th><th>Answer (first 1 KB)</th></tr>
            </thead>
            <tbody>
              {w.deliveries.map((d) => (
                <tr key={d.id} className="border-t border-zinc-200 align-top dark:border-zinc-800">
                  <td className="whitespace-nowrap py-1 pr-3">{new Date(d.createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC</td>
                  <td className="py-1 pr-3">{label(d.event)}</td>
                  <td className="py-1 pr-3">{d.status.replace("_", " ")}{d.nextAttemptAt ? `, next ${new Date(d.nextAttemptAt).toISOString().slice(11, 19)} UTC` : ""}</td>
                  <td className="py-1 pr-3">{d.statusCode ?? "—"}</td>
                  <td className="py-1 pr-3">{d.attempts}</td>
                  <td className="max-w-md py-1"><pre className="whitespace-pre-wrap break-all font-mono">{d.responseSnippet ?? ""}</pre></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}

export function WebhookList({ project, webhooks, canManage }: { project: string; webhooks: WebhookItem[]; canManage: boolean }) {
  if (!webhooks.length) return <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">No webhooks yet.</p>;
  return <ul className="space-y-3" data-testid="webhooks">{webhooks.map((w) => <Webhook key={w.id} project={project} w={w} canManage={canManage} />)}</ul>;
}
