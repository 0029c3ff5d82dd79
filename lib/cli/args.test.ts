// `runboard upload` option resolution: flags over RUNBOARD_* over CI variables,
// CI detection, metadata checked before sending, glob expansion errors.
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectCi } from "@/lib/cli/ci-env";
import { type EnvVars, UsageError } from "@/lib/cli/io";
import { MAX_FILES_PER_REQUEST, expandReportPatterns, readReportPart } from "@/lib/cli/report-files";
import { type UploadOptions, parseUploadOptions, splitList } from "@/lib/cli/upload-options";
import { MAX_FILES } from "@/lib/http/read-multipart";

const BASE = ["--url", "https://rb.example/", "--token", "rb_secret", "--project", "gateway-e2e", "--mode", "Parallel", "--junit", "r.xml"];
const fixedId = () => "0000-fixed";

function parse(argv: string[], env: EnvVars = {}): UploadOptions {
  const o = parseUploadOptions(argv, env, fixedId);
  if (o === "help") throw new Error("unexpected help");
  return o;
}

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error("expected a UsageError");
}

const GITHUB = {
  GITHUB_ACTIONS: "true", GITHUB_RUN_ID: "9876", GITHUB_RUN_ATTEMPT: "2", GITHUB_JOB: "e2e", GITHUB_REF_NAME: "12/merge",
  GITHUB_HEAD_REF: "feature/x", GITHUB_SHA: "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2", GITHUB_SERVER_URL: "https://github.com",
  GITHUB_REPOSITORY: "acme/gateway", RUNNER_NAME: "runner-7",
};
const GITLAB = {
  GITLAB_CI: "true", CI_PIPELINE_ID: "555", CI_JOB_ID: "777", CI_COMMIT_REF_NAME: "main",
  CI_COMMIT_SHA: "ffffeeee0000", CI_JOB_URL: "https://gitlab.example/acme/gw/-/jobs/777",
};

describe("parseUploadOptions", () => {
  it("takes flags, trims the URL and keeps the metadata as the schema's input", () => {
    const o = parse([...BASE, "--external-id", "build-1", "--status", "passed", "--label", "k8s=1.31", "--no-finish"]);
    expect(o.url).toBe("https://rb.example");
    expect(o.token).toBe("rb_secret");
    expect(o.patterns).toEqual(["r.xml"]);
    expect(o.metadata).toEqual({ project: "gateway-e2e", mode: "Parallel", externalId: "build-1", status: "passed", labels: { "k8s": "1.31" }, finish: false });
    expect(o.generatedExternalId).toBe(false);
    expect(o).toMatchObject({ retries: 4, retryBaseMs: 1000, timeoutMs: 300_000, json: false, verbose: false });
  });

  it("falls back to RUNBOARD_* variables, and flags win over them", () => {
    const env = {
      RUNBOARD_URL: "http://localhost:3000", RUNBOARD_TOKEN: "rb_env", RUNBOARD_PROJECT: "p1", RUNBOARD_MODE: "sequential",
      RUNBOARD_JUNIT: "a/*.xml\nb/{x,y}.xml, c.xml", RUNBOARD_PHASES: "phases.json", RUNBOARD_EXTERNAL_ID: "env-id",
      RUNBOARD_BRANCH: "main", RUNBOARD_COMMIT: "abcdef1", RUNBOARD_CI_URL: "https://ci.example/1", RUNBOARD_RETRIES: "2", RUNBOARD_RETRY_BASE_MS: "10",
    };
    const o = parse([], env);
    expect(o).toMatchObject({ url: "http://localhost:3000", token: "rb_env", phasesPath: "phases.json", retries: 2, retryBaseMs: 10 });
    expect(o.patterns).toEqual(["a/*.xml", "b/{x,y}.xml", "c.xml"]);
    expect(o.metadata).toMatchObject({ project: "p1", mode: "sequential", externalId: "env-id", branch: "main", commit: "abcdef1", ciUrl: "https://ci.example/1" });
    expect(parse(["--mode", "parallel", "--junit", "z.xml"], env)).toMatchObject({ patterns: ["z.xml"], metadata: { mode: "parallel" } });
  });

  it("treats empty variables as unset", () => {
    const e = usageError(() => parse([], { RUNBOARD_URL: "", RUNBOARD_TOKEN: "  " }));
    expect(e.message).toContain("--url (RUNBOARD_URL)");
    expect(e.message).toContain("--token (RUNBOARD_TOKEN)");
  });

  it("names every missing option, and needs reports or phases", () => {
    const e = usageError(() => parse(["--url", "http://x"]));
    expect(e.message).toMatch(/--token .*--project .*--mode .*--junit \(RUNBOARD_JUNIT\) or --phases/);
    expect(parse([...BASE.slice(0, -2), "--phases", "p.json"]).patterns).toEqual([]);
  });

  it("generates an external id when neither flags nor CI give one", () => {
    const o = parse(BASE);
    expect(o.metadata.externalId).toBe("cli-0000-fixed");
    expect(o.generatedExternalId).toBe(true);
  });

  it("fills metadata from GitHub Actions, with flags still winning", () => {
    const o = parse(BASE, GITHUB);
    expect(o.ci).toBe("github");
    expect(o.metadata).toMatchObject({
      externalId: "github-9876-2-e2e-parallel", branch: "feature/x", commit: GITHUB.GITHUB_SHA,
      ciUrl: "https://github.com/acme/gateway/actions/runs/9876", runnerHost: "runner-7",
    });
    expect(o.generatedExternalId).toBe(false);
    expect(parse([...BASE, "--branch", "mine", "--external-id", "own"], GITHUB).metadata).toMatchObject({ branch: "mine", externalId: "own" });
  });

  it("fills metadata from GitLab CI", () => {
    const o = parse(BASE, GITLAB);
    expect(o.ci).toBe("gitlab");
    expect(o.metadata).toMatchObject({ externalId: "gitlab-555-777", branch: "main", commit: "ffffeeee0000", ciUrl: GITLAB.CI_JOB_URL });
  });

  it("checks the metadata with the server's schema and names the flag", () => {
    expect(usageError(() => parse([...BASE, "--commit", "not-hex"])).message).toMatch(/--commit: a hex commit id/);
    expect(usageError(() => parse([...BASE, "--status", "green"])).message).toMatch(/--status:/);
    expect(usageError(() => parse([...BASE, "--started-at", "yesterday"])).message).toMatch(/--started-at:/);
    expect(usageError(() => parse([...BASE, "--project", "Not A Slug"])).message).toMatch(/--project:/);
  });

  it("refuses bad option values and unknown flags", () => {
    expect(usageError(() => parse([...BASE, "--retries", "many"])).message).toMatch(/--retries/);
    expect(usageError(() => parse([...BASE, "--label", "novalue"])).message).toMatch(/KEY=VALUE/);
    expect(usageError(() => parse([...BASE, "--url", "ftp://x"])).message).toMatch(/http/);
    expect(usageError(() => parse([...BASE, "--url", "https://u:p@x"])).message).toMatch(/credentials/);
    expect(usageError(() => parse([...BASE, "--bogus"])).message).toMatch(/bogus/);
    expect(parseUploadOptions(["--help"], {})).toBe("help");
  });

  it("never puts the token into an error message", () => {
    const e = usageError(() => parse([...BASE, "--commit", "zz"]));
    expect(e.message).not.toContain("rb_secret");
  });
});

