// Signatures of generic webhook bodies. The timestamp is signed with the body
// ("<timestamp>.<body>"), so a receiver that refuses old timestamps refuses
// replays, and a changed timestamp breaks the signature.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-runboard-signature";
export const TIMESTAMP_HEADER = "x-runboard-timestamp";

export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (docs/notifications.md): check the signature and the age. */
export function verifySignature(secret: string, headers: { signature?: string | null; timestamp?: string | null }, body: string, opts: { now?: number; toleranceSec?: number } = {}): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts)) return false;
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  if (Math.abs(now - ts) > (opts.toleranceSec ?? 300)) return false;
  const want = Buffer.from(signBody(secret, ts, body));
  const got = Buffer.from(headers.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
