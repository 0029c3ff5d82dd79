// GET /runboard.mjs - the uploader, for CI jobs with only Node installed:
//   curl -fsS "$RUNBOARD_URL/runboard.mjs" -o runboard.mjs && node runboard.mjs upload ...
// No auth (it holds no secret; the token is the CI job's). Built with the app
// (lib/ops/build-uploader.ts), so it is always this server's version; an ETag
// of its content lets CI caches revalidate cheaply.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/api-handler";
import { uploaderFile } from "@/lib/ops/uploader-file";

export const dynamic = "force-dynamic";

let cached: { mtimeMs: number; body: Buffer; etag: string; version: string } | null = null;

async function load() {
  const file = uploaderFile();
  const st = await stat(file).catch(() => null);
  if (!st) throw new AppError("unavailable", "The uploader is not built on this server: run `npm run build` (npm start builds it too)");
  if (cached?.mtimeMs !== st.mtimeMs) {
    const body = await readFile(file);
    const version = /runboard uploader (\S+):/.exec(body.subarray(0, 200).toString("utf8"))?.[1] ?? "unknown";
    cached = { mtimeMs: st.mtimeMs, body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`, version };
  }
  return cached;
}

export async function GET(req: Request) {
  try {
    const u = await load();
    const headers = {
      etag: u.etag,
      "cache-control": "public, no-cache", // store, but ask again: a new server version means a new file
      "x-runboard-version": u.version,
    };
    if (req.headers.get("if-none-match") === u.etag) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(u.body), {
      headers: { ...headers, "content-type": "text/javascript; charset=utf-8", "content-length": String(u.body.length) },
    });
  } catch (e) {
    return errorResponse(e, crypto.randomUUID());
  }
}
