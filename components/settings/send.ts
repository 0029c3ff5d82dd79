// Same-origin JSON for the settings forms; an error answer becomes one
// sentence with its details ("line 3: unknown team @x"), so people see what to fix.
export async function send(url: string, method: "POST" | "PATCH" | "PUT" | "DELETE", body?: unknown): Promise<string | null> {
  const res = await fetch(url, body === undefined ? { method } : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.ok) return null;
  const j = await res.json().catch(() => null);
  const details = Array.isArray(j?.error?.details) ? j.error.details.map((d: { path?: string; message?: string }) => `${d.path ? `${d.path}: ` : ""}${d.message}`).join("; ") : "";
  return `${j?.error?.message ?? `Request failed (${res.status})`}${details ? ` (${details})` : ""}`;
}
