// Sign-in for the web UI with better-auth (email + password, scrypt hashes,
// sessions in PostgreSQL through the Prisma adapter, rate-limited sign-in).
// Sign-up is closed: admins create users (lib/auth/users.ts). CI tokens are a
// separate mechanism (lib/auth/authenticate-token.ts) and never act as users.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/roles";
import { authSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip";
import { log } from "@/lib/log";


function createAuth() {
  const baseURL = env().RUNBOARD_BASE_URL;
  return betterAuth({
    appName: "Runboard",
    secret: authSecret(),
    // Without RUNBOARD_BASE_URL the app answers on whatever host it is reached by
    // (localhost, a LAN name): better-auth derives its URL per request, and the
    // only trusted origin is the request's own host (same-origin; CSRF from other
    // sites is refused). Runboard sends no e-mails or OAuth callbacks.
    baseURL,
    trustedOrigins: baseURL ? [new URL(baseURL).origin] : async (request) => sameHostOrigins(request),
    logger: {
      log: (level, message) => {
        if (/Base URL is not set/.test(message)) return; // expected without RUNBOARD_BASE_URL, see above
        log()[level](`auth: ${message}`);
      },
    },
    database: prismaAdapter(db(), { provider: "postgresql" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH },
    user: { additionalFields: { role: { type: "string", input: false, defaultValue: "viewer" } } },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 200,
      customRules: { "/sign-in/email": env().RUNBOARD_SIGNIN_LIMIT },
    },
    hooks: {
      // A password change always signs the user out everywhere else (a stolen
      // session must not outlive the password), whatever the client asks for.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/change-password") return;
        return { context: { body: { ...(ctx.body as object), revokeOtherSessions: true } } };
      }),
    },
    advanced: {
      cookiePrefix: "runboard",
      // The rate limit's client address: only the header lib/ops/web-server.ts sets from
      // the socket (or trusted proxies), never X-Forwarded-For as the client sent it.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      // Secure cookies when served over https (set RUNBOARD_BASE_URL behind a TLS proxy)
      useSecureCookies: baseURL?.startsWith("https://") ?? false,
      database: { generateId: "uuid" },
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

function sameHostOrigins(request?: Request): string[] {
  const host = request?.headers.get("host");
  return host ? [`http://${host}`, `https://${host}`] : [];
}

type Auth = ReturnType<typeof createAuth>;
const g = globalThis as unknown as { __runboardAuth?: Auth };

/** The better-auth instance, created on first use (the build must not need a database). */
export function auth(): Auth {
  g.__runboardAuth ??= createAuth();
  return g.__runboardAuth;
}
