// Sending with retries. Only failures that a later attempt can fix are retried:
// network errors, timeouts, 5xx and 429 (waiting as long as Retry-After says).
// Other 4xx answers are final. Retrying a POST is safe because the run is
// keyed by its external id and reports by their content hash.

export interface RetryPolicy {
  /** retries after the first attempt */
  retries: number;
  /** first backoff; doubles per retry */
  baseMs: number;
  /** a server asking for more than this is not waited for longer */
  maxDelayMs?: number;
}

export interface Attempt {
  attempt: number;
  of: number;
  reason: string;
  delayMs: number;
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** base * 2^n, +-25 % jitter so that many CI jobs failing together do not retry in lockstep. */
export function backoffDelay(retryIndex: number, baseMs: number, random: () => number = Math.random): number {
  const nominal = baseMs * 2 ** retryIndex;
  return Math.round(nominal * (0.75 + 0.5 * random()));
}

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** What fetch's "fetch failed" hides: the cause's code and message (never headers, so never the token). */
export function describeNetworkError(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return "timed out";
  const cause = err?.cause;
  if (cause?.message) return cause.code && !cause.message.includes(cause.code) ? `${cause.code}: ${cause.message}` : cause.message;
  if (cause?.code) return cause.code;
  return err?.message ?? String(e);
}

export class NetworkFailure extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Call send() until it answers with a final status or the retries run out.
 * Returns the last Response (retryable or not); throws NetworkFailure when
 * the last attempt did not get an answer at all.
 */
export async function sendWithRetry(
  send: () => Promise<Response>,
  policy: RetryPolicy,
  onRetry: (a: Attempt) => void,
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<Response> {
  const of = policy.retries + 1;
  const maxDelay = policy.maxDelayMs ?? 5 * 60_000;
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let serverDelay: number | undefined;
    try {
      const res = await send();
      if (!isRetryableStatus(res.status) || attempt === of) return res;
      serverDelay = parseRetryAfter(res.headers.get("retry-after"));
      reason = `HTTP ${res.status}${await errorCode(res)}`;
    } catch (e) {
      if (attempt === of) throw new NetworkFailure(`${describeNetworkError(e)} (after ${of} attempt${of > 1 ? "s" : ""})`);
      reason = describeNetworkError(e);
    }
    const delayMs = Math.min(maxDelay, serverDelay ?? backoffDelay(attempt - 1, policy.baseMs));
    onRetry({ attempt, of, reason, delayMs });
    await wait(delayMs);
  }
}

/** " unavailable: The database is unavailable" from an API error body; consumes the body. */
async function errorCode(res: Response): Promise<string> {
  const err = parseApiError(await res.text().catch(() => ""));
  return err ? ` ${err.code}: ${err.message}` : "";
}

export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export function parseApiError(text: string): ApiError | undefined {
  try {
    const body = JSON.parse(text) as { error?: Partial<ApiError> };
    if (body?.error && typeof body.error.message === "string") {
      return { code: String(body.error.code ?? "error"), message: body.error.message, details: body.error.details };
    }
  } catch {
    /* not JSON: a proxy's HTML page, for instance */
  }
  return undefined;
}

/** A refused request, readable: status, code, message and each detail on its own line. */
export function formatApiError(status: number, text: string): string {
  const err = parseApiError(text);
  if (!err) {
    const snippet = text.replace(/\s+/g, " ").trim().slice(0, 300);
    return `The server answered HTTP ${status}${snippet ? `: ${snippet}` : ""}`;
  }
  const lines = [`The server refused the upload (HTTP ${status}, ${err.code}): ${err.message}`];
  if (Array.isArray(err.details)) {
    for (const d of err.details as { path?: string; message?: string }[]) {
      lines.push(d && typeof d === "object" && "message" in d ? `  ${d.path ?? "/"}: ${d.message}` : `  ${JSON.stringify(d)}`);
    }
  } else if (err.details && typeof err.details === "object") {
    for (const [k, v] of Object.entries(err.details)) lines.push(`  ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
  }
  return lines.join("\n");
}
