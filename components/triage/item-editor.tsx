"use client";
// Changing one triage item: status, category, ticket link and a comment
// (triagers and up); the assignee (team leads). The server checks the role again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/triage/api";
import { STATUS_LABEL, TRIAGE_STATUSES } from "@/lib/triage/schemas";

const field = "w-full rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

interface Props {
  itemId: string;
  status: string;
  categoryId: string | null;
  suggestedCategoryId: string | null;
  ticketUrl: string | null;
  assigneeId: string | null;
  categories: { id: string; label: string }[];
  people: { id: string; name: string }[];
  canEdit: boolean;
  canAssign: boolean;
}

export function ItemEditor(p: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body: Record<string, unknown> = {};
    const status = String(f.get("status"));
    if (status !== p.status) body.status = status;
    const categoryId = String(f.get("categoryId") ?? "") || null;
    if (categoryId !== p.categoryId) body.categoryId = categoryId;
    const ticketUrl = String(f.get("ticketUrl") ?? "").trim() || null;
    if (ticketUrl !== p.ticketUrl) body.ticketUrl = ticketUrl;
    const comment = String(f.get("comment") ?? "").trim();
    if (comment) body.comment = comment;
    if (!Object.keys(body).length) return setMessage({ error: false, text: "Nothing changed." });
    setBusy(true);
    const error = await sendJson(`/api/triage/items/${p.itemId}`, "PATCH", body);
    setBusy(false);
    if (error) return setMessage({ error: true, text: error });
    setMessage({ error: false, text: "Saved." });
    (e.target as HTMLFormElement).reset();
    router.refresh();
  }

  async function assign(assigneeId: string) {
    setBusy(true);
    const error = await sendJson("/api/triage/assign", "POST", { itemIds: [p.itemId], assigneeId: assigneeId || null });
    setBusy(false);
    if (error) return setMessage({ error: true, text: error });
    setMessage({ error: false, text: "Assignee changed." });
    router.refresh();
  }

  if (!p.canEdit) return <p className="text-sm text-zinc-500">Viewers can read triage; triagers and leads change it.</p>;
  return (
    <div className="space-y-4">
      {p.canAssign && (
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Assignee</span>
          <select aria-label="Assignee" defaultValue={p.assigneeId ?? ""} disabled={busy} onChange={(e) => assign(e.target.value)} className={field}>
            <option value="">Unassigned</option>
            {p.people.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
      )}
      <form onSubmit={save} className="space-y-3" aria-label="Change triage item">
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Status</span>
          <select name="status" defaultValue={p.status} className={field}>
            {TRIAGE_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
          </select>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Category</span>
          {/* the suggestion is only confirmed when a person picks it: saving a status change must not confirm it silently */}
          <select name="categoryId" defaultValue={p.categoryId ?? ""} className={field}>
            <option value="">Not confirmed</option>
            {p.categories.map((c) => <option key={c.id} value={c.id}>{c.label}{c.id === p.suggestedCategoryId ? " (suggested)" : ""}</option>)}
          </select>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Ticket URL</span>
          <input name="ticketUrl" type="url" defaultValue={p.ticketUrl ?? ""} placeholder="https://tracker.example.com/GW-123" className={field} />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Comment</span>
          <textarea name="comment" rows={3} className={field} />
        </label>
        <button type="submit" disabled={busy} className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900">Save</button>
        {message && <p role={message.error ? "alert" : "status"} className={`text-sm ${message.error ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>{message.text}</p>}
      </form>
    </div>
  );
}
