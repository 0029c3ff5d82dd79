// The `runboard` CLI as CI runs it: a child process of bin/runboard.mjs.
// spawn, not spawnSync: a server under test may run on the caller's event loop.
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const CLI_BIN = path.join(ROOT, "bin/runboard.mjs");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without anything that would steer the CLI (CI variables, RUNBOARD_*), plus `extra`. */
export function cleanCliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(RUNBOARD_|GITHUB_|GITLAB_|CI_)/.test(k) && k !== "CI"),
  );
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

export function runCliProcess(args: string[], { env = cleanCliEnv(), cwd = ROOT }: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
