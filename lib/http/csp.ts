// The Content Security Policy of every page, built per request by proxy.ts.
// Scripts run only from this origin or with this response's nonce: Next.js
// puts the nonce on its own inline scripts (the streamed RSC payload) when it
// finds it in the request's CSP header, so 'unsafe-inline' is not needed and an
// injected <script> does not run. Styles keep 'unsafe-inline': React's style
// attributes (charts, bars) need it, and an injected style cannot run code.
// Development adds 'unsafe-eval' (React's error overlays) and websockets (hot reload).
export const NONCE_HEADER = "x-nonce";

export function pageCsp(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: a fresh one for every page response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
