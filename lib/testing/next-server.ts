// A production Next.js server (`next start`) as a real child process for fault
// tests: started in its own process group on a given port, killed as a group
// (a plain kill of the launcher can leave next-server holding the port).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { webNodeOptions } from "@/lib/ops/node-options";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface NextServer {
  /** pid of the launcher, which is also the process group id */
  pid: number;
  port: number;
  base: string;
  /** signal the whole process group and wait until the port is free */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

export async function startNextServer(opts: {
  port: number;
  env: Record<string, string>;
  logFile: string;
  timeoutMs?: number;
  /** directory holding the build (default: the checkout; benchmarks use a snapshot, lib/bench/snapshot-build.ts) */
  cwd?: string;
  /** node flags for the server process, e.g. --cpu-prof (not allowed in NODE_OPTIONS) */
  nodeArgs?: string[];
}): Promise<NextServer> {
  const out = fs.openSync(opts.logFile, "a");
  const args = ["start", "-p", String(opts.port), "-H", "127.0.0.1"];
  const [cmd, argv] = opts.nodeArgs?.length
    ? [process.execPath, [...opts.nodeArgs, path.join(ROOT, "node_modules/next/dist/bin/next"), ...args]]
    : [path.join(ROOT, "node_modules/.bin/next"), args];
  const child: ChildProcess = spawn(cmd, argv, {
    cwd: opts.cwd ?? ROOT,
    detached: true,
    stdio: ["ignore", out, out],
    // the production web process's V8 options (lib/ops/node-options.ts), so tests and benchmarks run what `npm start` runs
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...opts.env, NODE_OPTIONS: webNodeOptions(opts.env.NODE_OPTIONS ?? process.env.NODE_OPTIONS) },
  });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const base = `http://127.0.0.1:${opts.port}`;
  const server: NextServer = {
    pid: child.pid!,
    port: opts.port,
    base,
    async kill(signal = "SIGKILL") {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
      await Promise.race([exit, sleep(10_000)]);
      for (let i = 0; i < 100 && (await portInUse(opts.port)); i++) await sleep(50);
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (exited) throw new Error(`next start exited early:\n${fs.readFileSync(opts.logFile, "utf8").slice(-2000)}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return server;
    await sleep(100);
  }
  await server.kill();
  throw new Error(`next start did not answer /api/health within ${opts.timeoutMs ?? 30_000} ms`);
}
