// The CSRF check for everything the web UI changes with its session cookie:
// JSON routes (lib/http/session-route.ts) and server actions (lib/actions/*).
// The Origin (or, from a browser that sends no Origin, Sec-Fetch-Site) must be
// this site. A request with neither is refused: browsers send one of them on
// every POST, so only a non-browser client or an old browser lacks both, and
// those are not the web UI. The session cookie is also SameSite=Lax.
import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function assertSameOrigin(method: string, headers: Headers): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new AppError("forbidden", "Cross-site request refused");
  const origin = headers.get("origin");
  if (!origin) {
    if (site) return; // a browser that sent Sec-Fetch-Site: same-origin (or none: typed by the user)
    throw new AppError("forbidden", "Cross-site request refused: no Origin header");
  }
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "Cross-site request refused: bad Origin header");
  }
  if (!host || originHost !== host) throw new AppError("forbidden", "Cross-site request refused");
}
