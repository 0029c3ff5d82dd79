"use client";
// Admins create users here. Without a password the server generates one and
// answers with it once: it is shown until the page is left, never again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MIN_PASSWORD_LENGTH, ROLES, ROLE_LABEL } from "@/lib/auth/roles";

const field = "w-full rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

type Created = { id: string; email: string; role: string; generatedPassword?: string };

async function postUser(body: Record<string, string | string[]>): Promise<{ error: string } | { user: Created }> {
  const res = await fetch("/api/admin/users", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const j = await res.json().catch(() => null);
  if (!res.ok) {
    const details = Array.isArray(j?.error?.details)
      ? (j.error.details as { path?: string; message?: string }[]).map((d) => `${d.path ? `${d.path}: ` : ""}${d.message ?? ""}`).join("; ")
      : "";
    return { error: `${j?.error?.message ?? `Request failed (${res.status})`}${details ? ` (${details})` : ""}` };
  }
  return { user: j as Created };
}

export function CreateUserForm() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [generated, setGenerated] = useState<{ email: string; password: string } | null>(null);
  const [copied, setCopied] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const body: Record<string, string | string[]> = {
      email: String(f.get("email") ?? "").trim(),
      name: String(f.get("name") ?? "").trim(),
      role: String(f.get("role") ?? "viewer"),
    };
    const project = String(f.get("project") ?? "").trim();
    if (project) body.projects = [project];
    const password = String(f.get("password") ?? "");
    if (password) body.password = password;
    setBusy(true);
    setMessage(null);
    setGenerated(null);
    setCopied(false);
    const r = await postUser(body);
    setBusy(false);
    if ("error" in r) return setMessage({ error: true, text: r.error });
    setMessage({ error: false, text: `Created ${r.user.email} (${ROLE_LABEL[r.user.role as keyof typeof ROLE_LABEL] ?? r.user.role}).` });
    if (r.user.generatedPassword) setGenerated({ email: r.user.email, password: r.user.generatedPassword });
    form.reset();
    router.refresh();
  }

  async function copy() {
    if (!generated) return;
    await navigator.clipboard?.writeText(generated.password).then(() => setCopied(true), () => setCopied(false));
  }

  return (
    <div className="space-y-3">
      <form onSubmit={submit} aria-label="Create user" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Email</span>
          <input name="email" type="email" required autoComplete="off" className={field} />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Name</span>
          <input name="name" required maxLength={100} autoComplete="off" className={field} />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Role</span>
          <select name="role" defaultValue="viewer" className={field}>
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
          </select>
        </label>
        <div className="text-sm">
          <label htmlFor="new-user-project" className="mb-1 block font-medium">Project</label>
          <input id="new-user-project" name="project" autoComplete="off" maxLength={100} aria-describedby="new-user-project-hint" className={field} />
          <span id="new-user-project-hint" className="mt-0.5 block text-xs text-zinc-500">Where a viewer, triager or lead holds that role.</span>
        </div>
        <div className="text-sm">
          <label htmlFor="new-user-password" className="mb-1 block font-medium">Password</label>
          <input
            id="new-user-password" name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} maxLength={128}
            aria-describedby="new-user-password-hint" className={field}
          />
          <span id="new-user-password-hint" className="mt-0.5 block text-xs text-zinc-500">Optional; leave empty to generate one.</span>
        </div>
        <div>
          <button type="submit" disabled={busy} className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900">
            {busy ? "Creating…" : "Create user"}
          </button>
        </div>
      </form>
      {message && (
        <p role={message.error ? "alert" : "status"} className={`text-sm ${message.error ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>
          {message.text}
        </p>
      )}
      {generated && (
        <div
          role="region" aria-labelledby="generated-password-title" data-testid="generated-password"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950/40"
        >
          <p id="generated-password-title" className="font-medium text-amber-900 dark:text-amber-200">
            Password for {generated.email}: shown once — copy it now
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="select-all rounded bg-white px-2 py-1 font-mono dark:bg-zinc-900" data-testid="generated-password-value">{generated.password}</code>
            <button type="button" onClick={copy} className="rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-white dark:border-zinc-700 dark:hover:bg-zinc-900">
              {copied ? "Copied" : "Copy"}
            </button>
            <button type="button" onClick={() => setGenerated(null)} className="text-xs text-zinc-600 hover:underline dark:text-zinc-400">
              Done, hide it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
