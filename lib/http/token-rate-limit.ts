// Per-token request limit on the CI API (/api/v1), so one runaway pipeline
// cannot starve the others. The counters live in PostgreSQL
// (rate-limiter-flexible's Postgres store, table token_rate_limits), so the
// limit holds in total across every web process on one database, like the
// sign-in limit. Over the limit: 429 with Retry-After; the CLI waits and retries.
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const g = globalThis as unknown as { __runboardTokenLimiter?: RateLimiterPostgres };

function limiter(): RateLimiterPostgres {
  const { max, window } = env().RUNBOARD_TOKEN_RATE_LIMIT;
  // the table is created by a migration (prisma model TokenRateLimit), not by the library
  g.__runboardTokenLimiter ??= new RateLimiterPostgres({
    storeClient: pool(),
    storeType: "pool",
    tableName: "token_rate_limits",
    tableCreated: true,
    points: max,
    duration: window,
    keyPrefix: "token",
  });
  return g.__runboardTokenLimiter;
}

export async function checkTokenRate(tokenId: string): Promise<void> {
  try {
    await limiter().consume(tokenId);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      const retry = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw new AppError("rate_limited", `Too many requests with this token; retry in ${retry} s`, { retryAfterSeconds: retry });
    }
    throw e;
  }
}
