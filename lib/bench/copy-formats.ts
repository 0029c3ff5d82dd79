// npx tsx lib/bench/copy-formats.ts [--server <postgres URL>] [--rows N] [--reps N] [--pg name=value] [--initdb flag] [--sql "<statement>"]
// COPY of result rows shaped like the ingest benchmark's (5 % failures with
// 13-line stacks, 3 % skipped) into test_results, text format against binary
// format, alternating, each in a transaction that is rolled back. Prints the
// time to build the COPY data in Node and the time PostgreSQL took per format.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { v7 as uuidv7 } from "uuid";
import { median } from "@/lib/bench/process-memory";
import { startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { BinaryCopyWriter } from "@/lib/services/copy-binary";
import { copyValue } from "@/lib/services/sql";
import { createTestDatabase } from "@/lib/testing/test-database";

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const ROWS = Number(opt("--rows") ?? 100_000);
const REPS = Number(opt("--reps") ?? 4);
const SERVER = opt("--server");
// experiments on the embedded server: --pg name=value (repeatable), --initdb <flag> (repeatable)
const PG_SETTINGS = Object.fromEntries(args.flatMap((a, i) => (a === "--pg" ? [args[i + 1].split(/=(.*)/s).slice(0, 2)] : [])));
const INITDB_FLAGS = args.flatMap((a, i) => (a === "--initdb" ? [args[i + 1]] : []));

const COLS = `("runId", "reportId", "runStartedAt", "testCaseId", status, "durationMs", message, details, "failureType", "systemOut", "systemErr", retries, flaky, "signatureId")`;
const STACK = Array.from({ length: 13 }, (_, i) => `\tat com.example.service.Handler${i}.handle(Handler${i}.java:${40 + i})`).join("\n");

interface Row { caseId: string; status: string; durationMs: number; message?: string; details?: string; failureType?: string; sig: string | null }

function rows(): Row[] {
  const sig = uuidv7();
  return Array.from({ length: ROWS }, (_, i) => {
    const caseId = uuidv7();
    if (i % 20 === 7) return { caseId, status: "failed", durationMs: i % 5000, message: `expected 201 but was ${500 + (i % 4)}`, details: `java.lang.AssertionError: expected 201 but was ${500 + (i % 4)}\n${STACK}`, failureType: "AssertionError", sig };
    if (i % 33 === 5) return { caseId, status: "skipped", durationMs: 0, message: "not supported on kind", sig: null };
    return { caseId, status: "passed", durationMs: i % 5000, sig: null };
  });
}

function textData(data: Row[], runId: string, reportId: string, startedAt: Date): string[] {
  const prefix = `${runId}\t${reportId}\t${startedAt.toISOString()}\t`;
  const out: string[] = [];
  let chunk = "";
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    chunk += prefix + c.caseId + "\t" + c.status + "\t" + c.durationMs + "\t" + copyValue(c.message) + "\t" + copyValue(c.details) + "\t" +
      copyValue(c.failureType) + "\t\\N\t\\N\t0\tf\t" + (c.sig ?? "\\N") + "\n";
    if (i % 700 === 699) {
      out.push(chunk);
      chunk = "";
    }
  }
  if (chunk) out.push(chunk);
  return out;
}

function binaryData(data: Row[], runId: string, reportId: string, startedAt: Date): Buffer[] {
  const run = BinaryCopyWriter.uuidBytes(runId);
  const rep = BinaryCopyWriter.uuidBytes(reportId);
  const ts = BinaryCopyWriter.timestamp(startedAt);
  const w = new BinaryCopyWriter();
  const out: Buffer[] = [BinaryCopyWriter.header()];
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    w.row(14);
    w.raw(run);
    w.raw(rep);
    w.raw(ts);
    w.uuid(c.caseId);
    w.text(c.status);
    w.int4(c.durationMs);
    w.text(c.message);
    w.text(c.details);
    w.text(c.failureType);
    w.null();
    w.null();
    w.int4(0);
    w.bool(false);
    w.uuid(c.sig);
    if (i % 700 === 699) out.push(w.take());
  }
  if (w.length) out.push(w.take());
  out.push(BinaryCopyWriter.trailer());
  return out;
}

async function copy(client: pg.PoolClient, sql: string, chunks: (string | Buffer)[]): Promise<number> {
  await client.query("BEGIN");
  const t = performance.now();
  const stream = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve).on("error", reject);
    let i = 0;
    const write = () => {
      while (i < chunks.length) if (!stream.write(chunks[i++])) return void stream.once("drain", write);
      stream.end();
    };
    write();
  });
  const ms = performance.now() - t;
  await client.query("ROLLBACK");
  return ms;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-copyfmt-"));
  fs.chmodSync(work, 0o755);
  process.on("exit", () => fs.rmSync(work, { recursive: true, force: true })); // also when the server fails to start
  const epg = SERVER ? null : await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), database: "postgres", persistent: false, settings: PG_SETTINGS, initdbFlags: INITDB_FLAGS });
  const db = await createTestDatabase(SERVER ?? epg!.adminUrl, "copyfmt");
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  try {
    const client = await pool.connect();
    // --sql "<statement>" (repeatable): schema experiments, e.g. an extra index
    for (const [i, a] of args.entries()) if (a === "--sql") await client.query(args[i + 1]);
    const data = rows();
    const runId = uuidv7(), reportId = uuidv7(), startedAt = new Date();
    const times = { textBuild: [] as number[], binBuild: [] as number[], text: [] as number[], binary: [] as number[] };
    // warm-up (fills the relation's free space map path, JIT)
    await copy(client, `COPY test_results ${COLS} FROM STDIN`, textData(data.slice(0, 5000), runId, reportId, startedAt));
    for (let r = 0; r < REPS; r++) {
      let t = performance.now();
      const text = textData(data, runId, reportId, startedAt);
      times.textBuild.push(performance.now() - t);
      t = performance.now();
      const bin = binaryData(data, runId, reportId, startedAt);
      times.binBuild.push(performance.now() - t);
      const order = r % 2 ? ["binary", "text"] : ["text", "binary"];
      for (const f of order) {
        if (f === "text") times.text.push(await copy(client, `COPY test_results ${COLS} FROM STDIN`, text));
        else times.binary.push(await copy(client, `COPY test_results ${COLS} FROM STDIN (FORMAT binary)`, bin));
      }
    }
    client.release();
    const fmt = (v: number[]) => `min ${Math.min(...v).toFixed(0)} / median ${median(v).toFixed(0)} ms`;
    console.log(`${ROWS} rows, ${REPS} reps each (${SERVER ? "server at --server" : "embedded PostgreSQL"})`);
    console.log(`build text lines: ${fmt(times.textBuild)}; build binary: ${fmt(times.binBuild)}`);
    console.log(`COPY text:   ${fmt(times.text)}  (${Math.round(ROWS / (median(times.text) / 1000))} rows/s)`);
    console.log(`COPY binary: ${fmt(times.binary)}  (${Math.round(ROWS / (median(times.binary) / 1000))} rows/s)`);
  } finally {
    await pool.end();
    await db.drop().catch(() => {});
    await epg?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
