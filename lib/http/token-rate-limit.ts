// Per-token request limit on the CI API (/api/v1), so one runaway pipeline
// cannot starve the others. In memory per web process (rate-limiter-flexible):
// with several web processes behind a proxy, each allows the limit. Over the
// limit: 429 with Retry-After; the CLI waits and retries.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const g = globalThis as unknown as { __runboardTokenLimiter?: RateLimiterMemory };

function limiter(): RateLimiterMemory {
  const { max, window } = env().RUNBOARD_TOKEN_RATE_LIMIT;
  g.__runboardTokenLimiter ??= new RateLimiterMemory({ points: max, duration: window, keyPrefix: "token" });
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
