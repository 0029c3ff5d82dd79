import { defineConfig } from "@playwright/test";
import { storageStateOf } from "./e2e/auth";
import { findChromium } from "./lib/testing/find-chromium";

const port = Number(process.env.E2E_PORT ?? 3100);
const chromium = findChromium();

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "off",
    launchOptions: {
      executablePath: chromium.path,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  // auth.setup signs in one user per role; tests run as the viewer unless they say otherwise.
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], use: { storageState: storageStateOf("viewer") } },
  ],
  // e2e/serve.ts: fresh database, then the real launcher (migrations, demo, production build, web + worker).
  webServer: {
    command: "node_modules/.bin/tsx e2e/serve.ts",
    url: `http://127.0.0.1:${port}/api/ready`,
    env: { PORT: String(port), HOSTNAME: "127.0.0.1" },
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
