// The address people reach this site by, for links the server writes into
// files (CSV exports): RUNBOARD_BASE_URL when set, else the request's Host
// header. Never the URL the server was bound to (http://0.0.0.0:3100).
import { env } from "@/lib/env";

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export function publicOrigin(req: Request, baseUrl: string | undefined = env().RUNBOARD_BASE_URL): string {
  if (baseUrl) return baseUrl.replace(/\/+$/, "");
  const url = new URL(req.url);
  const host = req.headers.get("host");
  return host && HOST.test(host) ? `${url.protocol}//${host}` : url.origin;
}
