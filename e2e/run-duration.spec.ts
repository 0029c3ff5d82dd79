// Issue 12: a run's total comes from the evidence. Two uploads the way curl
// sends them (POST /api/v1/ingest, no startedAt) into a project of their own:
// one with phases and a testsuite timestamp, one with no timestamps at all.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eProject } from "./members";

const root = path.resolve(import.meta.dirname, "..");
const project = "duration-e2e";

const junit = (attrs: string) => `<?xml version="1.0"?><testsuites><testsuite name="Gateway" tests="1" time="120"${attrs}>
  <testcase name="[It] routes" classname="Gateway" time="120"/></testsuite></testsuites>`;

test("the run page says where the total came from, and the timing page counts runs without timing", async ({ page, request }) => {
  await e2eProject(project); // its members: the e2e lead, triager and viewer
  const databaseUrl = fs.readFileSync(path.join(root, "test-results/e2e-database-url"), "utf8").trim();
  const created = spawnSync(process.execPath, [path.join(root, "bin/runboard.mjs"), "token", "create", "--project", project, "--name", "ci", "--json"], {
    cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  expect(created.status, created.stderr).toBe(0);
  const { token } = JSON.parse(created.stdout);

  const upload = async (externalId: string, xml: string, phases?: unknown) => {
    const res = await request.post("/api/v1/ingest", {
      headers: { authorization: `Bearer ${token}` },
      multipart: {
        metadata: JSON.stringify({ project, mode: "parallel", externalId, status: "passed" }),
        ...(phases ? { phases: JSON.stringify(phases) } : {}),
        junit: { name: "junit.xml", mimeType: "application/xml", buffer: Buffer.from(xml) },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).id as string;
  };
  const phases = { phases: [{ name: "Kind cluster", startedAt: "2026-01-12T10:00:00Z", finishedAt: "2026-01-12T10:03:00Z", status: "passed" }] };
  const known = await upload("with-evidence", junit(' timestamp="2026-01-12T10:03:00"'), phases);
  const unknown = await upload("no-timestamps", junit(""));

  await page.goto(`/runs/${known}`);
  const totals = page.getByTestId("run-totals");
  // 10:00:00 (phase) -> 10:05:00 (testsuite timestamp + 120 s), next to a 3-minute setup
  await expect(totals).toContainText("5m 00.0s");
  await expect(totals).toContainText("3m 00.0s");
  await expect(page.getByTestId("total-source")).toHaveText("start derived from phases, end derived from reports");

  await page.goto(`/runs/${unknown}`);
  await expect(page.getByTestId("run-totals")).toContainText("unknown");
  await expect(page.getByTestId("total-source")).toHaveText(/no start time was sent/);
  await expect(page.getByTestId("median-comparison")).toContainText("The total duration is unknown");

  await page.goto(`/projects/${project}/timing`);
  await expect(page.getByTestId("without-timing")).toContainText("1 run without timing");
  // the per-mode figures hold only the run with a known duration
  await expect(page.getByTestId("mode-parallel").locator("td").first()).toHaveText("1");
});
