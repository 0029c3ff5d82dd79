// A private copy of the production build for a long benchmark: `next start`
// runs from a directory holding a copy of .next (without its caches) and
// symlinks to everything else in the checkout, so a rebuild by someone else on
// a shared checkout cannot replace the build under the running server.
import fs from "node:fs";
import path from "node:path";

/** Returns the directory to start `next start` in. */
export function snapshotBuild(root: string, into: string): string {
  fs.mkdirSync(into, { recursive: true });
  for (const name of fs.readdirSync(root)) {
    if (name === ".next" || name === ".git") continue;
    fs.symlinkSync(path.join(root, name), path.join(into, name));
  }
  fs.cpSync(path.join(root, ".next"), path.join(into, ".next"), {
    recursive: true,
    filter: (src) => !/^(cache|dev)$/.test(path.relative(path.join(root, ".next"), src)),
  });
  if (!fs.existsSync(path.join(into, ".next/BUILD_ID"))) throw new Error("no production build to copy (.next/BUILD_ID missing)");
  return into;
}
