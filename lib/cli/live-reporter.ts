// What `runboard exec` tells Runboard while the command runs: the run (created
// at the start), phase updates as they happen, and the newest output every
// second (bounded: when posting falls behind, the oldest output is dropped and
// a note says how much). Best effort: one attempt per post and no waiting;
// the final upload (exec.ts) carries the whole truth and is retried.
import type { Io } from "@/lib/cli/io";
import { describeNetworkError, formatApiError } from "@/lib/cli/http";
import type { UploadOptions } from "@/lib/cli/upload-options";
import type { PhaseInput } from "@/lib/schemas/phases";

const FLUSH_MS = 1000;
const POST_TIMEOUT_MS = 10_000;

type Chunk = { stream: "stdout" | "stderr" | "system"; text: string };

export class LiveReporter {
  runId: string | null = null;
  private pendingPhases = new Map<string, PhaseInput>();
  private chunks: Chunk[] = [];
  private chars = 0;
  private skipped = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private warned = false;

  constructor(private o: UploadOptions, private io: Io, private tailBytes: number) {}

  /**
   * Create (or find, by external id) the run and post the first log line, so
   * the run page shows its live view from the start. Without the run there is
   * no live view, and that is all.
   */
  async start(startedAt: string, firstLine: string): Promise<void> {
    const m = this.o.metadata;
    const body = { project: m.project, mode: m.mode, externalId: m.externalId, branch: m.branch, commit: m.commit, ciUrl: m.ciUrl, runnerHost: m.runnerHost, startedAt, labels: m.labels };
    const run = (await this.post("/api/v1/runs", body)) as { id?: string } | null;
    if (!run?.id) return;
    this.runId = run.id;
    this.io.err(`runboard: live at ${this.o.url}/runs/${run.id}`);
    if (this.tailBytes > 0) {
      this.log("system", firstLine);
      this.flushLog();
      await this.chain;
      this.timer = setInterval(() => this.flushLog(), FLUSH_MS);
      this.timer.unref();
    }
  }

  phases(updates: PhaseInput[]): void {
    if (!this.runId || !updates.length) return;
    for (const u of updates) this.pendingPhases.set(u.name, u);
    this.chain = this.chain.then(() => {
      if (!this.pendingPhases.size) return;
      const phases = [...this.pendingPhases.values()];
      this.pendingPhases.clear();
      return this.post(`/api/v1/runs/${this.runId}/phases`, { phases });
    });
  }

  log(stream: Chunk["stream"], text: string): void {
    if (!this.runId || this.tailBytes === 0 || !text) return;
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.chunks.push({ stream, text });
    this.chars += text.length;
    // keep the newest tailBytes characters
    while (this.chars > this.tailBytes && this.chunks.length) {
      const first = this.chunks[0];
      const over = this.chars - this.tailBytes;
      if (first.text.length <= over) {
        this.chunks.shift();
        this.chars -= first.text.length;
        this.skipped += first.text.length;
      } else {
        first.text = first.text.slice(over);
        this.chars -= over;
        this.skipped += over;
      }
    }
  }

  /** Post what is pending (phases, then output) and stop the timer; resolves when both are sent or given up. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flushLog();
    await this.chain;
  }

  private flushLog(): void {
    if (!this.chunks.length) return;
    const chunks = this.chunks;
    if (this.skipped) chunks.unshift({ stream: "system", text: `[runboard] ${Math.ceil(this.skipped / 1024)} KB of output not shown (the live log keeps the last ${this.tailBytes / 1024} KB)\n` });
    this.chunks = [];
    this.chars = 0;
    this.skipped = 0;
    this.chain = this.chain.then(() => this.post(`/api/v1/runs/${this.runId}/log`, { chunks }));
  }

  /** One POST; null when it failed (said once on stderr, never with the token). */
  private async post(path: string, body: unknown): Promise<unknown> {
    try {
      const res = await fetch(`${this.o.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.o.token}`, "content-type": "application/json", accept: "application/json", "user-agent": "runboard-cli" },
        body: JSON.stringify(body),
        redirect: "manual",
        signal: AbortSignal.timeout(POST_TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.ok) return JSON.parse(text);
      this.warn(formatApiError(res.status, text));
    } catch (e) {
      this.warn(`cannot reach ${this.o.url}: ${describeNetworkError(e)}`);
    }
    return null;
  }

  private warn(reason: string): void {
    if (this.warned) return;
    this.warned = true;
    this.io.err(`runboard: live progress not sent (${reason.split("\n")[0]}); the command goes on, and its results are sent when it ends`);
  }
}
