// `npm test`: typecheck, lint, unit tests, database tests (real PostgreSQL),
// and Playwright e2e tests (real Chromium against a production build), then
// one closing line "N passed, N failed" summed over the runners.
// PostgreSQL: DATABASE_URL's server when set, else an embedded one started
// here; every suite works in a fresh database it drops afterwards.
import { spawnSync } from "node:child_process";
import { processIo } from "@/lib/cli/io";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { findChromium } from "@/lib/testing/find-chromium";

const ROOT = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-test-"));
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const wanted = (step: string) => only.length === 0 || only.includes(step);

let passed = 0;
let failed = 0;
const failedSteps: string[] = [];

function run(step: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  processIo.out(`\n=== ${step}: ${[path.basename(cmd), ...args].join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { LOG_LEVEL: "warn", ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (r.status !== 0) failedSteps.push(step);
  return r.status === 0;
}

function countVitest(file: string, step: string) {
  if (!fs.existsSync(file)) return;
  const j = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += j.numPassedTests ?? 0;
  failed += j.numFailedTests ?? 0;
  // a suite that failed before its tests ran (a beforeAll, an import) counts no failed test: it still fails the step
  const brokenSuites = (j.numFailedTestSuites ?? 0) + (j.numRuntimeErrorTestSuites ?? 0);
  if ((brokenSuites > 0 || j.success === false) && !failedSteps.includes(step)) failedSteps.push(step);
  if ((brokenSuites > 0 || j.success === false) && !j.numFailedTests) processIo.out(`\n${step}: a suite failed before its tests ran, or an error escaped them (see above)`);
}

function countPlaywright(file: string) {
  if (!fs.existsSync(file)) return;
  const s = JSON.parse(fs.readFileSync(file, "utf8")).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
}

async function main() {
  if (wanted("typecheck") && !run("typecheck", bin("tsc"), ["--noEmit"])) failed++;
  if (wanted("lint") && !run("lint", bin("eslint"), [".", "--max-warnings=0"])) failed++;
  if (wanted("unit")) {
    const out = path.join(reports, "unit.json");
    run("unit", bin("vitest"), ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
    countVitest(out, "unit");
  }
  if (!wanted("db") && !wanted("e2e")) return finish();

  let server = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!server) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-test-pg-"));
    fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as user "postgres" and must reach its data directory
    const epg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "postgres", persistent: false });
    processIo.out(`\n(embedded PostgreSQL for the tests on port ${epg.port})`);
    server = epg.adminUrl;
    stop = async () => {
      await epg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const env = { TEST_PG_SERVER_URL: server, DATABASE_URL: "" };
    if (wanted("db")) {
      const out = path.join(reports, "db.json");
      run("db", bin("vitest"), ["run", "--project", "db", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], env);
      countVitest(out, "db");
    }
    if (wanted("e2e")) {
      const chromium = findChromium();
      if (!chromium.path) {
        processIo.err(`\n=== e2e: no Chromium found. ${chromium.help}`);
        failedSteps.push("e2e");
        failed++;
      } else {
        const out = path.join(reports, "e2e.json");
        run("e2e", bin("playwright"), ["test", "--reporter=list,json"], { ...env, CHROMIUM_PATH: chromium.path, PLAYWRIGHT_JSON_OUTPUT_NAME: out });
        countPlaywright(out);
      }
    }
  } finally {
    await stop();
  }
  finish();
}

function finish() {
  if (failedSteps.length) processIo.out(`\nFailed steps: ${failedSteps.join(", ")}`);
  if (failedSteps.length && failed === 0) failed = failedSteps.length;
  processIo.out(`\n${passed} passed, ${failed} failed`);
  process.exit(failedSteps.length ? 1 : 0);
}

void main();
