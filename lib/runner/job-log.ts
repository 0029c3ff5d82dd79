// A job's output, batched into job_log_chunks rows (one row per stream per
// flush, every 300 ms or 32 KB), so a chatty command costs a few inserts a
// second and the live view can page by seq. Stored output is capped.
import { pool } from "@/lib/db";
import { log } from "@/lib/log";

const FLUSH_MS = 300;
const FLUSH_BYTES = 32 * 1024;
export const MAX_LOG_BYTES = 8 * 1024 * 1024;

export class JobLog {
  private pending: { stream: string; text: string }[] = [];
  private pendingBytes = 0;
  private stored = 0;
  private truncated = false;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(private jobId: string, private seq: number) {}

  /** Continue after the highest stored seq (a job's log is appended to, never rewritten). */
  static async open(jobId: string): Promise<JobLog> {
    const { rows } = await pool().query(`SELECT coalesce(max(seq), 0) AS seq FROM job_log_chunks WHERE "jobId" = $1`, [jobId]);
    return new JobLog(jobId, Number(rows[0].seq));
  }

  write(stream: "stdout" | "stderr" | "system", text: string) {
    if (!text) return;
    if (this.truncated && stream !== "system") return;
    if (stream !== "system" && this.stored + this.pendingBytes + text.length > MAX_LOG_BYTES) {
      this.truncated = true;
      text = `\n[runboard: output beyond ${MAX_LOG_BYTES / 1024 / 1024} MB is not stored]\n`;
      stream = "system";
    }
    const last = this.pending[this.pending.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.pending.push({ stream, text });
    this.pendingBytes += text.length;
    if (this.pendingBytes >= FLUSH_BYTES) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  system(line: string) {
    this.write("system", `[runboard] ${line}\n`);
  }

  /** Store what is pending; resolves once everything written so far is in the database. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.stored += this.pendingBytes;
    this.pendingBytes = 0;
    if (batch.length) {
      const rows = batch.map((b) => ({ ...b, seq: ++this.seq }));
      this.chain = this.chain.then(async () => {
        const values: unknown[] = [];
        const tuples = rows.map((r, i) => {
          values.push(this.jobId, r.seq, r.stream, r.text.replace(/\0/g, ""));
          return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
        });
        await pool().query(`INSERT INTO job_log_chunks ("jobId", seq, stream, text) VALUES ${tuples.join(", ")}`, values);
      }).catch((e) => {
        log().error({ jobId: this.jobId, error: String(e?.message ?? e) }, "storing job log failed");
      });
    }
    return this.chain;
  }
}
