import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseExecOptions } from "@/lib/cli/exec-options";
import { UsageError } from "@/lib/cli/io";
import { PhaseTracker } from "@/lib/runner/phase-protocol";

const env = { RUNBOARD_URL: "https://rb.example.com", RUNBOARD_TOKEN: "rb_x", RUNBOARD_PROJECT: "gw", RUNBOARD_MODE: "parallel" };
const cwd = os.tmpdir();

describe("parseExecOptions", () => {
  it("takes upload's options before -- and the command after it; no report needed", async () => {
    const o = await parseExecOptions(["--junit", "r/*.xml", "--external-id", "e1", "--", "make", "e2e", "--", "-v"], env, cwd);
    expect(o).toMatchObject({ command: ["make", "e2e", "--", "-v"], patterns: [], tailBytes: 64 * 1024, strict: false, upload: { patterns: ["r/*.xml"], metadata: { externalId: "e1", project: "gw" } } });
    expect(await parseExecOptions(["--", "true"], { ...env, RUNBOARD_STRICT: "1", RUNBOARD_LOG_TAIL_KB: "0" }, cwd)).toMatchObject({ strict: true, tailBytes: 0, upload: { patterns: [] } });
  });

  it("refuses a missing command, a pattern without a group and a bad tail size as usage errors", async () => {
    for (const argv of [["make"], ["--phase-pattern", "PHASE \\d+", "--", "make"], ["--phase-pattern", "(", "--", "make"], ["--log-tail", "-1", "--", "make"]]) {
      await expect(parseExecOptions(argv, env, cwd)).rejects.toBeInstanceOf(UsageError);
    }
  });

  it("reads --phase-pattern and a run template's patterns file, which then recognise phases", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rb-exec-")), "patterns.json");
    fs.writeFileSync(file, JSON.stringify([{ pattern: "^✅ (.+) ready$", end: "Deploy $1" }]));
    const o = await parseExecOptions(["--phase-patterns", file, "--phase-pattern", "PHASE \\d+: Deploying (\\w+)", "--", "make"], env, cwd);
    if (o === "help") throw new Error("help");
    const t = new PhaseTracker(o.patterns);
    expect(t.line("🚪 PHASE 4: Deploying Gateway...\r")).toMatchObject([{ name: "Gateway", status: "running" }]);
    expect(t.line("✅ Gateway ready")).toMatchObject([{ name: "Deploy Gateway", status: "passed" }]); // never started: a zero-length phase
    fs.writeFileSync(file, JSON.stringify([{ pattern: "x" }]));
    await expect(parseExecOptions(["--phase-patterns", file, "--", "make"], env, cwd)).rejects.toThrow(/give exactly one of start or end/);
  });
});
