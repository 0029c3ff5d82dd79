// A CI job with only Node and curl: an empty directory, the uploader fetched
// from the test server with curl, and `node runboard.mjs` run with a bare
// environment (no node_modules, no NODE_PATH, nothing of this checkout).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { e2eProject } from "./members";

const root = path.resolve(import.meta.dirname, "..");

/** An API token for a project of the e2e database (created with the CLI, as an admin would; the e2e users are its members). */
export async function createToken(project: string): Promise<string> {
  await e2eProject(project);
  const databaseUrl = fs.readFileSync(path.join(root, "test-results/e2e-database-url"), "utf8").trim();
  const r = spawnSync(process.execPath, [path.join(root, "bin/runboard.mjs"), "token", "create", "--project", project, "--name", "ci", "--json"], {
    cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).token;
}

/** An empty directory holding only runboard.mjs, fetched with curl from the server. */
export function ciJobDir(baseURL: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-ci-"));
  const r = spawnSync("curl", ["-fsS", `${baseURL}/runboard.mjs`, "-o", "runboard.mjs"], { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`curl failed: ${r.stderr}`);
  return dir;
}

/** What a CI runner's environment has: a PATH and the job's own variables. */
export function bareEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: os.tmpdir(), ...vars } as unknown as NodeJS.ProcessEnv;
}

/** Runs the downloaded uploader with this Node, or with another Node binary (`bin`, e.g. Node 18). */
export function node(dir: string, args: string[], vars: Record<string, string>, bin = process.execPath) {
  return spawnSync(bin, ["runboard.mjs", ...args], { cwd: dir, encoding: "utf8", env: bareEnv(vars) });
}

export function nodeAsync(dir: string, args: string[], vars: Record<string, string>): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ["runboard.mjs", ...args], { cwd: dir, env: bareEnv(vars) });
  let out = "";
  let err = "";
  child.stdout!.on("data", (b: Buffer) => (out += b));
  child.stderr!.on("data", (b: Buffer) => (err += b));
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

export const junitXml = (cases: string) => `<?xml version="1.0"?><testsuites><testsuite name="CI Suite">${cases}</testsuite></testsuites>`;
