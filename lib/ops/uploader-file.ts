// Where the served uploader is built (lib/ops/build-uploader.ts) and read
// from (GET /runboard.mjs): kept apart so the route does not pull in esbuild.
import path from "node:path";

export const UPLOADER_PATH = ".next/runboard.mjs";

export function uploaderFile(root = process.cwd()): string {
  return path.join(root, UPLOADER_PATH);
}
