"use client";
// Admins and team leads create teams and add or remove their members. The
// server checks again: a lead changes only teams that hold roles solely in
// projects they lead.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/triage/api";
import { Feedback, type Message, button, field } from "@/components/ui/form-feedback";

function useSend() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  async function send(url: string, method: "POST" | "DELETE", body: unknown, done: string): Promise<boolean> {
    setBusy(true);
    const error = await sendJson(url, method, body);
    setBusy(false);
    setMessage(error ? { error: true, text: error } : { error: false, text: done });
    if (!error) router.refresh();
    return !error;
  }
  return { busy, message, send };
}

export function CreateTeamForm() {
  const { busy, message, send } = useSend();
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const slug = String(f.get("slug") ?? "").trim();
    if (await send("/api/teams", "POST", { slug, name: String(f.get("name") ?? "").trim() }, `Created @${slug.replace(/^@/, "")}.`)) form.reset();
  }
  return (
    <form onSubmit={submit} aria-label="Create team" className="flex flex-wrap items-end gap-2">
      <label className="text-sm">
        <span className="mb-1 block font-medium">Handle</span>
        <input name="slug" required maxLength={63} placeholder="gateway" className={`${field} w-40`} />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Team name</span>
        <input name="name" required maxLength={100} placeholder="Gateway team" className={`${field} w-56`} />
      </label>
      <button type="submit" disabled={busy} className={button}>Create team</button>
      <Feedback message={message} />
    </form>
  );
}

export function AddTeamMemberForm({ team }: { team: string }) {
  const { busy, message, send } = useSend();
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const email = String(new FormData(form).get("email") ?? "").trim();
    if (await send(`/api/teams/${encodeURIComponent(team)}/members`, "POST", { email }, `Added ${email} to @${team}.`)) form.reset();
  }
  return (
    <form onSubmit={submit} aria-label={`Add a member to @${team}`} className="flex flex-wrap items-end gap-2">
      <label className="text-sm">
        <span className="mb-1 block font-medium">Email</span>
        <input name="email" type="email" required maxLength={254} className={`${field} w-64`} />
      </label>
      <button type="submit" disabled={busy} className={button}>Add to @{team}</button>
      <Feedback message={message} />
    </form>
  );
}

export function RemoveTeamMemberButton({ team, email }: { team: string; email: string }) {
  const { busy, message, send } = useSend();
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" disabled={busy} className="text-sm text-red-700 underline disabled:opacity-50 dark:text-red-400"
        onClick={() => send(`/api/teams/${encodeURIComponent(team)}/members`, "DELETE", { email }, `Removed ${email}.`)}>
        Remove<span className="sr-only"> {email} from @{team}</span>
      </button>
      <Feedback message={message} />
    </span>
  );
}
