"use client";
// Team leads add an outgoing webhook: URL, format, events, optional secret
// (sent once, stored encrypted, never shown back). The server checks the role again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { send } from "@/components/settings/send";
import { EVENT_LABEL, WEBHOOK_EVENTS } from "@/lib/notifications/events";
import { Feedback, button, field } from "@/components/ui/form-feedback";

export function AddWebhookForm({ project }: { project: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function add(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const secret = String(f.get("secret") ?? "");
    const body = { name: String(f.get("name") ?? "").trim(), url: String(f.get("url") ?? "").trim(), format: f.get("format"), events: f.getAll("events"), ...(secret && { secret }) };
    setBusy(true);
    const error = await send(`/api/projects/${encodeURIComponent(project)}/webhooks`, "POST", body);
    setBusy(false);
    if (error) return setMessage({ error: true, text: error });
    setMessage({ error: false, text: `Added webhook "${body.name}".` });
    form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={add} aria-label="Add webhook" className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Name</span>
          <input name="name" required maxLength={100} placeholder="#gateway-ci" className={`${field} w-48`} />
        </label>
        <label className="w-full min-w-0 text-sm sm:w-auto sm:flex-1">
          <span className="mb-1 block font-medium">URL</span>
          <input name="url" type="url" required maxLength={2000} placeholder="https://hooks.slack.com/services/…" className={`${field} w-full`} />
        </label>
        <label className="max-w-full text-sm">
          <span className="mb-1 block font-medium">Format</span>
          <select name="format" defaultValue="slack" className={`${field} max-w-full`}>
            <option value="slack">Slack-compatible (Slack, Mattermost, Rocket.Chat)</option>
            <option value="generic">Generic JSON, signed</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Secret (optional, for the signature)</span>
          <input name="secret" type="password" minLength={16} maxLength={200} autoComplete="off" className={`${field} w-56 max-w-full`} />
        </label>
      </div>
      <fieldset className="text-sm">
        <legend className="mb-1 font-medium">Events</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {WEBHOOK_EVENTS.map((e) => (
            <label key={e} className="flex items-center gap-1.5">
              <input type="checkbox" name="events" value={e} defaultChecked={e === "run.new_failures"} /> {EVENT_LABEL[e]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy} className={button}>Add webhook</button>
        <Feedback message={message} />
      </div>
    </form>
  );
}
