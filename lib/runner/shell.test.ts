import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { branchSchema } from "@/lib/runner/branch";
import { remoteScript, renderCommand, shellQuote } from "@/lib/runner/shell";
import { runTemplateInputSchema } from "@/lib/runner/schemas";
import { templatePlaceholders } from "@/lib/runner/template-params";

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
  it("quotes each checked placeholder and leaves the template's own shell alone", () => {
    expect(renderCommand({ command: "make test-e2e-gateway E2E_MODE={mode} BRANCH={branch}", declared: {} }, { mode: "Parallel", branch: "feat/x" }))
      .toBe("make test-e2e-gateway E2E_MODE='parallel' BRANCH='feat/x'");
    expect(templatePlaceholders("a {mode} {branch} {mode}")).toEqual(["mode", "branch"]);
    expect(() => renderCommand({ command: "run {branch}", declared: {} }, {})).toThrow(expect.objectContaining({ details: [{ path: "params.branch", message: "the template needs a value for {branch}" }] }));
  });
  it("substitutes nothing unchecked: every hostile value is refused", () => {
    for (const v of HOSTILE) {
      expect(() => renderCommand({ command: "printf '%s' {note}", declared: {} }, { note: v }), v).toThrow(expect.objectContaining({ code: "validation_failed" }));
    }
  });
  it("runs the rendered command through the whole remote command line with the value intact", () => {
    const v = "build-42/x:y@z+1=2,3";
    const script = remoteScript(renderCommand({ command: "printf '%s' {note}", declared: {} }, { note: v }), null, "##pgid");
    const out = execFileSync("/bin/sh", ["-c", script.replace("exec setsid -w ", "")], { encoding: "utf8" });
    expect(out.split("\n")[1]).toBe(v);
  });
  it("templates may not quote placeholders themselves", () => {
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

describe("remoteScript", () => {
  // as over SSH: the remote shell leads its session, so setsid forks and waits
  const run = (script: string) => spawnSync("setsid", ["-w", "/bin/sh", "-c", script], { encoding: "utf8" });
  it("keeps the command's stderr and exit status, but not setsid's note on a killed group", () => {
    const r = run(remoteScript("echo to-err >&2; kill -TERM $$", null, "##pgid"));
    expect(r.stdout).toMatch(/^##pgid \d+\n$/);
    expect(r.stderr).toBe("to-err\n");
    expect(r.status).toBe(15); // setsid -w: the signal number of a killed child
    expect(run(remoteScript("exit 3", null, "##pgid")).status).toBe(3);
  });
});
