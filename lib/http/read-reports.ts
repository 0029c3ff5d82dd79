// Report files from a request: multipart (one or more files) or one raw body
// (application/xml, text/xml, application/json for Ginkgo, octet-stream).
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { mediaType, readRawBody } from "@/lib/http/read-body";
import { readMultipart, safeFilename } from "@/lib/http/read-multipart";
import type { ReportFile } from "@/lib/services/attach-reports";

const RAW_TYPES = new Set(["application/xml", "text/xml", "application/json", "application/octet-stream", "application/gzip", "application/x-gzip"]);

export async function readReportFiles(req: Request): Promise<ReportFile[]> {
  const type = mediaType(req);
  const limit = env().RUNBOARD_MAX_UPLOAD_BYTES;
  if (type === "multipart/form-data") {
    const { files } = await readMultipart(req, limit);
    return files.map((f) => ({ filename: f.filename, bytes: f.bytes }));
  }
  if (!RAW_TYPES.has(type)) {
    throw new AppError("unsupported_media_type", `Send JUnit XML as application/xml (or multipart/form-data); got "${type || "none"}"`);
  }
  const filename = safeFilename(new URL(req.url).searchParams.get("filename") ?? undefined);
  return [{ filename, bytes: await readRawBody(req, limit) }];
}
