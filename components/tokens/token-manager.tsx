"use client";
// A project's CI tokens for team leads: create (the token is shown once) and revoke.
import { useRouter } from "next/navigation";
import { useState } from "react";

interface TokenRow { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

const day = (s: string | null) => (s ? s.slice(0, 16).replace("T", " ") : "—");

export function TokenManager({ project, tokens, canManage }: { project: string; tokens: TokenRow[]; canManage: boolean }) {
  const router = useRouter();
  const [shown, setShown] = useState<{ id: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function call(url: string, method: "POST" | "DELETE", body?: unknown) {
    setError(null);
    const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    const j = await res.json().catch(() => null);
    if (!res.ok) {
      setError(j?.error?.message ?? `Request failed (${res.status})`);
      return null;
    }
    return j;
  }

  return (
    <div className="space-y-3">
      <div tabIndex={0} role="region" aria-label="CI tokens" className="overflow-x-auto">
      <table className="w-full text-sm [&_td]:pr-3 [&_th]:pr-3" data-testid="tokens">
        <caption className="sr-only">CI tokens</caption>
        <thead className="text-left text-xs uppercase text-zinc-500">
          <tr><th scope="col">Name</th><th scope="col">Token</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">State</th>{canManage && <th scope="col"><span className="sr-only">Actions</span></th>}</tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-1">{t.name}</td>
              <td className="font-mono text-xs">{t.prefix}…</td>
              <td>{day(t.createdAt)}</td>
              <td>{day(t.lastUsedAt)}</td>
              <td>{t.revokedAt ? `revoked ${day(t.revokedAt)}` : "active"}</td>
              {canManage && (
                <td>
                  {!t.revokedAt && (
                    <button type="button" className="text-red-700 hover:underline dark:text-red-400" aria-label={`Revoke ${t.name}`}
                      onClick={async () => {
                        if (!window.confirm(`Revoke token ${t.name}? CI jobs using it are refused from now on.`)) return;
                        if (!(await call(`/api/projects/${project}/tokens/${t.id}`, "DELETE"))) return;
                        if (shown?.id === t.id) setShown(null); // a revoked token is no longer worth copying
                        router.refresh();
                      }}>
                      Revoke
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
          {tokens.length === 0 && <tr><td colSpan={6} className="py-2 text-zinc-500">No tokens yet.</td></tr>}
        </tbody>
      </table>
      </div>
      {canManage && (
        <form className="flex items-end gap-2" aria-label="Create a CI token" onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const name = String(new FormData(form).get("name") ?? "");
          const j = await call(`/api/projects/${project}/tokens`, "POST", { name });
          if (j) { setShown({ id: j.id, token: j.token }); form.reset(); router.refresh(); }
        }}>
          <label className="text-sm">
            <span className="block text-xs text-zinc-500">Token name</span>
            <input name="name" required maxLength={100} placeholder="github-actions" className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900" />
          </label>
          <button type="submit" className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900">Create token</button>
        </form>
      )}
      {shown && (
        <div role="status" className="rounded border border-amber-400 bg-amber-50 p-2 text-sm dark:bg-amber-950">
          <p className="font-medium">New token, shown once: copy it now.</p>
          <code className="break-all" data-testid="new-token">{shown.token}</code>
        </div>
      )}
      {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
    </div>
  );
}
