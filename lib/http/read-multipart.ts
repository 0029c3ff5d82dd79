// multipart/form-data, streamed through busboy. Parts are read as they arrive,
// gzip parts inflated while they stream, and one budget caps the decompressed
// total of all files in the request: memory is bounded by the upload limit
// whatever the number of parts, and the first byte past it ends the request
// with 413. File names are reduced to a safe base name; nothing touches disk.
import { Readable } from "node:stream";
import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { type ByteBudget, collectLimited, gunzipLimited, isGzip } from "@/lib/http/read-body";

export interface UploadedFile {
  field: string;
  filename: string;
  bytes: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/** Most files in one multipart request (the CLI checks the same limit before sending). */
export const MAX_FILES = 50;
const MAX_FIELD_BYTES = 1024 * 1024;

export function safeFilename(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").replace(/^\.+/, "").slice(0, 200);
  return clean || "report.xml";
}

function tooLargeUpload(limit: number): AppError {
  return new AppError("payload_too_large", `The upload is larger than the limit of ${limit} bytes (all files together, after decompression)`, { limitBytes: limit });
}

/**
 * One file part: sniffed for gzip by its first bytes, inflated while it
 * streams, its output counted into the request's budget. Raw bytes are counted
 * too (twice the limit), so empty gzip members cannot stream forever.
 */
async function readPart(stream: Readable, budget: ByteBudget, raw: ByteBudget): Promise<Buffer> {
  const it = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const next = async () => {
    const n = await it.next();
    if (!n.done && (raw.used += n.value.length) > raw.limit) throw tooLargeUpload(budget.limit);
    return n;
  };
  let head = Buffer.alloc(0);
  let ended = false;
  while (head.length < 2 && !ended) {
    const n = await next();
    if (n.done) ended = true;
    else head = Buffer.concat([head, n.value]);
  }
  async function* rest() {
    if (head.length) yield head;
    if (ended) return;
    for (let n = await next(); !n.done; n = await next()) yield n.value;
  }
  return isGzip(head) ? gunzipLimited(rest(), budget) : collectLimited(rest(), budget);
}

function createBusboy(req: Request, limit: number): busboy.Busboy {
  try {
    return busboy({
      headers: { "content-type": req.headers.get("content-type") ?? "" },
      limits: { files: MAX_FILES, fields: 20, fieldSize: MAX_FIELD_BYTES, fileSize: limit, parts: MAX_FILES + 20 },
    });
  } catch (e) {
    throw new AppError("bad_request", `Invalid multipart request: ${(e as Error).message}`);
  }
}

export async function readMultipart(req: Request, limit: number): Promise<MultipartBody> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit * 2 + MAX_FIELD_BYTES) throw tooLargeUpload(limit);
  if (!req.body) throw new AppError("bad_request", "Empty multipart body");
  const bb = createBusboy(req, limit);
  const input = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream);
  const budget: ByteBudget = { limit, used: 0 };
  const raw: ByteBudget = { limit: limit * 2, used: 0 };
  const fields: Record<string, string> = {};
  const pending: Promise<UploadedFile>[] = [];
  const done = new Promise<void>((resolve, reject) => {
    // the first refusal ends the request: nothing more is read or inflated
    const abort = (e: unknown) => {
      input.unpipe(bb);
      input.destroy();
      bb.removeAllListeners("file");
      reject(e instanceof AppError ? e : new AppError("bad_request", `Invalid multipart request: ${(e as Error).message}`));
    };
    bb.on("field", (name, value, info) => {
      if (info.valueTruncated) abort(new AppError("payload_too_large", `Field "${name}" is larger than ${MAX_FIELD_BYTES} bytes`));
      fields[name] = value;
    });
    bb.on("file", (field, stream, info) => {
      const filename = safeFilename(info.filename);
      stream.on("limit", () => abort(new AppError("payload_too_large", `File "${filename}" is larger than ${limit} bytes`, { limitBytes: limit })));
      const part = readPart(stream, budget, raw).then((bytes) => ({ field, filename, bytes }));
      part.catch(abort);
      pending.push(part);
    });
    bb.on("filesLimit", () => abort(new AppError("payload_too_large", `At most ${MAX_FILES} files per request`)));
    bb.on("partsLimit", () => abort(new AppError("payload_too_large", "Too many parts in the multipart request")));
    bb.on("fieldsLimit", () => abort(new AppError("payload_too_large", "Too many fields in the multipart request (at most 20)")));
    bb.on("close", resolve);
    bb.on("error", abort);
    input.on("error", abort);
  });
  input.pipe(bb);
  await done;
  return { fields, files: await Promise.all(pending) };
}
