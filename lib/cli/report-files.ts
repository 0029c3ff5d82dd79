// Report files for an upload: globs expanded with tinyglobby (each pattern must
// match, so a wrong path fails loudly instead of uploading nothing), then read
// and gzipped when large (the server inflates parts that start with the gzip
// magic bytes), which keeps big Ginkgo reports well under upload limits.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { glob } from "tinyglobby";
import { UsageError } from "@/lib/cli/io";

const gzipAsync = promisify(gzip);

/** Parts larger than this are sent gzipped. */
export const GZIP_THRESHOLD_BYTES = 1024 * 1024;
/**
 * The server's multipart limit (MAX_FILES of lib/http/read-multipart.ts, which
 * the served uploader cannot import: it pulls in busboy); args.test.ts keeps them equal.
 */
export const MAX_FILES_PER_REQUEST = 50;

export interface ReportPart {
  path: string;
  /** the part's file name: the base name, as the server keeps only that */
  filename: string;
  bytes: Uint8Array;
  sizeBytes: number;
  gzipped: boolean;
}

/** Absolute paths of the files the patterns match, in a stable order; throws UsageError naming an empty pattern. */
export async function expandReportPatterns(patterns: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    // expandDirectories off: "reports" must not silently mean every file below it
    const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, expandDirectories: false, dot: true });
    if (!matches.length) throw new UsageError(`no file matches --junit "${pattern}" (in ${cwd})`, "upload");
    for (const m of matches.sort()) found.add(path.normalize(m));
  }
  const files = [...found];
  if (files.length > MAX_FILES_PER_REQUEST) {
    throw new UsageError(`${files.length} report files match; one upload takes at most ${MAX_FILES_PER_REQUEST} (upload in batches with one --external-id, all but the last with --no-finish)`, "upload");
  }
  return files;
}

export async function readReportPart(file: string, threshold = GZIP_THRESHOLD_BYTES): Promise<ReportPart> {
  const raw = await readFile(file);
  const gzipped = raw.length > threshold && !(raw[0] === 0x1f && raw[1] === 0x8b);
  return {
    path: file,
    filename: path.basename(file).replace(/\.gz$/, ""),
    bytes: gzipped ? await gzipAsync(raw, { level: 6 }) : raw,
    sizeBytes: raw.length,
    gzipped,
  };
}
