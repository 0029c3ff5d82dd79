// The simulated CI jobs and page readers of bench:load (lib/bench/load.ts).
// A CI job: create run (unique externalId) -> POST a 1k-case JUnit report
// (content made unique per run) -> POST phases -> finish, with a bearer token
// of its project, against one of the web processes. A reader: signed in,
// reads /runs, a recent run page, a timing page and /triage.
import { setTimeout as sleep } from "node:timers/promises";
import type { SentProject } from "@/lib/bench/load-verify";
import { type RequestLog, StageTotals, timedFetch } from "@/lib/bench/load-stats";

const REQUEST_TIMEOUT_MS = 60_000;
/** CI clients start spread over this long (ms), not in one burst */
const RAMP_MS = 1000;
/** the request kind of the CLI flow in the tables */
export const CLI_KIND = "ingest (1k cases, one request)";

export interface Token { slug: string; token: string }

export interface LoadContext {
  bases: string[];
  tokens: Token[];
  sent: SentProject[];
  log: RequestLog;
  /** report variants per project slug (the same specs every run, as in CI) */
  variants: Map<string, string[]>;
  cookies: string[];
  runTag: string;
  /** "api": the four requests of the REST API; "cli": one multipart POST /api/v1/ingest, as `runboard upload` sends */
  flow: "api" | "cli";
}

/** Phase timings shaped like a Kind-cluster E2E job: setup, two parallel deploys under it, tests. */
function phasesBody(startMs: number, i: number) {
  const at = (s: number) => new Date(startMs + s * 1000).toISOString();
  const setup = 40 + (i % 7);
  return {
    phases: [
      { name: "Phase 1: Kind cluster + CRDs + namespace", startedAt: at(0), durationMs: setup * 1000, status: "passed", attributes: { peakMemoryMb: 900 + (i % 50) } },
      { name: "deploy gateway", parent: "Phase 1: Kind cluster + CRDs + namespace", group: "deploy", startedAt: at(10), durationMs: 20_000, status: "passed" },
      { name: "deploy backends", parent: "Phase 1: Kind cluster + CRDs + namespace", group: "deploy", startedAt: at(10), durationMs: 25_000 + (i % 5) * 1000, status: "passed" },
      { name: "Phase 2: tests", startedAt: at(setup), durationMs: 120_000 + (i % 11) * 1000, status: "passed" },
    ],
  };
}

export class LoadClients {
  /** finished runs, newest last, for the readers */
  readonly recent: string[] = [];
  runsFinished = 0;
  junitOk = 0;
  /** time spent in acknowledged JUnit uploads (ms), for the one-client upload rate */
  junitMs = 0;
  /** where the server's time went in the JUnit uploads (Server-Timing, measured window only) */
  readonly junitStages = new StageTotals();
  /** the same for create run, phases and finish (auth and rate limit stages) */
  readonly otherStages = new Map([["create run", new StageTotals()], ["phases", new StageTotals()], ["finish", new StageTotals()]]);
  /** creations that answered 200: an externalId already known */
  readonly notCreated: string[] = [];

  /** set: CPU-seconds of the server's process trees are read around each CI request (serial runs only, lib/bench/process-cpu.ts) */
  cpuProbe?: { read(): Record<string, number>; add(kind: string, before: Record<string, number>, after: Record<string, number>): void };

  constructor(private readonly ctx: LoadContext) {}

  private async request(kind: string, url: string, init: RequestInit) {
    const before = this.cpuProbe?.read();
    const res = await timedFetch(this.ctx.log, kind, url, init, REQUEST_TIMEOUT_MS);
    if (before) this.cpuProbe!.add(kind, before, this.cpuProbe!.read());
    return res;
  }

  /** One simulated CI job. Stops at the first failed step. */
  async ciJob(client: number, iter: number): Promise<void> {
    if (this.ctx.flow === "cli") return this.cliJob(client, iter);
    const { bases, tokens, sent, log, variants, runTag } = this.ctx;
    const { slug, token } = tokens[client % tokens.length];
    const base = bases[client % bases.length];
    const auth = { authorization: `Bearer ${token}` };
    const json = { ...auth, "content-type": "application/json" };
    const externalId = `load-${runTag}-${client}-${iter}`;
    const started = Date.now();
    const created = await this.request("create run", `${base}/api/v1/runs`, {
      method: "POST", headers: json,
      body: JSON.stringify({ project: slug, mode: iter % 2 ? "parallel" : "sequential", externalId, branch: "main", commit: (0x1000000 + client * 1000 + iter).toString(16), runnerHost: `runner-${client % 4}` }),
    });
    if (!created || created.status >= 300) return;
    if (log.recording) this.otherStages.get("create run")!.add(created.serverTiming);
    const id = JSON.parse(created.body).id as string;
    const project = sent.find((p) => p.slug === slug)!;
    if (created.status === 201) project.created.set(id, externalId);
    else this.notCreated.push(`${externalId} answered ${created.status}`);
    const variant = variants.get(slug)![(client + iter) % 8];
    const t = performance.now();
    const junit = await this.request("junit (1k cases)", `${base}/api/v1/runs/${id}/junit`, {
      method: "POST", headers: { ...auth, "content-type": "application/xml" }, body: variant.replace("?>\n", `?>\n<!-- ${externalId} -->\n`),
    });
    if (!junit || junit.status >= 300) return;
    project.junitOk.add(id);
    if (log.recording) {
      this.junitStages.add(junit.serverTiming);
      this.junitOk++;
      this.junitMs += performance.now() - t;
    }
    const phases = await this.request("phases", `${base}/api/v1/runs/${id}/phases`, { method: "POST", headers: json, body: JSON.stringify(phasesBody(started, iter)) });
    if (!phases || phases.status >= 300) return;
    if (log.recording) this.otherStages.get("phases")!.add(phases.serverTiming);
    const finish = await this.request("finish", `${base}/api/v1/runs/${id}/finish`, { method: "POST", headers: json, body: JSON.stringify({ status: "passed" }) });
    if (!finish || finish.status >= 300) return;
    if (log.recording) this.otherStages.get("finish")!.add(finish.serverTiming);
    project.finishOk.add(id);
    if (log.recording) this.runsFinished++;
    this.recent.push(id);
    if (this.recent.length > 200) this.recent.shift();
  }

