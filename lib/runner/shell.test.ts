import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { quotedPlaceholder, remoteScript, renderCommand, shellQuote, templatePlaceholders } from "@/lib/runner/shell";
import { branchSchema, runTemplateInputSchema } from "@/lib/runner/schemas";

const HOSTILE = [
  "'; rm -rf / #", "$(id)", "`id`", "a\"b", "${HOME}", "*", "x y\tz", "it's", "'\\''", "; echo pwned", "&& reboot", "| cat /etc/shadow", "\\", "-rf", "",
];

describe("shellQuote", () => {
  it("hands every hostile value to a real shell as exactly one, unchanged argument", () => {
    for (const v of HOSTILE) {
      expect(execFileSync("/bin/sh", ["-c", `printf '%s' ${shellQuote(v)}`], { encoding: "utf8" })).toBe(v);
    }
  });
  it("refuses NUL, which no shell argument can hold", () => {
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
  });
});

describe("renderCommand", () => {
  it("quotes each placeholder and leaves the template's own shell alone", () => {
    expect(renderCommand("make test-e2e-gateway E2E_MODE={mode} BRANCH={branch}", { mode: "parallel", branch: "feat/x" }))
      .toBe("make test-e2e-gateway E2E_MODE='parallel' BRANCH='feat/x'");
    expect(templatePlaceholders("a {mode} {branch} {mode}")).toEqual(["mode", "branch"]);
    expect(() => renderCommand("run {branch}", {})).toThrow(/\{branch\}/);
  });
  it("runs a hostile value through the whole remote command line as plain text", () => {
    const v = "x'; touch /tmp/runboard-pwned; echo '$(id)";
    const script = remoteScript(renderCommand("printf '%s' {note}", { note: v }), null, "##pgid");
    const out = execFileSync("/bin/sh", ["-c", script.replace("exec setsid -w ", "")], { encoding: "utf8" });
    expect(out.split("\n")[1]).toBe(v);
  });
  it("templates may not quote placeholders themselves (the value would carry the quotes)", () => {
    expect(quotedPlaceholder(`make BRANCH="{branch}"`)).toBe(`"{branch}"`);
    const r = runTemplateInputSchema.safeParse({ project: "p", name: "t", command: "make BRANCH='{branch}'" });
    expect(r.success).toBe(false);
  });
});

describe("branchSchema", () => {
  it("accepts ordinary branch names and refuses shell or ref trickery", () => {
    for (const ok of ["main", "feature/gw-42", "release-1.2", "user/fix_9+x"]) expect(branchSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["-rf", "a..b", "main;id", "$(id)", "a b", "x\ny", "/abs", "ends/", "x.lock", "`id`", "a'b"]) {
      expect(branchSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
