// multipart/form-data, streamed through busboy with limits: every file is
// capped (after gzip inflation) and the part count is bounded. File names are
// reduced to a safe base name; nothing is written to disk.
import { Readable } from "node:stream";
import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { gunzipLimited, isGzip } from "@/lib/http/read-body";

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

export async function readMultipart(req: Request, fileLimit: number): Promise<MultipartBody> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > fileLimit * 2 + MAX_FIELD_BYTES) {
    throw new AppError("payload_too_large", `The upload is larger than the limit of ${fileLimit * 2} bytes`, { limitBytes: fileLimit * 2 });
  }
  if (!req.body) throw new AppError("bad_request", "Empty multipart body");
  let bb: busboy.Busboy;
  try {
    bb = busboy({
      headers: { "content-type": req.headers.get("content-type") ?? "" },
      limits: { files: MAX_FILES, fields: 20, fieldSize: MAX_FIELD_BYTES, fileSize: fileLimit, parts: MAX_FILES + 20 },
    });
  } catch (e) {
    throw new AppError("bad_request", `Invalid multipart request: ${(e as Error).message}`);
  }
  const fields: Record<string, string> = {};
  const pending: Promise<UploadedFile>[] = [];
  let failure: AppError | undefined;
  const fail = (e: AppError) => {
    failure ??= e;
  };
  const done = new Promise<void>((resolve, reject) => {
    bb.on("field", (name, value, info) => {
      if (info.valueTruncated) fail(new AppError("payload_too_large", `Field "${name}" is larger than ${MAX_FIELD_BYTES} bytes`));
      fields[name] = value;
    });
    bb.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      pending.push(
        new Promise<UploadedFile>((res) => {
          stream.on("data", (c: Buffer) => {
            size += c.length;
            if (!failure) chunks.push(c);
          });
          stream.on("limit", () => fail(new AppError("payload_too_large", `File "${safeFilename(info.filename)}" is larger than ${fileLimit} bytes`, { limitBytes: fileLimit })));
          stream.on("end", () => res({ field, filename: safeFilename(info.filename), bytes: Buffer.concat(chunks, failure ? 0 : size) }));
        }),
      );
    });
    bb.on("filesLimit", () => fail(new AppError("payload_too_large", `At most ${MAX_FILES} files per request`)));
    bb.on("partsLimit", () => fail(new AppError("payload_too_large", "Too many parts in the multipart request")));
    bb.on("fieldsLimit", () => fail(new AppError("payload_too_large", "Too many fields in the multipart request (at most 20)")));
    bb.on("close", resolve);
    bb.on("error", (e) => reject(new AppError("bad_request", `Invalid multipart request: ${(e as Error).message}`)));
  });
  Readable.fromWeb(req.body as import("node:stream/web").ReadableStream).on("error", (e) => bb.destroy(e)).pipe(bb);
  await done;
  const files = await Promise.all(pending);
  if (failure) throw failure;
  for (const f of files) if (isGzip(f.bytes)) f.bytes = await gunzipLimited([f.bytes], fileLimit);
  return { fields, files };
}
