"use client";
// The project's leads (and admins) give a person or a team a role in the
// project, change it, or take them out. The server checks the role again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/triage/api";
import { PROJECT_ROLES, ROLE_LABEL } from "@/lib/auth/roles";
import { Feedback, type Message, button, field } from "@/components/ui/form-feedback";

const membersUrl = (project: string) => `/api/projects/${encodeURIComponent(project)}/members`;

/** A person (email) or a team (@slug) and the role they get. */
export function AddMemberForm({ project }: { project: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  async function add(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const who = String(data.get("who") ?? "").trim();
    const role = String(data.get("role") ?? "viewer");
    if (!who) return setMessage({ error: true, text: "Give an email or a @team." });
    setBusy(true);
    const error = await sendJson(membersUrl(project), "POST", who.startsWith("@") ? { team: who, role } : { email: who, role });
    setBusy(false);
    if (error) return setMessage({ error: true, text: error });
    setMessage({ error: false, text: `${who} is now ${ROLE_LABEL[role as "viewer"] ?? role} in ${project}.` });
    form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={add} aria-label="Add member" className="flex flex-wrap items-end gap-2">
      <label className="text-sm">
        <span className="mb-1 block font-medium">Email or @team</span>
        <input name="who" required maxLength={254} placeholder="priya@example.com or @gateway" className={`${field} w-64`} />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Role</span>
        <select name="role" defaultValue="viewer" className={field}>
          {PROJECT_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
        </select>
      </label>
      <button type="submit" disabled={busy} className={button}>Add member</button>
      <Feedback message={message} />
    </form>
  );
}

/** Change a member's role in place, or remove them. */
export function MemberControls({ project, id, handle, role }: { project: string; id: string; handle: string; role: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  async function run(send: () => Promise<string | null>, done: string) {
    setBusy(true);
    const error = await send();
    setBusy(false);
    if (error) return setMessage({ error: true, text: error });
    setMessage({ error: false, text: done });
    router.refresh();
  }
  const holder = handle.startsWith("@") ? { team: handle } : { email: handle };

  return (
    <span className="flex flex-wrap items-center gap-2">
      <select
        aria-label={`Role of ${handle}`} value={role} disabled={busy} className={field}
        onChange={(e) => run(() => sendJson(membersUrl(project), "POST", { ...holder, role: e.target.value }), `${handle} is now ${e.target.value}.`)}
      >
        {PROJECT_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
      </select>
      <button type="button" disabled={busy} className="text-sm text-red-700 underline disabled:opacity-50 dark:text-red-400"
        onClick={() => run(() => sendJson(`${membersUrl(project)}/${id}`, "DELETE"), `${handle} removed.`)}>
        Remove<span className="sr-only"> {handle}</span>
      </button>
      <Feedback message={message} />
    </span>
  );
}
