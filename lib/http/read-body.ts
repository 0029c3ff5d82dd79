// Request bodies with limits enforced while reading: a declared length over
// the limit is refused before reading, a gzip body is counted while it
// inflates, and nothing is ever held beyond the limit.
import { Readable } from "node:stream";
import zlib from "node:zlib";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertJsonDepth } from "@/lib/ingest/json-depth";
import { parseOrThrow } from "@/lib/schemas/validation";

export const JSON_BODY_LIMIT = 1024 * 1024;

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The body is larger than the limit of ${limit} bytes (after decompression)`, {
    limitBytes: limit,
  });
}

/** Bytes counted against one limit across several reads (every file of one multipart request). */
export interface ByteBudget {
  readonly limit: number;
  used: number;
}

const budgetOf = (limit: number | ByteBudget): ByteBudget => (typeof limit === "number" ? { limit, used: 0 } : limit);

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflate gzip data, refusing output past the limit (or the shared budget) and truncated input. */
export async function gunzipLimited(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limit: number | ByteBudget): Promise<Buffer> {
  const budget = budgetOf(limit);
  const gunzip = zlib.createGunzip();
  const chunks: Buffer[] = [];
  let size = 0;
  const input = Readable.from(source);
  input.on("error", (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      size += chunk.length;
      if ((budget.used += chunk.length) > budget.limit) {
        input.destroy();
        gunzip.destroy();
        throw tooLarge(budget.limit);
      }
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("bad_request", `The gzip data is corrupt or truncated: ${(e as Error).message}`);
  }
  return Buffer.concat(chunks, size);
}

/** Collect a stream, refusing bytes past the limit (or the shared budget). */
export async function collectLimited(source: AsyncIterable<Uint8Array>, limit: number | ByteBudget): Promise<Buffer> {
  const budget = budgetOf(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if ((budget.used += chunk.byteLength) > budget.limit) throw tooLarge(budget.limit);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, size);
}

function bodyStream(req: Request): AsyncIterable<Uint8Array> {
  if (!req.body) return (async function* () {})();
  return req.body as unknown as AsyncIterable<Uint8Array>;
}

function checkDeclaredLength(req: Request, limit: number) {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
}

/** The raw body, inflated when sent with Content-Encoding: gzip. */
export async function readRawBody(req: Request, limit: number): Promise<Buffer> {
  checkDeclaredLength(req, limit);
  const encoding = (req.headers.get("content-encoding") ?? "identity").toLowerCase().trim();
  if (encoding === "gzip" || encoding === "x-gzip") return gunzipLimited(bodyStream(req), limit);
  if (encoding !== "identity") throw new AppError("unsupported_media_type", `Content-Encoding "${encoding}" is not supported; use gzip or none`);
  const raw = await collectLimited(bodyStream(req), limit);
  // a .xml.gz posted without the header is still gzip
  return isGzip(raw) ? gunzipLimited([raw], limit) : raw;
}

export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/** JSON text parsed after the depth check (400 past MAX_JSON_DEPTH, before anything recursive runs). */
export function parseJsonText(text: string, what = "The body"): unknown {
  assertJsonDepth(text, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("bad_request", `${what} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A JSON body validated with the shared zod schema: 415 / 413 / 400 / 422. */
export async function readJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const type = mediaType(req);
  if (type !== "application/json") {
    throw new AppError("unsupported_media_type", `Expected Content-Type application/json, got "${type || "none"}"`);
  }
  const raw = await readRawBody(req, JSON_BODY_LIMIT);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch (e) {
    throw new AppError("bad_request", `The body is not valid JSON: ${(e as Error).message}`);
  }
  return parseOrThrow(schema, parseJsonText(text));
}