describe("detectCi", () => {
  it("is undefined outside a known CI", () => {
    expect(detectCi({ CI: "true" })).toBeUndefined();
    expect(detectCi({})).toBeUndefined();
  });
  it("uses GITHUB_REF_NAME without a head ref and defaults the attempt", () => {
    const { GITHUB_HEAD_REF: _head, GITHUB_RUN_ATTEMPT: _attempt, ...env } = GITHUB; // eslint-disable-line @typescript-eslint/no-unused-vars
    expect(detectCi(env, "sequential")).toMatchObject({ branch: "12/merge", externalId: "github-9876-1-e2e-sequential" });
  });
});

describe("splitList", () => {
  it("splits on newlines and on commas outside braces", () => {
    expect(splitList("a.xml, b/{c,d}.xml\n\n e.xml ")).toEqual(["a.xml", "b/{c,d}.xml", "e.xml"]);
    expect(splitList(undefined)).toEqual([]);
  });
});

describe("report files", () => {
  // this directory's own sources are the fixtures: nothing is written
  const cwd = import.meta.dirname;

  it("allows as many files per upload as the server takes", () => {
    expect(MAX_FILES_PER_REQUEST).toBe(MAX_FILES);
  });

  it("expands globs, removes duplicates, and names a pattern without matches", async () => {
    const files = await expandReportPatterns(["io.ts", "i*.ts", "u*-options.ts"], cwd);
    expect(files.map((f) => path.basename(f))).toEqual(["io.ts", "upload-options.ts"]);
    const e = await expandReportPatterns(["io.ts", "reports/**/*.xml"], cwd).catch((x) => x);
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toContain('"reports/**/*.xml"');
  });

  it("does not treat a directory as all of its files", async () => {
    await expect(expandReportPatterns(["."], path.dirname(cwd))).rejects.toBeInstanceOf(UsageError);
  });

  it("gzips parts above the threshold and keeps the base name", async () => {
    const small = await readReportPart(path.join(cwd, "io.ts"));
    expect(small).toMatchObject({ filename: "io.ts", gzipped: false });
    const big = await readReportPart(path.join(cwd, "io.ts"), 100);
    expect(big.gzipped).toBe(true);
    expect([big.bytes[0], big.bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(big.bytes).equals(Buffer.from(small.bytes))).toBe(true);
  });
});