  /**
   * The same CI job as `runboard upload` sends it: one multipart POST /api/v1/ingest
   * with the metadata, the phases and the report (under the CLI's gzip threshold:
   * sent as is), which creates, fills and finishes the run in one transaction.
   */
  private async cliJob(client: number, iter: number): Promise<void> {
    const { bases, tokens, sent, log, variants, runTag } = this.ctx;
    const { slug, token } = tokens[client % tokens.length];
    const base = bases[client % bases.length];
    const externalId = `load-${runTag}-${client}-${iter}`;
    const started = Date.now();
    const form = new FormData();
    form.set("metadata", JSON.stringify({ project: slug, mode: iter % 2 ? "parallel" : "sequential", externalId, branch: "main", commit: (0x1000000 + client * 1000 + iter).toString(16), runnerHost: `runner-${client % 4}`, status: "passed" }));
    form.set("phases", JSON.stringify(phasesBody(started, iter)));
    const report = variants.get(slug)![(client + iter) % 8].replace("?>\n", `?>\n<!-- ${externalId} -->\n`);
    form.append("junit", new Blob([report], { type: "application/xml" }), "junit.xml");
    const t = performance.now();
    const res = await this.request(CLI_KIND, `${base}/api/v1/ingest`, {
      method: "POST", headers: { authorization: `Bearer ${token}`, "user-agent": "runboard-cli" }, body: form,
    });
    if (!res || res.status >= 300) return;
    const id = JSON.parse(res.body).id as string;
    const project = sent.find((p) => p.slug === slug)!;
    if (res.status === 201) project.created.set(id, externalId);
    else this.notCreated.push(`${externalId} answered ${res.status}`);
    project.junitOk.add(id);
    project.finishOk.add(id);
    if (log.recording) {
      this.junitStages.add(res.serverTiming);
      this.junitOk++;
      this.junitMs += performance.now() - t;
      this.runsFinished++;
    }
    this.recent.push(id);
    if (this.recent.length > 200) this.recent.shift();
  }

  /** One round of a reader over the pages, reading each for pauseMs before the next. */
  async readPages(reader: number, i: number, pauseMs = 0): Promise<void> {
    const { bases, sent, cookies } = this.ctx;
    const base = bases[reader % bases.length];
    const recent = this.recent;
    const pages: [string, string][] = [
      ["/runs", "/runs"],
      ["/runs/[id]", `/runs/${recent[recent.length - 1 - (i % Math.min(20, recent.length))]}`],
      ["/projects/<p>/timing", `/projects/${sent[i % sent.length].slug}/timing`],
      ["/triage", "/triage"],
    ];
    for (const [kind, url] of pages) {
      if (url.endsWith("/undefined")) continue;
      await this.request(kind, base + url, { headers: { cookie: cookies[reader] }, redirect: "manual" });
      // people do not click in step: each pause is drawn from 0.5-1.5x its mean
      if (pauseMs) await sleep(pauseMs * (0.5 + this.jitter()));
    }
  }

  /** a fixed-seed uniform [0, 1) (mulberry32), so runs of the benchmark draw the same pauses */
  private seed = 0x2f6b1d;
  private jitter(): number {
    let t = (this.seed = (this.seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * `clients` CI clients loop until the deadline (or maxRuns) while `readers` read, each pausing
   * readerPauseMs after a page; returns the window in seconds. As CI jobs and people do, they
   * start apart: clients over the first RAMP_MS, readers after it, spread over one pause.
   */
  async drive(clients: number, seconds: number, readers: number, maxRuns: number, firstIter: number, readerPauseMs = 0): Promise<number> {
    const t0 = performance.now();
    const deadline = t0 + seconds * 1000;
    let started = 0;
    let writersDone = false;
    const writers = Array.from({ length: clients }, async (_, c) => {
      if (clients > 1) await sleep((c * RAMP_MS) / clients);
      for (let iter = firstIter; performance.now() < deadline && started < maxRuns; iter++) {
        started++;
        await this.ciJob(c, iter);
      }
    });
    const reading = Array.from({ length: readers }, async (_, r) => {
      if (readerPauseMs) await sleep(RAMP_MS + (r * readerPauseMs) / readers);
      for (let i = 0; !writersDone; i++) await this.readPages(r, i, readerPauseMs);
    });
    await Promise.all(writers);
    const elapsed = (performance.now() - t0) / 1000;
    writersDone = true;
    await Promise.all(reading);
    return elapsed;
  }
}
