// Writes one report's result rows while the report is still being parsed.
// The parser hands over its testcases a slice at a time (parse-junit.ts,
// onCases); each batch has its spec and failure-signature ids resolved and its
// COPY lines written straight into one open COPY on the ingest transaction's
// connection. PostgreSQL stores batch n while Node parses batch n+1, so an
// ingest costs about max(parse, store) instead of their sum.
//
// The connection cannot run other statements while a COPY is open: a batch
// that needs the database (specs or signatures not seen before in this
// process or this report) ends the current COPY, runs its lookups and starts a
// new COPY. Repeat uploads of a suite find their specs in the in-process cache
// (spec-identity-cache.ts) and never pause.
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { failureSignature } from "@/lib/analysis/failure-signature";
import type { RequirementPattern } from "@/lib/ingest/requirement-ids";
import type { ParsedTestCase } from "@/lib/ingest/report-types";
import { BinaryCopyWriter } from "@/lib/services/copy-binary";
import { cachedSpecId } from "@/lib/services/spec-identity-cache";
import { caseIdentity, resolveSpecs } from "@/lib/services/upsert-test-cases";
import { upsertSignatures } from "@/lib/services/upsert-signatures";

// Binary format: PostgreSQL skips parsing text for every uuid, timestamp and
// integer and scanning every field for escapes (about a fifth less server time
// per row than the text format here; lib/bench/copy-formats.ts).
const COPY_SQL = `COPY test_results ("runId", "projectId", "reportId", "runStartedAt", "testCaseId", status, "durationMs", message, details,
  "failureType", "systemOut", "systemErr", retries, flaky, "signatureId") FROM STDIN (FORMAT binary)`;
const COLUMNS = 15;

/** Batches parsed ahead of the database before parsing waits (bounds memory and COPY buffering). */
const MAX_QUEUED = 4;
/** New specs resolved at once at first; the set doubles each time (few scans of the project's specs). */
const FIRST_RESOLVE = 2000;

interface Batch {
  cases: readonly ParsedTestCase[];
  hashes: string[];
  sigs: ({ hash: string; text: string } | null)[];
}

export interface ResultWriterContext {
  runId: string;
  projectId: string;
  reportId: string;
  runStartedAt: Date;
  pattern: RequirementPattern | undefined;
}

export interface StageTimes {
  /** time spent resolving ids in the database (COPY paused) */
  lookups: number;
  /** time building COPY lines in Node */
  lines: number;
  /** time waiting for PostgreSQL to finish COPYs (draining, ending) */
  copyWait: number;
}

export class ResultWriter {
  /** identity hash -> test case id, every spec of the report so far */
  readonly specIds = new Map<string, string>();
  /** signature hash -> failure_signatures id */
  private readonly sigIds = new Map<string, string>();
  /** test case ids of failed/errored results (for the muted count) */
  readonly failingCaseIds: string[] = [];
  flaky = 0;
  written = 0;
  readonly times: StageTimes = { lookups: 0, lines: 0, copyWait: 0 };

  private readonly runIdBytes: Buffer;
  private readonly projectIdBytes: Buffer;
  private readonly reportIdBytes: Buffer;
  private readonly startedAtBytes: Buffer;
  private readonly out = new BinaryCopyWriter();
  private copy: ReturnType<typeof copyFrom> | null = null;
  private copyError: unknown = null;
  private queue: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;
  // rows held back until their new specs are resolved, and what is not resolved yet
  private held: Batch[] = [];
  private readonly unknownSpecs = new Map<string, ParsedTestCase>();
  private readonly unknownSigs = new Map<string, string>();
  private resolveAt = FIRST_RESOLVE;
  // (message, details) -> signature hash: a suite's failures repeat the same text
  private readonly sigMemo = new Map<string, { hash: string; text: string }>();

  constructor(
    private readonly client: pg.PoolClient,
    private readonly ctx: ResultWriterContext,
  ) {
    this.runIdBytes = BinaryCopyWriter.uuidBytes(ctx.runId);
    this.projectIdBytes = BinaryCopyWriter.uuidBytes(ctx.projectId);
    this.reportIdBytes = BinaryCopyWriter.uuidBytes(ctx.reportId);
    this.startedAtBytes = BinaryCopyWriter.timestamp(ctx.runStartedAt);
  }

  /**
   * Queue a batch of cases. Resolves as soon as parsing may go on: right away
   * while few batches are queued, else once the oldest is stored. Throws the
   * first storing error.
   */
  async add(cases: readonly ParsedTestCase[]): Promise<void> {
    this.throwIfFailed();
    if (cases.length) {
      const prev = this.queue.at(-1) ?? Promise.resolve();
      this.queue.push(
        prev.then(async () => {
          if (this.failure) return;
          try {
            await this.store(cases);
          } catch (e) {
            this.failure ??= { error: e };
          }
        }),
      );
      while (this.queue.length > MAX_QUEUED) await this.queue.shift();
    }
    // let socket I/O (the COPY data going out) and the queued work run
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.throwIfFailed();
  }

  /** Store everything queued and end the COPY; the connection is free again afterwards. */
  async finish(): Promise<void> {
    while (this.queue.length) await this.queue.shift();
    this.throwIfFailed();
    if (this.held.length) await this.writeHeld();
    await this.endCopy();
  }

