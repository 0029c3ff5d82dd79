// `runboard exec` from a CI job with only Node and curl: the sample
// provisioning script (the one the runner's tests run over SSH) under exec
// against the test server. Its output and exit code pass through, the run is
// live on its page while the command runs (phases filling in, the log tail),
// and afterwards it is finished with the same phases the runner records and
// the JUnit results.
import { expect, test } from "@playwright/test";
import { SAMPLE_IMAGE_PHASES, SAMPLE_SCRIPT, samplePhases } from "@/lib/testing/sample-provisioning";
import { ciJobDir, createToken, node, nodeAsync } from "./ci-helpers";

const PROJECT = "ci-exec-e2e";
let token = "";
test.beforeAll(async () => {
  token = await createToken(PROJECT);
});

type ApiRun = { finishedAt: string | null; status: string; totals: { tests: number; passed: number }; phases: { name: string; status: string; parent: string | null; group: string | null; attributes: Record<string, unknown> | null }[] };

test("a CI job with only Node and curl runs the sample setup under exec: live while it runs, finished with phases and results after", async ({ page, baseURL, request }) => {
  test.setTimeout(60_000);
  const dir = ciJobDir(baseURL!);
  const vars = { RUNBOARD_URL: baseURL!, RUNBOARD_TOKEN: token, RUNBOARD_PROJECT: PROJECT, RUNBOARD_MODE: "parallel", RUNBOARD_EXTERNAL_ID: "exec-live-1" };
  const job = nodeAsync(dir, ["exec", "--junit", "out/*.xml", "--", "sh", SAMPLE_SCRIPT, "--out", "out", "--step", "0.7"], vars);
  const api = async (id: string) => (await (await request.get(`/api/v1/runs/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as ApiRun;

  await expect.poll(() => /live at \S+\/runs\/([0-9a-f-]{36})/.exec(job.err())?.[1] ?? null, { timeout: 15_000 }).not.toBeNull();
  const runId = /live at \S+\/runs\/([0-9a-f-]{36})/.exec(job.err())![1];
  // running: open, with a phase in progress
  await expect.poll(async () => {
    const r = await api(runId);
    return r.finishedAt === null && r.status === "running" && r.phases.some((p) => p.status === "running");
  }, { timeout: 15_000 }).toBe(true);

  await page.goto(`/runs/${runId}`);
  const panel = page.getByTestId("live-run");
  await expect(panel.getByTestId("job-status")).toHaveText("Running");
  await expect(panel).toContainText("CI job (runboard exec)");
  await expect(panel.locator("[data-phase='Kind cluster + CRDs']")).toBeVisible();
  await expect(panel.getByTestId("live-log")).toContainText("PHASE 1: Creating Kind cluster");

  expect(await job.exit).toBe(0);
  expect(job.out()).toContain("🎉 all 3 specs passed"); // the command's output, unchanged
  expect(job.out()).toContain('##runboard phase start name="Kind cluster + CRDs"');
  expect(job.err()).toContain("waiting for datastorage pods");
  expect(job.out() + job.err()).not.toContain(token);

  const run = await api(runId);
  expect(run.finishedAt).not.toBeNull();
  expect(run).toMatchObject({ status: "passed", totals: { tests: 3, passed: 3 } });
  // the runner's phases for the same script (lib/runner/runner.db.test.ts)
  expect(run.phases.map((p) => [p.name, p.status])).toEqual(samplePhases(expect.any(String)));
  for (const img of SAMPLE_IMAGE_PHASES) {
    expect(run.phases.find((p) => p.name === img.name)).toMatchObject({ parent: "Build images", group: "images", attributes: { peakMemoryMb: img.peakMemoryMb } });
  }
  // the page's live view ends with the final state
  await expect(panel.getByTestId("job-status")).toHaveText("Succeeded", { timeout: 15_000 });
});

test("exec keeps the command's exit code when it fails, and when Runboard is unreachable (unless --strict)", async ({ baseURL, request }) => {
  const dir = ciJobDir(baseURL!);
  const vars = { RUNBOARD_URL: baseURL!, RUNBOARD_TOKEN: token, RUNBOARD_PROJECT: PROJECT, RUNBOARD_MODE: "failing", RUNBOARD_EXTERNAL_ID: "exec-fail-1" };
  const failed = node(dir, ["exec", "--junit", "out/*.xml", "--", "sh", SAMPLE_SCRIPT, "--out", "out", "--step", "0", "--fail-at", "gateway"], vars);
  expect(failed.status, failed.stderr).toBe(2);
  expect(failed.stderr).toContain('no file matches --junit "out/*.xml"'); // it failed before writing its report
  const runs = await (await request.get(`/api/v1/runs?limit=20`, { headers: { authorization: `Bearer ${token}` } })).json();
  const run = runs.runs.find((r: { externalId: string }) => r.externalId === "exec-fail-1");
  expect(run).toMatchObject({ claimedStatus: "failed", setupOk: false });
  expect(run.finishedAt).not.toBeNull();

  const down = { ...vars, RUNBOARD_URL: "http://127.0.0.1:9", RUNBOARD_RETRIES: "1", RUNBOARD_RETRY_BASE_MS: "10" };
  const offline = node(dir, ["exec", "--", "sh", "-c", "echo suite output; exit 3"], down);
  expect(offline.status).toBe(3);
  expect(offline.stdout).toBe("suite output\n");
  expect(offline.stderr).toContain("could not send 0 report files, 0 phases, the run's finish to Runboard");
  expect(node(dir, ["exec", "--strict", "--", "true"], down).status).toBe(1);
});
