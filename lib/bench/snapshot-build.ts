// A private copy of the production build for a long benchmark: `next start`
// runs from a directory holding a copy of .next (without its caches) and
// symlinks to everything else in the checkout, so a rebuild by someone else on
// a shared checkout cannot replace the build under the running server. The
// copy is taken while no `next build` runs in the checkout, and retaken when
// the build changed during the copy. Linux only (/proc).
import fs from "node:fs";
import path from "node:path";

/** pids of `next build` processes working in `root` */
function buildsRunningIn(root: string): number[] {
  const pids: number[] = [];
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (!cmd.some((a) => /next$/.test(a)) || !cmd.includes("build")) continue;
      if (fs.realpathSync(`/proc/${pid}/cwd`) === fs.realpathSync(root)) pids.push(Number(pid));
    } catch {
      /* process ended or not ours to read */
    }
  }
  return pids;
}

const stamp = (root: string) => {
  const f = path.join(root, ".next/BUILD_ID");
  return fs.existsSync(f) ? `${fs.readFileSync(f, "utf8")}@${fs.statSync(f).mtimeMs}` : null;
};

/** Returns the directory to start `next start` in. Waits up to `waitMs` for a running build to end. */
export async function snapshotBuild(root: string, into: string, waitMs = 300_000): Promise<string> {
  const until = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    while (buildsRunningIn(root).length) {
      if (Date.now() > until) throw new Error("a `next build` kept running in the checkout; no complete build to copy");
      if (attempt === 0) console.log("waiting for a `next build` in the checkout to end before copying the build…");
      attempt = Math.max(attempt, 1);
      await new Promise((r) => setTimeout(r, 2000));
    }
    const before = stamp(root);
    if (!before) throw new Error("no production build to copy (.next/BUILD_ID missing)");
    fs.rmSync(into, { recursive: true, force: true });
    fs.mkdirSync(into, { recursive: true });
    for (const name of fs.readdirSync(root)) {
      if (name === ".next" || name === ".git") continue;
      fs.symlinkSync(path.join(root, name), path.join(into, name));
    }
    fs.cpSync(path.join(root, ".next"), path.join(into, ".next"), {
      recursive: true,
      filter: (src) => !/^(cache|dev)$/.test(path.relative(path.join(root, ".next"), src)),
    });
    if (stamp(root) === before && !buildsRunningIn(root).length) return into;
    if (Date.now() > until) throw new Error("the build kept changing while it was copied");
  }
}
