// `npm run screenshots`: the README's screenshots from the demo data, so they
// stay current. Starts the real launcher (lib/ops/start.ts) on a fresh
// embedded PostgreSQL in a temporary directory (migrations, the Gateway demo,
// the production build when stale), signs in as its admin through the form,
// and writes docs/screenshots/{run,timing,triage}.png at 1440 px with Chromium.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { findChromium } from "@/lib/testing/find-chromium";
import { freeClosedPort } from "@/lib/testing/sshd";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "docs/screenshots");
const ADMIN = { email: "admin@screenshots.local", password: `shots-${Date.now()}-password` };

async function waitReady(url: string, child: { exitCode: number | null }) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the launcher stopped (exit ${child.exitCode})`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not ready after 5 minutes`);
}

async function main() {
  const browserPath = findChromium();
  if (!browserPath.path) throw new Error(`no Chromium: ${browserPath.help}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-shots-"));
  fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as user "postgres" and must reach its data directory
  const port = await freeClosedPort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", RUNBOARD_DATA_DIR: dataDir,
    RUNBOARD_ADMIN_EMAIL: ADMIN.email, RUNBOARD_ADMIN_PASSWORD: ADMIN.password, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn" };
  delete env.DATABASE_URL; // always the demo, never someone's data
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["lib/ops/start.ts"], { cwd: ROOT, env, stdio: "inherit" });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/api/ready`, child);
    const browser = await chromium.launch({ executablePath: browserPath.path, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
    const page = await (await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 1000 }, colorScheme: "light" })).newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/`);
    await page.goto("/runs?project=gateway-e2e&status=failed");
    const run = await page.getByTestId("run-link").first().getAttribute("href");
    fs.mkdirSync(OUT, { recursive: true });
    for (const [name, url] of [["run", run!], ["timing", "/projects/gateway-e2e/timing"], ["triage", "/triage?project=gateway-e2e"]] as const) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: path.join(OUT, `${name}.png`) });
      console.log(`wrote docs/screenshots/${name}.png (${url})`);
    }
    await browser.close();
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(`screenshots failed: ${(e as Error).message}`);
  process.exit(1);
});
