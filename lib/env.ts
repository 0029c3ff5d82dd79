// Environment, validated once with zod. A bad value stops start-up naming the
// variable. Imported by the launcher, the web app, the worker and the CLI, so
// it must stay free of `server-only`.
import path from "node:path";
import { processIo } from "@/lib/cli/io";
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/http/client-address";
import { parseHostRules } from "@/lib/runner/host-allowlist";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** External PostgreSQL. Unset: an embedded PostgreSQL under RUNBOARD_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  /** Where the embedded database and other local state live. */
  RUNBOARD_DATA_DIR: z.string().min(1).default(".data"),
  /** Port of the embedded PostgreSQL (a free one when unset). */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Load the Gateway demo data on first start of an empty database. */
  RUNBOARD_DEMO: bool.default(true),
  /** Largest accepted report, after decompression. */
  RUNBOARD_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  /** Report uploads parsed and stored at once per web process; more wait their turn (lib/services/ingest-slots.ts). */
  RUNBOARD_INGEST_CONCURRENCY: z.coerce.number().int().min(1).default(2),
  /** Most test cases accepted in one report file. */
  RUNBOARD_MAX_CASES: z.coerce.number().int().min(1).default(100_000),
  /** 32-byte key (hex or base64) encrypting runner hosts' SSH keys at rest. */
  RUNBOARD_SECRET_KEY: z.string().min(32, "must be at least 32 characters (hex or base64 of 32 bytes)").optional(),
  /** Signs session cookies. Unset: generated once into RUNBOARD_DATA_DIR/auth-secret (set it when web processes run on several hosts). */
  RUNBOARD_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Public URL of the web app, e.g. https://runboard.example.com; https makes session cookies Secure. */
  RUNBOARD_BASE_URL: z.string().url().regex(/^https?:\/\//, "must be an http(s) URL").optional(),
  /** Let visitors who are not signed in read the dashboard (as viewers). Mutations always need sign-in. */
  RUNBOARD_PUBLIC_READ: bool.default(false),
  /** Sign-in attempts allowed per client address: "MAX/SECONDS". */
  RUNBOARD_SIGNIN_LIMIT: z
    .string()
    .regex(/^\d+\/\d+$/, 'must look like "5/60" (attempts per seconds)')
    .default("5/60")
    .transform((v) => ({ max: Number(v.split("/")[0]), window: Number(v.split("/")[1]) })),
  /**
   * Reverse proxies in front of the web app whose X-Forwarded-For is believed:
   * a hop count ("1") or their addresses/CIDR ranges ("10.0.0.0/8,::1").
   * Unset: no proxy; the client address is the socket's (X-Forwarded-For ignored).
   */
  RUNBOARD_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const r = parseTrustedProxies(v);
      if (typeof r === "string") {
        ctx.addIssue({ code: "custom", message: `${r} (e.g. "1" or "10.0.0.0/8,192.168.1.5")` });
        return z.NEVER;
      }
      return r;
    }),
  /** Requests per CI token on /api/v1: "MAX/SECONDS", counted in PostgreSQL across all web processes. */
  RUNBOARD_TOKEN_RATE_LIMIT: z
    .string()
    .regex(/^\d+\/\d+$/, 'must look like "1200/60" (requests per seconds)')
    .default("1200/60")
    .transform((v) => ({ max: Number(v.split("/")[0]), window: Number(v.split("/")[1]) })),
  /** When set, /api/metrics needs it as a bearer token. */
  RUNBOARD_METRICS_TOKEN: z.string().min(16).optional(),
  RUNBOARD_ADMIN_EMAIL: z.string().email().optional(),
  RUNBOARD_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  /** A running provisioning job's lease: a worker silent this long is taken for dead and its job failed. */
  RUNBOARD_RUNNER_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  /** Provisioning jobs one worker process runs at once (hosts' own limits still apply). */
  /** Connections of the raw pg pool, per process (lib/db.ts pool()). */
  RUNBOARD_DB_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  /** Connections of Prisma's pool, per process (lib/db.ts db()). */
  RUNBOARD_PRISMA_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  RUNBOARD_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  /**
   * Machines runner hosts may be: host names, *.domain, IP addresses and CIDRs
   * (IPv4/IPv6), comma- or space-separated. Unset: any host.
   */
  RUNBOARD_RUNNER_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      try {
        return parseHostRules(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /** Start the worker process with `npm start`. */
  RUNBOARD_WORKER: bool.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** For process entry points: the environment, or exit 1 naming the bad variable (no stack: the fix is a setting). */
export function parseEnvOrExit(): Env {
  try {
    return parseEnv();
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    processIo.err(e.message);
    process.exit(1);
  }
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings mean "unset" (a common artefact of shell/CI templating).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Read process.env again on the next env() (tests that change a setting). */
export function resetEnv() {
  cached = undefined;
}

export function dataDir(e: Env = env()): string {
  return path.resolve(e.RUNBOARD_DATA_DIR);
}
