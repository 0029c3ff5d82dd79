// The web process: Next.js behind a plain Node HTTP server (a Next.js "custom
// server"), started by lib/ops/start.ts. It exists for one reason: Next's route
// handlers cannot see the socket's peer address, and the X-Forwarded-For they
// see is whatever the client sent (Next only fills it in when it is missing).
// Here every request gets CLIENT_IP_HEADER set from the socket (or, with
// RUNBOARD_TRUSTED_PROXIES, from the proxies' X-Forwarded-For), overwriting any
// value the client sent, so the sign-in rate limit counts real addresses.
import http from "node:http";
import { processIo } from "@/lib/cli/io";
import path from "node:path";
import next from "next";
import { parseEnvOrExit } from "@/lib/env";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip";
import { clientAddress } from "@/lib/http/client-address";

const dev = process.argv.includes("--dev");
const env = parseEnvOrExit();
const trusted = env.RUNBOARD_TRUSTED_PROXIES ?? null;
// `next` is a CommonJS module: under tsx its default export may arrive wrapped
const createNext = ((next as unknown as { default?: typeof next }).default ?? next) as typeof next;
const app = createNext({ dev, dir: path.resolve(import.meta.dirname, "../.."), hostname: env.HOSTNAME, port: env.PORT });

async function main() {
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    const ip = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
    if (ip) req.headers[CLIENT_IP_HEADER] = ip;
    else delete req.headers[CLIENT_IP_HEADER];
    void handle(req, res);
  });
  server.listen(env.PORT, env.HOSTNAME, () => processIo.out(`[runboard] web on http://${env.HOSTNAME}:${env.PORT}${trusted ? " (trusting proxies: " + JSON.stringify(trusted) + ")" : ""}`));
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e) => {
  processIo.err(`[runboard] web server failed to start: ${(e as Error)?.stack ?? e}`);
  process.exit(1);
});
