// The CLI against the running production server: create a token in the
// e2e database, upload a report and phases, and see the run in the browser.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eProject } from "./members";

const root = path.resolve(import.meta.dirname, "..");
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(root, "bin/runboard.mjs"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });

test("runboard upload stores a run that the dashboard then shows", async ({ page, baseURL }) => {
  test.setTimeout(90_000); // three CLI processes and a database set-up on a busy machine
  const databaseUrl = fs.readFileSync(path.join(root, "test-results/e2e-database-url"), "utf8").trim();
  const created = cli(["token", "create", "--project", "cli-e2e", "--create-project", "--name", "ci", "--json"], { DATABASE_URL: databaseUrl });
  expect(created.status, created.stderr).toBe(0);
  expect(created.stderr).toContain("Created project cli-e2e");
  await e2eProject("cli-e2e"); // its members: the e2e lead, triager and viewer (the browser below is the viewer)
  const { token } = JSON.parse(created.stdout);
  expect(token).toMatch(/^rb_/);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-cli-e2e-"));
  fs.mkdirSync(path.join(dir, "reports"));
  fs.writeFileSync(
    path.join(dir, "reports/junit.xml"),
    `<?xml version="1.0"?><testsuites><testsuite name="CLI Suite">
      <testcase name="[It] passes (BR-CLI-001)" classname="CLI Suite" time="1.2"/>
      <testcase name="[It] fails (BR-CLI-002)" classname="CLI Suite" time="2.5"><failure message="Expected 201 to equal 503">boom</failure></testcase>
      <testcase name="[It] skipped" classname="CLI Suite"><skipped/></testcase>
    </testsuite></testsuites>`,
  );
  fs.writeFileSync(
    path.join(dir, "phases.json"),
    JSON.stringify({ phases: [{ name: "Kind cluster", startedAt: new Date(Date.now() - 60_000).toISOString(), durationMs: 30_000, status: "passed" }] }),
  );
  const args = ["upload", "--url", baseURL!, "--project", "cli-e2e", "--mode", "parallel", "--junit", path.join(dir, "reports/*.xml"), "--phases", path.join(dir, "phases.json"), "--external-id", "cli-e2e-1"];
  const up = cli(args, { RUNBOARD_TOKEN: token });
  expect(up.status, up.stderr + up.stdout).toBe(0);
  expect(up.stdout).toContain("2 of 3 run, 1 passed");
  expect(up.stdout + up.stderr).not.toContain(token);
  // the retry-safe second upload finds the same run
  expect(cli(args, { RUNBOARD_TOKEN: token }).status).toBe(0);

  await page.goto("/");
  const card = page.locator("section", { has: page.getByRole("heading", { name: /cli-e2e/ }) });
  await expect(card.getByTestId("latest-run")).toContainText("2 of 3 run, 1 passed");
  await expect(card.getByText("1 run", { exact: true })).toBeVisible();
  fs.rmSync(dir, { recursive: true, force: true });
});
