// LiveReporter against a real HTTP server in the test: what it posts while a
// command runs, bounded to the tail, and how it behaves when nobody answers.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveReporter } from "@/lib/cli/live-reporter";
import type { UploadOptions } from "@/lib/cli/upload-options";

const posts: { path: string; auth: string; body: { chunks?: { stream: string; text: string }[]; phases?: { name: string; status: string }[] } }[] = [];
let server: http.Server;
let base = "";
beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    let body = "";
    for await (const c of req) body += c;
    posts.push({ path: req.url!, auth: req.headers.authorization ?? "", body: JSON.parse(body) });
    res.writeHead(req.url === "/api/v1/runs" ? 201 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify(req.url === "/api/v1/runs" ? { id: "run-1" } : { seq: 1 }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

const options = (url: string) => ({ url, token: "rb_secret", metadata: { project: "gw", mode: "parallel", externalId: "e1" } }) as unknown as UploadOptions;

describe("LiveReporter", () => {
  it("creates the run, posts the first line at once, coalesces phases, and keeps only the newest output", async () => {
    const notes: string[] = [];
    const live = new LiveReporter(options(base), { out: () => {}, err: (t) => notes.push(t) }, 2048);
    await live.start("2026-12-06T01:00:00Z", "[runboard] $ make e2e\n");
    expect(live.runId).toBe("run-1");
    expect(posts.map((p) => p.path)).toEqual(["/api/v1/runs", "/api/v1/runs/run-1/log"]);
    expect(posts[1].body.chunks).toEqual([{ stream: "system", text: "[runboard] $ make e2e\n" }]);
    live.phases([{ name: "Kind", startedAt: "2026-12-06T01:00:01Z", status: "running" }]);
    live.phases([{ name: "Kind", startedAt: "2026-12-06T01:00:01Z", finishedAt: "2026-12-06T01:00:02Z", status: "passed" }]);
    for (let i = 0; i < 100; i++) live.log(i % 2 ? "stderr" : "stdout", `line ${String(i).padStart(3, "0")} ${"x".repeat(90)}\n`);
    await live.stop();
    const phasePosts = posts.filter((p) => p.path.endsWith("/phases")).flatMap((p) => p.body.phases!);
    expect(phasePosts.at(-1)).toMatchObject({ name: "Kind", status: "passed" });
    const log = posts.filter((p) => p.path.endsWith("/log")).at(-1)!.body.chunks!;
    expect(log[0]).toEqual({ stream: "system", text: "[runboard] 8 KB of output not shown (the live log keeps the last 2 KB)\n" });
    const text = log.slice(1).map((c) => c.text).join("");
    expect(text.length).toBe(2048);
    expect(text).toMatch(/line 099 x+\n$/);
    expect(posts.every((p) => p.auth === "Bearer rb_secret")).toBe(true);
    expect(notes.join("\n")).not.toContain("rb_secret");
  });

  it("when the server cannot be reached, says so once and stays quiet", async () => {
    const notes: string[] = [];
    const live = new LiveReporter(options("http://127.0.0.1:9"), { out: () => {}, err: (t) => notes.push(t) }, 1024);
    await live.start("2026-12-06T01:00:00Z", "x\n");
    live.log("stdout", "y\n");
    await live.stop();
    expect(live.runId).toBeNull();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^runboard: live progress not sent \(cannot reach http:\/\/127\.0\.0\.1:9/);
  });
});