  /**
   * Give up: wait for queued work, abort an open COPY (CopyFail) so the
   * connection can roll back. Never throws.
   */
  async abort(): Promise<void> {
    this.failure ??= { error: new Error("aborted") };
    while (this.queue.length) await this.queue.shift();
    const copy = this.copy;
    this.copy = null;
    // a COPY the server already failed is over (the stream has no connection left to send CopyFail on)
    if (copy && !this.copyError && !copy.destroyed && !copy.writableFinished) {
      await new Promise<void>((resolve) => {
        copy.once("close", resolve);
        copy.once("error", () => resolve());
        copy.destroy(new Error("ingest aborted"));
      });
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
    if (this.copyError) throw this.copyError;
  }

  private async store(cases: readonly ParsedTestCase[]): Promise<void> {
    const { projectId } = this.ctx;
    const batch: Batch = {
      cases,
      hashes: cases.map(caseIdentity),
      sigs: cases.map((c) => (c.status === "failed" || c.status === "errored" ? this.signature(c) : null)),
    };
    batch.hashes.forEach((h, i) => {
      if (this.specIds.has(h) || this.unknownSpecs.has(h)) return;
      const id = cachedSpecId(projectId, h);
      if (id) this.specIds.set(h, id);
      else this.unknownSpecs.set(h, cases[i]);
    });
    for (const s of batch.sigs) if (s && !this.sigIds.has(s.hash)) this.unknownSigs.set(s.hash, s.text);
    if (this.unknownSpecs.size || this.held.length) {
      // New specs (a suite's first upload): hold the rows back, in order, and resolve
      // specs in a few large sets (each one a scan of the project's specs) rather than per batch.
      this.held.push(batch);
      if (this.unknownSpecs.size >= this.resolveAt) {
        this.resolveAt *= 2;
        await this.writeHeld();
      }
      return;
    }
    if (this.unknownSigs.size) await this.resolve();
    await this.writeBatch(batch);
  }

  /** Resolve what is unknown (the COPY pauses), then write the held batches. */
  private async writeHeld(): Promise<void> {
    await this.resolve();
    const held = this.held;
    this.held = [];
    for (const b of held) await this.writeBatch(b);
  }

  private async resolve(): Promise<void> {
    if (!this.unknownSpecs.size && !this.unknownSigs.size) return;
    await this.endCopy();
    const t = performance.now();
    const { projectId } = this.ctx;
    if (this.unknownSpecs.size) {
      for (const [h, id] of await resolveSpecs(this.client, projectId, this.unknownSpecs, this.ctx.pattern, this.ctx.runStartedAt)) this.specIds.set(h, id);
      this.unknownSpecs.clear();
    }
    if (this.unknownSigs.size) {
      for (const [h, id] of await upsertSignatures(this.client, projectId, this.unknownSigs)) this.sigIds.set(h, id);
      this.unknownSigs.clear();
    }
    this.times.lookups += performance.now() - t;
  }

  private async writeBatch({ cases, hashes, sigs }: Batch): Promise<void> {
    const t = performance.now();
    const w = this.out;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      const caseId = this.specIds.get(hashes[i])!;
      const sig = sigs[i];
      if (sig) this.failingCaseIds.push(caseId);
      if (c.flaky) this.flaky++;
      w.row(COLUMNS);
      w.raw(this.runIdBytes);
      w.raw(this.projectIdBytes);
      w.raw(this.reportIdBytes);
      w.raw(this.startedAtBytes);
      w.uuid(caseId);
      w.text(c.status);
      w.int4(c.durationMs === null ? null : Math.round(c.durationMs));
      w.text(c.message);
      w.text(c.details);
      w.text(c.failureType);
      w.text(c.systemOut);
      w.text(c.systemErr);
      w.int4(c.retries);
      w.bool(c.flaky);
      w.uuid(sig ? this.sigIds.get(sig.hash)! : null);
    }
    const chunk = w.take();
    this.times.lines += performance.now() - t;
    this.written += cases.length;
    await this.write(chunk);
  }

  private signature(c: ParsedTestCase): { hash: string; text: string } {
    const key = `${c.message ?? ""}\u0000${c.details ?? ""}`;
    let s = this.sigMemo.get(key);
    if (!s) {
      const f = failureSignature(c.message, c.details);
      s = { hash: f.hash, text: f.signature };
      if (this.sigMemo.size < 10_000) this.sigMemo.set(key, s);
    }
    return s;
  }

  private async write(data: Buffer): Promise<void> {
    if (!this.copy) {
      const copy = this.client.query(copyFrom(COPY_SQL));
      // an error (e.g. a bad value) surfaces on the next add() or at finish()
      copy.on("error", (e) => (this.copyError ??= e));
      copy.write(BinaryCopyWriter.header());
      this.copy = copy;
    }
    if (!this.copy.write(data)) {
      const t = performance.now();
      const copy = this.copy;
      await new Promise<void>((resolve) => {
        const done = () => {
          copy.off("drain", done);
          copy.off("error", done);
          copy.off("close", done);
          resolve();
        };
        copy.on("drain", done);
        copy.on("error", done);
        copy.on("close", done);
      });
      this.times.copyWait += performance.now() - t;
      if (this.copyError) throw this.copyError;
    }
  }

  private async endCopy(): Promise<void> {
    const copy = this.copy;
    if (!copy) return;
    this.copy = null;
    const t = performance.now();
    await new Promise<void>((resolve, reject) => {
      if (this.copyError) return reject(this.copyError);
      copy.once("finish", resolve);
      copy.once("error", reject);
      copy.end(BinaryCopyWriter.trailer());
    });
    this.times.copyWait += performance.now() - t;
  }
}
