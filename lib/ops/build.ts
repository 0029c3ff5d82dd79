// Build the production app when the build is missing or older than its sources.
import { spawnSync } from "node:child_process";
import { processIo } from "@/lib/cli/io";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCES = ["app", "components", "lib", "instrumentation.ts", "proxy.ts", "next.config.js", "package.json", "postcss.config.mjs", "prisma/schema.prisma"];

/** Newest modification time of the files that feed `next build` (tests excluded). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      if (/node_modules|\.next|generated|\.data|bench/.test(path.basename(p))) return;
      for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    } else if (!/\.test\.tsx?$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach((p) => walk(path.join(ROOT, p)));
  return newest;
}

/** The served uploader (GET /runboard.mjs) after `next build`, which empties .next. */
export function buildUploaderIfStale(force: boolean) {
  const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["lib/ops/build-uploader.ts", ...(force ? [] : ["--if-stale"])], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("building the uploader failed");
}

/** Returns true when it built. Throws when the build fails. */
export function buildIfStale(): boolean {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestMtime(SOURCES)) {
    buildUploaderIfStale(false);
    return false;
  }
  processIo.out(`[runboard] ${fs.existsSync(buildId) ? "sources changed since the last build: rebuilding" : "no production build yet: building (about a minute)"}`);
  const r = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("next build failed");
  buildUploaderIfStale(true);
  return true;
}
