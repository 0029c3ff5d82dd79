// The `runboard` CLI as CI runs it: a child process (bin/runboard.mjs), the
// token commands against the test database, and `upload` against the real
// ingest route handler served over HTTP from this process.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as ingest } from "@/app/api/v1/ingest/route";
import { db, disconnectDb } from "@/lib/db";
import { createApiToken, hashToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { cleanCliEnv, runCliProcess } from "@/lib/testing/run-cli";

const ROOT = path.resolve(import.meta.dirname, "../..");

const runCli = (args: string[], extra: Record<string, string> = {}, cwd = ROOT) => runCliProcess(args, { env: cleanCliEnv(extra), cwd });

type Handler = (req: Request) => Promise<Response>;

/** node:http -> web Request -> route handler -> web Response -> node:http, as Next does. */
async function serve(handler: Handler) {
  let requests = 0;
  const server = http.createServer(async (req, res) => {
    requests++;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host}`), {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      duplex: "half",
    } as RequestInit);
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const ingestOnly: Handler = async (req) =>
  new URL(req.url).pathname === "/api/v1/ingest" && req.method === "POST"
    ? ingest(req, { params: Promise.resolve({}) })
    : Response.json({ error: { code: "not_found", message: "no such route" } }, { status: 404 });

/** Answers 503 (as the API does when the database is down) to the first `failures` requests. */
function failingFirst(failures: number, next: Handler): Handler {
  let seen = 0;
  return async (req) => {
    if (seen++ >= failures) return next(req);
    await req.arrayBuffer(); // read the upload first, as a real server would
    return Response.json({ error: { code: "unavailable", message: "The database is unavailable; retry later" } }, { status: 503 });
  };
}

const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="3" disabled="1" errors="0" failures="1" time="5.5">
  <testsuite name="Gateway E2E Suite" package="/workspace/test/e2e/gateway" tests="3" disabled="0" skipped="1" errors="0" failures="1" time="5.5">
    <properties><property name="SuiteSucceeded" value="false"></property></properties>
    <testcase name="[It] routes a signal to the right workflow [BR-GATEWAY-001]" classname="Gateway E2E Suite" status="passed" time="2.000000"></testcase>
    <testcase name="[It] rate limits a noisy source [BR-GATEWAY-018]" classname="Gateway E2E Suite" status="failed" time="3.500000">
      <failure message="Expected 429 to equal 201" type="failed">Expected 429 to equal 201&#xA;In [It] at: /workspace/test/e2e/gateway/rate_test.go:88</failure>
    </testcase>
    <testcase name="[It] renews TLS certificates [BR-GATEWAY-040]" classname="Gateway E2E Suite" status="skipped" time="0.000000">
      <skipped message="skipped"></skipped>
    </testcase>
  </testsuite>
</testsuites>
`;

const PHASES = {
  phases: [
    { name: "Phase 1: Kind cluster", startedAt: "2026-01-12T10:00:00Z", finishedAt: "2026-01-12T10:01:12Z", status: "passed" },
    { name: "Phase 2: Deploy", startedAt: "2026-01-12T10:01:12Z", finishedAt: "2026-01-12T10:03:30Z", status: "passed" },
  ],
};

let tmp: string;
let token: string;
let projectId: string;
const slug = "cli-upload";

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-cli-"));
  fs.mkdirSync(path.join(tmp, "reports/shard-1"), { recursive: true });
  fs.writeFileSync(path.join(tmp, "reports/shard-1/junit.xml"), JUNIT);
  fs.writeFileSync(path.join(tmp, "phases.json"), JSON.stringify(PHASES));
  projectId = (await ensureProject(slug)).project.id;
  token = (await createApiToken(projectId, "ci")).token;
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await disconnectDb();
});

describe("runboard token", () => {
  const dbEnv = () => ({ DATABASE_URL: process.env.DATABASE_URL! });

  it("refuses an unknown project unless --create-project, then creates it, says so, and prints the token once", async () => {
    const typo = await runCli(["token", "create", "--project", "cli-test", "--name", "ci"], dbEnv());
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('Project "cli-test" does not exist');
    expect(await db().project.count({ where: { slug: "cli-test" } })).toBe(0);
    const first = await runCli(["token", "create", "--project", "cli-test", "--create-project", "--name", "ci"], dbEnv());
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Created project cli-test");
    expect(first.stdout).toMatch(/not be shown again/);
    const printed = /\b(rb_[A-Za-z0-9_-]{20,})/.exec(first.stdout)?.[1];
    expect(printed).toBeDefined();
    const row = await db().apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(printed!) }, include: { project: true } });
    expect(row.tokenHash).not.toBe(printed);
    expect(row).toMatchObject({ name: "ci", prefix: printed!.slice(0, 10), revokedAt: null });
    expect(row.project.slug).toBe("cli-test");

    const second = await runCli(["token", "create", "--project", "cli-test", "--name", "ci-2"], dbEnv());
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain("Created project");
    expect(await db().apiToken.count({ where: { project: { slug: "cli-test" } } })).toBe(2);
  });

  it("lists tokens without their hashes and revokes one", async () => {
    const { id, prefix, token: secret } = await createApiToken(projectId, "to-revoke");
    const list = await runCli(["token", "list", "--project", slug], dbEnv());
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/ID\s+NAME\s+PREFIX\s+CREATED\s+LAST USED\s+REVOKED/);
    expect(list.stdout).toContain(prefix);
    expect(list.stdout).not.toContain(hashToken(secret));
    const revoke = await runCli(["token", "revoke", "--id", id], dbEnv());
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toContain("Revoked token");
    expect((await db().apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
  });

  it("refuses a bad slug as a usage error without touching the database", async () => {
    const r = await runCli(["token", "create", "--project", "Bad Slug", "--name", "x"], { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--project");
  });
});

describe("runboard user", () => {
  const dbEnv = () => ({ DATABASE_URL: process.env.DATABASE_URL! });

  it("creates a user with a generated password printed once, which then signs in", async () => {
    const r = await runCli(["user", "create", "--email", "Lead@Example.test", "--name", "Lee", "--role", "lead"], dbEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Created lead@example.test (lead).");
    expect(r.stdout).toContain("belongs to no project yet");
    const pw = /Password \(shown once\): (\S+)/.exec(r.stdout)![1];
    expect(pw.length).toBeGreaterThanOrEqual(20);
    const acct = await db().account.findFirstOrThrow({ where: { user: { email: "lead@example.test" } } });
    expect(acct.password).not.toContain(pw); // stored as a scrypt hash
    const { auth } = await import("@/lib/auth/auth");
    const ok = await auth().api.signInEmail({ body: { email: "lead@example.test", password: pw }, asResponse: true });
    expect(ok.status).toBe(200);
    const list = await runCli(["user", "list"], dbEnv());
    expect(list.stdout).toContain("lead@example.test\tmember\tLee");
    expect(list.stdout).not.toContain(pw);
  });

  it("refuses an unknown role and a duplicate email", async () => {
    const bad = await runCli(["user", "create", "--email", "x@example.test", "--name", "X", "--role", "owner"], dbEnv());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/role/);
    const dup = await runCli(["user", "create", "--email", "lead@example.test", "--name", "Again", "--role", "viewer"], dbEnv());
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("already exists");
  });
});

describe("runboard upload", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(ingestOnly);
  });
  afterAll(() => server.close());

  // run from the temp dir, as CI runs it from its checkout: relative globs
  const upload = (args: string[], env: Record<string, string> = {}, url = server.url) =>
    runCli(["upload", "--url", url, "--project", slug, "--mode", "parallel", ...args], { RUNBOARD_TOKEN: token, RUNBOARD_RETRY_BASE_MS: "10", ...env }, tmp);
  const reports = ["--junit", "reports/**/*.xml", "--phases", "phases.json"];
  const runsWith = (externalId: string) => db().run.count({ where: { externalId } });

  it("stores a run with its results and phases, and the same upload again changes nothing", async () => {
    const first = await upload([...reports, "--external-id", "ci-build-1", "--status", "passed", "--verbose"]);
    expect(first.stderr).not.toMatch(/runboard:/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^Run ${server.url}/runs/[0-9a-f-]{36}\\n`));
    expect(first.stdout).toContain("status:  failed (CI claimed passed)");
    expect(first.stdout).toContain("2 of 3 run, 1 passed, 1 failed, 1 skipped");
    expect(first.stdout).toContain("phases:  2");
    expect(first.stderr).toContain("junit: reports/shard-1/junit.xml");
    // --verbose shows what is sent, never the token
    expect(first.stdout + first.stderr).not.toContain(token);

    const runs = await db().run.findMany({ where: { projectId, externalId: "ci-build-1" } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ testsTotal: 3, testsPassed: 1, testsFailed: 1, testsSkipped: 1, status: "failed", claimedStatus: "passed" });
    expect(await db().phase.count({ where: { runId: runs[0].id } })).toBe(2);
    expect(await db().testResult.count({ where: { runId: runs[0].id } })).toBe(3);
    const failed = await db().testResult.findFirstOrThrow({ where: { runId: runs[0].id, status: "failed" } });
    expect(failed.message).toBe("Expected 429 to equal 201");

    const again = await upload([...reports, "--external-id", "ci-build-1", "--status", "passed"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("existing run");
    expect(again.stdout).toContain("already stored");
    expect(await runsWith("ci-build-1")).toBe(1);
    expect(await db().testResult.count({ where: { runId: runs[0].id } })).toBe(3);
  });

  it("prints the server's JSON with --json", async () => {
    const r = await upload([...reports, "--external-id", "ci-json", "--json"]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body).toMatchObject({ externalId: "ci-json", totals: { tests: 3, failed: 1 }, reports: [{ filename: "junit.xml", cases: 3 }] });
  });

  it("exits 1 with the server's message for a wrong token and stores nothing", async () => {
    const r = await upload([...reports, "--external-id", "ci-bad-token"], { RUNBOARD_TOKEN: "rb_wrong-token-123" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("HTTP 401, unauthorized): Invalid token");
    expect(r.stderr).not.toContain("rb_wrong-token-123");
    expect(r.stderr).not.toMatch(/retrying/);
    expect(await runsWith("ci-bad-token")).toBe(0);
  });

  it("retries a 503 and then stores the run once", async () => {
    const flaky = await serve(failingFirst(1, ingestOnly));
    try {
      const r = await upload([...reports, "--external-id", "ci-retry"], {}, flaky.url);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/Attempt 1\/5 failed \(HTTP 503 unavailable: The database is unavailable; retry later\); retrying in/);
      expect(flaky.requests()).toBe(2);
      expect(await runsWith("ci-retry")).toBe(1);
    } finally {
      await flaky.close();
    }
  });

  it("exits 1 naming the server when nothing listens", async () => {
    const gone = await serve(ingestOnly);
    await gone.close();
    const r = await upload([...reports, "--external-id", "ci-down", "--retries", "1"], {}, gone.url);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot reach .*ECONNREFUSED.*after 2 attempts/);
  });

  it("exits 2 naming a pattern without files, before sending anything", async () => {
    const before = server.requests();
    const r = await upload(["--junit", "reports/**/*.xml", "--junit", "missing/*.xml", "--external-id", "ci-usage"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no file matches --junit "missing/*.xml"');
    expect(server.requests()).toBe(before);
  });

  it("the README's GitHub Actions step (no --started-at): the total is the evidence window, never shorter than the setup", async () => {
    // a real Ginkgo report: testsuite timestamp without a zone (UTC), the tests ran right after the phases
    fs.mkdirSync(path.join(tmp, "gh/reports"), { recursive: true });
    fs.writeFileSync(path.join(tmp, "gh/reports/junit.xml"), JUNIT.replace('time="5.5">\n    <properties>', 'time="95.5" timestamp="2026-01-12T10:03:31">\n    <properties>'));
    fs.writeFileSync(path.join(tmp, "gh/reports/phases.json"), JSON.stringify(PHASES));
    const r = await runCli(["upload", "--junit", `${tmp}/gh/reports/**/*.xml`, "--phases", `${tmp}/gh/reports/phases.json`, "--status", "passed"], {
      RUNBOARD_URL: server.url, RUNBOARD_TOKEN: token, RUNBOARD_PROJECT: slug, RUNBOARD_MODE: "parallel",
      GITHUB_ACTIONS: "true", GITHUB_RUN_ID: "9100", GITHUB_RUN_ATTEMPT: "1", GITHUB_JOB: "e2e", GITHUB_REPOSITORY: "org/gateway",
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const run = await db().run.findFirstOrThrow({ where: { externalId: "github-9100-1-e2e-parallel" } });
    expect(run.setupDurationMs).toBe(210_000); // 10:00:00 -> 10:03:30
    // 10:00:00 (first phase) -> 10:05:06.5 (testsuite timestamp 10:03:31 + 95.5 s), not the upload's few milliseconds
    expect(run.durationMs).toBe(306_500);
    expect(run.durationMs!).toBeGreaterThanOrEqual(run.setupDurationMs!);
    expect(run).toMatchObject({ startedAtSource: "request_time", windowStartSource: "phases", windowEndSource: "reports" });
    expect(run.windowStart).toEqual(new Date("2026-01-12T10:00:00Z"));
    expect(run.windowEnd).toEqual(new Date("2026-01-12T10:05:06.500Z"));
  });

  it("sends a large report gzipped", async () => {
    // 1.5 MB of captured output makes the file cross the gzip threshold
    const big = JUNIT.replace("</testcase>", `<system-out>${"log line\n".repeat(170_000)}</system-out></testcase>`);
    fs.writeFileSync(path.join(tmp, "big-junit.xml"), big);
    const r = await upload(["--junit", "big-junit.xml", "--external-id", "ci-big", "--verbose"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/big-junit\.xml \(1\.\d MB, sent gzipped: \d+(\.\d)? KB\)/);
    expect((await db().run.findFirstOrThrow({ where: { externalId: "ci-big" } })).testsTotal).toBe(3);
  });
});
