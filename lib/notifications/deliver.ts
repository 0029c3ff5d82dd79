// One attempt to deliver one message (a graphile-worker job per attempt).
// 5 s timeout; 5xx, 429 and network errors are retried with exponential
// backoff by queueing the next attempt with a run_at, up to a bounded number
// of attempts; other answers give up at once. Every attempt updates the
// delivery log (status code, attempts, first 1 KB of the answer). A webhook
// whose deliveries keep giving up is paused with the reason shown.
import { pool } from "@/lib/db";
import { DELIVER_TASK } from "@/lib/notifications/enqueue";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody } from "@/lib/notifications/sign";
import { decryptSecret } from "@/lib/runner/secret-box";

export interface DeliveryOptions {
  timeoutMs: number;
  maxAttempts: number;
  /** delay before attempt n+1 is backoffMs * 2^(n-1) */
  backoffMs: number;
  /** given-up deliveries in a row that pause the webhook */
  pauseAfter: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = { timeoutMs: 5000, maxAttempts: 5, backoffMs: 30_000, pauseAfter: 5 };
export const SNIPPET_BYTES = 1024;

type Outcome = { ok: boolean; retry: boolean; statusCode: number | null; snippet: string; retryAfterMs?: number };

async function readSnippet(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  try {
    while (n < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      n += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString("utf8").replace(/\0/g, "");
}

async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Outcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal });
    const snippet = await readSnippet(res);
    const retry = res.status >= 500 || res.status === 429;
    const ra = Number(res.headers.get("retry-after"));
    return { ok: res.status >= 200 && res.status < 300, retry, statusCode: res.status, snippet, retryAfterMs: Number.isFinite(ra) && ra > 0 ? Math.min(ra, 3600) * 1000 : undefined };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const text = signal.aborted ? `no answer within ${timeoutMs / 1000} s` : `network error: ${err.cause?.code ?? err.cause?.message ?? err.message}`;
    return { ok: false, retry: true, statusCode: null, snippet: text };
  }
}

/** Run one attempt; returns the delivery's status afterwards ("skipped" when it was not due). */
export async function attemptDelivery(deliveryId: string, opts: DeliveryOptions = DEFAULT_DELIVERY): Promise<string> {
  // claim the attempt: a duplicate queue job for the same delivery finds nothing to do
  const { rows } = await pool().query(
    `UPDATE webhook_deliveries d SET attempts = d.attempts + 1, "lastAttemptAt" = now(), "nextAttemptAt" = NULL
       FROM webhooks w
      WHERE d.id = $1 AND w.id = d."webhookId" AND d.status IN ('pending', 'retrying')
      RETURNING d.id, d.event, d.body, d.attempts, w.id AS "webhookId", w.url, w."secretEncrypted", w."pausedAt"`,
    [deliveryId],
  );
  const d = rows[0];
  if (!d) return "skipped";
  if (d.pausedAt && d.event !== "test") {
    await pool().query(`UPDATE webhook_deliveries SET status = 'gave_up', "responseSnippet" = 'not sent: the webhook is paused' WHERE id = $1`, [d.id]);
    return "gave_up";
  }
  const ts = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json", "user-agent": "Runboard-Webhook/1", "x-runboard-event": d.event, "x-runboard-delivery": d.id,
    [TIMESTAMP_HEADER]: String(ts),
  };
  if (d.secretEncrypted) headers[SIGNATURE_HEADER] = signBody(decryptSecret(d.secretEncrypted), ts, d.body);
  const o = await post(d.url, headers, d.body, opts.timeoutMs);
  const status = o.ok ? "succeeded" : o.retry && d.attempts < opts.maxAttempts ? "retrying" : "gave_up";
  const delayMs = status === "retrying" ? Math.max(opts.backoffMs * 2 ** (d.attempts - 1), o.retryAfterMs ?? 0) : 0;
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `UPDATE webhook_deliveries SET status = $2, "statusCode" = $3, "responseSnippet" = $4,
              "nextAttemptAt" = CASE WHEN $2 = 'retrying' THEN now() + make_interval(secs => $5::float8 / 1000) END
        WHERE id = $1`,
      [d.id, status, o.statusCode, o.snippet, delayMs],
    );
    if (status === "retrying") {
      await client.query(
        `SELECT graphile_worker.add_job($1, json_build_object('deliveryId', $2::text), run_at := now() + make_interval(secs => $3::float8 / 1000), max_attempts := 3)`,
        [DELIVER_TASK, d.id, delayMs],
      );
    } else if (d.event !== "test") {
      await recordOutcome(client, d.webhookId, status === "succeeded", opts.pauseAfter, o);
    }
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  return status;
}

async function recordOutcome(client: import("pg").PoolClient, webhookId: string, ok: boolean, pauseAfter: number, o: Outcome) {
  if (ok) {
    await client.query(`UPDATE webhooks SET "consecutiveFailures" = 0 WHERE id = $1`, [webhookId]);
    return;
  }
  const last = o.statusCode ? `HTTP ${o.statusCode}` : o.snippet;
  await client.query(
    `UPDATE webhooks SET "consecutiveFailures" = "consecutiveFailures" + 1,
            "pausedAt" = CASE WHEN "pausedAt" IS NULL AND "consecutiveFailures" + 1 >= $2 THEN now() ELSE "pausedAt" END,
            "pausedReason" = CASE WHEN "pausedAt" IS NULL AND "consecutiveFailures" + 1 >= $2
                                  THEN ("consecutiveFailures" + 1) || ' deliveries in a row failed (last: ' || $3 || ')' ELSE "pausedReason" END
      WHERE id = $1`,
    [webhookId, pauseAfter, last.slice(0, 200)],
  );
}
