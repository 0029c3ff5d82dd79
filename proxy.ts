// Runs before every page request (Next.js 16 "proxy", formerly middleware).
// 1. A fresh CSP nonce per response (lib/http/csp.ts), on the request too so
//    Next.js stamps its inline scripts with it.
// 2. A navigation without a session cookie answers 307 to /sign-in?next=<the
//    whole path and query> before any rendering starts (unless
//    RUNBOARD_PUBLIC_READ). Only the cookie's presence is checked here, no
//    database lookup: a stale or forged cookie gets through to the page, whose
//    own check (lib/auth/session.ts) still redirects. The full path is also
//    passed on (PATH_HEADER) for that fallback.
import { type NextRequest, NextResponse } from "next/server";
import { PATH_HEADER, signInUrl } from "@/lib/auth/safe-next";
import { env } from "@/lib/env";
import { NONCE_HEADER, newNonce, pageCsp } from "@/lib/http/csp";

const SESSION_COOKIE = "runboard.session_token"; // better-auth: cookiePrefix "runboard" (lib/auth/auth.ts)
const OPEN_PATHS = new Set(["/sign-in", "/runboard.mjs"]);

function hasSessionCookie(req: NextRequest): boolean {
  return req.cookies.has(SESSION_COOKIE) || req.cookies.has(`__Secure-${SESSION_COOKIE}`);
}

/** A page navigation (document or client-side RSC fetch), not a download or API-style fetch that answers 401 itself. */
function isNavigation(req: NextRequest): boolean {
  return req.method === "GET" && (req.headers.get("accept")?.includes("text/html") || req.headers.get("rsc") === "1");
}

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const nonce = newNonce();
  const csp = pageCsp(nonce);
  if (!OPEN_PATHS.has(pathname) && isNavigation(req) && !hasSessionCookie(req) && !env().RUNBOARD_PUBLIC_READ) {
    const to = new URL(signInUrl(`${pathname}${search}`), req.nextUrl.origin);
    const res = NextResponse.redirect(to, 307);
    res.headers.set("content-security-policy", csp);
    return res;
  }
  const headers = new Headers(req.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set("content-security-policy", csp);
  headers.set(PATH_HEADER, `${pathname}${search}`);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return res;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
