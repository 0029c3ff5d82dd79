// The browser side of the triage routes: same-origin JSON with the session cookie.
export async function sendJson(url: string, method: "POST" | "PATCH" | "PUT" | "DELETE", body?: unknown): Promise<string | null> {
  const res = await fetch(url, body === undefined ? { method } : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.ok) return null;
  const j = await res.json().catch(() => null);
  return j?.error?.message ?? `Request failed (${res.status})`;
}
