// HTTP status codes of page requests, as a crawler, a monitor or curl sees them:
// signed out -> 307 to sign-in (with the whole path and query), an unknown id ->
// 404 before any byte is streamed, a known id -> 200 (decision 0021).
import { expect, test, type APIRequestContext } from "@playwright/test";

const html = { accept: "text/html" };
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

async function statusOf(request: APIRequestContext, url: string) {
  const r = await request.get(url, { maxRedirects: 0, headers: html });
  return { status: r.status(), location: r.headers()["location"] ?? "", body: r.status() === 200 ? "" : await r.text() };
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("every page answers 307 to sign-in, keeping the deep link's path and query", async ({ request }) => {
    for (const url of ["/", "/runs", "/runner", "/triage", "/requirements", "/my-work", "/admin/users", `/runs/${UNKNOWN}`, "/projects/gateway-e2e/timing"]) {
      const r = await statusOf(request, url);
      expect(r.status, url).toBe(307);
      expect(r.location, url).toBe(url === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(url)}`);
    }
    const deep = await statusOf(request, "/triage?project=gateway-e2e&req=BR-GATEWAY-018&status=all");
    expect(deep.status).toBe(307);
    expect(deep.location).toBe("/sign-in?next=%2Ftriage%3Fproject%3Dgateway-e2e%26req%3DBR-GATEWAY-018%26status%3Dall");
    expect((await statusOf(request, "/sign-in")).status).toBe(200);
  });
});

test("unknown ids answer 404 with the not-found page; known ids 200", async ({ request }) => {
  const runs = await request.get("/runs", { headers: html });
  expect(runs.status()).toBe(200);
  // the newest runs may be ones other tests made without results: the first listed run that has a spec
  const runIds = [...new Set([...(await runs.text()).matchAll(/href="\/runs\/([0-9a-f-]{36})"/g)].map((m) => m[1]))];
  expect(runIds.length).toBeGreaterThan(0);
  let runId = "";
  let specId: string | undefined;
  for (const id of runIds) {
    const run = await request.get(`/runs/${id}`, { headers: html });
    expect(run.status()).toBe(200);
    runId = id;
    specId = /href="\/specs\/([0-9a-f-]{36})"/.exec(await run.text())?.[1];
    if (specId) break;
  }
  expect(specId).toBeTruthy();
  expect((await statusOf(request, `/specs/${specId}`)).status).toBe(200);
  expect((await statusOf(request, "/projects/gateway-e2e/timing")).status).toBe(200);

  const unknown = [
    `/runs/${UNKNOWN}`, "/runs/not-a-run", `/specs/${UNKNOWN}`, "/specs/nope", `/triage/${UNKNOWN}`, "/triage/nope",
    `/runs/${UNKNOWN}/reports/${UNKNOWN}/view`, `/runs/${runId}/reports/${UNKNOWN}/view`, `/runs/compare?a=${UNKNOWN}&b=${runId}`, `/runs/compare?a=${runId}&b=${UNKNOWN}`, `/runs/compare?b=${UNKNOWN}`,
    "/projects/no-such-project/timing", "/projects/no-such-project/settings", "/no-such-page",
  ];
  for (const url of unknown) {
    const r = await statusOf(request, url);
    expect(r.status, url).toBe(404);
    expect(r.body, url).toMatch(/not found/i);
  }
});

test("the favicon is served", async ({ request }) => {
  const r = await request.get("/favicon.ico");
  expect(r.status()).toBe(200);
});
