// Where to go after sign-in. One function for the server (the sign-in page,
// the sign-in redirect) and the browser (the form), so both accept the same
// thing: a path on this site, with its query. Anything that a browser could
// read as another host falls back to "/": "//evil", "/\evil" (browsers read
// "\" as "/"), "/<TAB>/evil" (the URL parser drops tabs, CR and LF), absolute
// URLs, "javascript:" and the like.
const BASE = "http://runboard.invalid";

/** Request header proxy.ts sets to the page's path and query, for the sign-in redirect's ?next=. */
export const PATH_HEADER = "x-runboard-path";

/** `raw` when it is a same-origin path (normalised by the URL parser), otherwise "/". */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return "/";
  // control characters (TAB, CR, LF... are stripped by the URL parser) and backslashes never belong in a path we make
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? "/" : path;
}

/** The sign-in page URL that comes back to `pathAndQuery` afterwards. */
export function signInUrl(pathAndQuery: string): string {
  const next = safeNextPath(pathAndQuery);
  return next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}
