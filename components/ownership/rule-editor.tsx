"use client";
// A project's ownership rules in order (the first match wins): leads add a
// rule, move it up or down, remove it, or replace all of them with OWNERS text.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Feedback, button, field } from "@/components/ui/form-feedback";
import { send } from "@/components/settings/send";
import { RULE_KINDS, RULE_KIND_LABEL, type RuleKind } from "@/lib/ownership/owners-file";

export interface RuleItem {
  id: string;
  kind: RuleKind;
  pattern: string;
  ownerToken: string;
  ownerName: string;
}

const small = "rounded border border-zinc-300 px-2 py-0.5 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";
type Message = { error: boolean; text: string } | null;

export function RuleEditor({ project, rules, ownersText, owners, canEdit }: {
  project: string; rules: RuleItem[]; ownersText: string; owners: { token: string; name: string }[]; canEdit: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const base = `/api/projects/${encodeURIComponent(project)}/owners`;

  async function act(method: "POST" | "PATCH" | "PUT" | "DELETE", url: string, body: unknown, done: string): Promise<boolean> {
    setBusy(true);
    const error = await send(url, method, body);
    setBusy(false);
    setMessage(error ? { error: true, text: error } : { error: false, text: done });
    if (!error) router.refresh();
    return !error;
  }

  async function add(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const rule = { kind: f.get("kind"), pattern: String(f.get("pattern") ?? "").trim(), owner: String(f.get("owner") ?? "").trim() };
    if (await act("POST", `${base}/rules`, rule, `Added rule ${rule.kind}:${rule.pattern}.`)) form.reset();
  }

  async function replace(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    await act("PUT", base, { text: String(new FormData(e.currentTarget).get("text") ?? "") }, "Rules replaced.");
  }

  return (
    <div className="space-y-3">
      {rules.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400" data-testid="rules-empty">No rules: new items stay unowned.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="ownership-rules">
            <thead className="text-xs text-zinc-500 dark:text-zinc-400"><tr><th className="pr-3">#</th><th className="pr-3">Matches</th><th className="pr-3">Owner</th>{canEdit && <th><span className="sr-only">Actions</span></th>}</tr></thead>
            <tbody>
              {rules.map((r, i) => (
                <tr key={r.id} className="border-t border-zinc-200 dark:border-zinc-800">
                  <td className="py-1 pr-3">{i + 1}</td>
                  <td className="py-1 pr-3"><span className="text-zinc-500 dark:text-zinc-400">{RULE_KIND_LABEL[r.kind]}</span> <code className="break-all font-mono text-xs">{r.pattern}</code></td>
                  <td className="py-1 pr-3">{r.ownerName} <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{r.ownerToken}</span></td>
                  {canEdit && (
                    <td className="flex gap-1 py-1">
                      <button type="button" className={small} disabled={busy || i === 0} aria-label={`Move rule ${i + 1} up`} onClick={() => act("PATCH", `${base}/rules/${r.id}`, { move: "up" }, "Moved up.")}>↑</button>
                      <button type="button" className={small} disabled={busy || i === rules.length - 1} aria-label={`Move rule ${i + 1} down`} onClick={() => act("PATCH", `${base}/rules/${r.id}`, { move: "down" }, "Moved down.")}>↓</button>
                      <button type="button" className={small} disabled={busy} aria-label={`Remove rule ${i + 1}`} onClick={() => act("DELETE", `${base}/rules/${r.id}`, undefined, "Removed.")}>Remove</button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Feedback message={message} />
      {canEdit && (
        <>
          <form onSubmit={add} aria-label="Add ownership rule" className="flex flex-wrap items-end gap-2">
            <label className="text-sm">
              <span className="mb-1 block font-medium">Match</span>
              <select name="kind" defaultValue="requirement" className={field}>
                {RULE_KINDS.map((k) => <option key={k} value={k}>{RULE_KIND_LABEL[k]}</option>)}
              </select>
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium">Pattern</span>
              <input name="pattern" required maxLength={500} placeholder="BR-GATEWAY-0*" className={`${field} w-56 font-mono`} />
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium">Owner (e-mail or @team)</span>
              <input name="owner" required list="owner-choices" maxLength={200} className={`${field} w-56`} />
              <datalist id="owner-choices">{owners.map((o) => <option key={o.token} value={o.token}>{o.name}</option>)}</datalist>
            </label>
            <button type="submit" disabled={busy} className={button}>Add rule</button>
          </form>
          <details className="text-sm">
            <summary className="cursor-pointer">Edit as an OWNERS file</summary>
            <form onSubmit={replace} aria-label="Replace rules from OWNERS text" className="mt-2 space-y-2">
              <textarea name="text" aria-label="OWNERS text" defaultValue={ownersText} rows={Math.min(20, ownersText.split("\n").length + 2)} className={`${field} w-full font-mono text-xs`} />
              <button type="submit" disabled={busy} className={button}>Replace all rules</button>
            </form>
          </details>
        </>
      )}
      <a href={base} className="text-sm text-sky-700 hover:underline dark:text-sky-400" download>Download OWNERS</a>
    </div>
  );
}
