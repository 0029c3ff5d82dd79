// Web processes and workers for bench:load, and the checks of `--web N`
// (issue #17): several web processes and workers on one database are one
// system. The checks reuse what lib/http/multi-process.db.test.ts does in
// `npm test` at a small size.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { generateJunit } from "@/lib/bench/generate-junit";
import { freePort } from "@/lib/ops/embedded-postgres";
import { type NextServer, startNextServer } from "@/lib/testing/next-server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WebOptions { appDir: string; work: string; env: Record<string, string>; nodeArgs?: string[] }

export async function startWebs(n: number, o: WebOptions): Promise<NextServer[]> {
  const webs: NextServer[] = [];
  for (let i = 0; i < n; i++) {
    webs.push(await startNextServer({ port: await freePort(), cwd: o.appDir, logFile: path.join(o.work, "server.log"), env: o.env, timeoutMs: 60_000, nodeArgs: o.nodeArgs }));
  }
  return webs;
}

/** `npm run worker` processes (provisioning, notifications, retention) on the same database. */
export function startWorkers(n: number, o: WebOptions): ChildProcess[] {
  return Array.from({ length: n }, () => {
    const out = fs.openSync(path.join(o.work, "worker.log"), "a");
    return spawn(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "lib/worker/main.ts")], { cwd: ROOT, detached: true, stdio: ["ignore", out, out], env: { ...process.env, ...o.env } });
  });
}

function upload(base: string, token: string, project: string, externalId: string, xml: string) {
  const form = new FormData();
  form.append("metadata", JSON.stringify({ project, mode: "parallel", externalId }));
  form.append("junit", new Blob([xml], { type: "application/xml" }), "junit.xml");
  return fetch(`${base}/api/v1/ingest`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
}

/** An upload cut by SIGKILL of its process while the rows are written, retried against another: stored once. */
export async function checkKilledUpload(db: pg.Client, victim: NextServer, survivor: NextServer, token: string, project: string): Promise<string[]> {
  const problems: string[] = [];
  const cases = 30_000;
  const xml = generateJunit(cases, { seed: 11, suitePrefix: "com.example.killed" }).replace(/<failure[^>]*>[^<]*<\/failure>/g, "");
  const cut = upload(victim.base, token, project, "killed-1", xml).then((r) => r.status, () => "connection lost");
  for (let i = 0; i < 400; i++) {
    if ((await db.query(`SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query ILIKE 'COPY%'`)).rowCount) break;
    await sleep(25);
  }
  await victim.kill("SIGKILL");
  const first = await cut;
  const retry = await upload(survivor.base, token, project, "killed-1", xml);
  const runs = Number((await db.query(`SELECT count(*) AS n FROM runs WHERE "externalId" = 'killed-1'`)).rows[0].n);
  const rows = Number((await db.query(`SELECT count(*) AS n FROM test_results t JOIN runs r ON r.id = t."runId" WHERE r."externalId" = 'killed-1'`)).rows[0].n);
  if (![200, 201].includes(retry.status)) problems.push(`the retried upload answered ${retry.status}`);
  if (runs !== 1 || rows !== cases) problems.push(`killed upload (first answer: ${first}): ${runs} runs and ${rows} result rows stored, expected 1 and ${cases}`);
  return problems;
}

/** `limit` requests pass in total over all processes, the rest answer 429 wherever they land. */
export async function checkTokenLimit(webs: NextServer[], token: string, project: string, limit: number): Promise<string[]> {
  const statuses: number[] = [];
  for (let i = 0; i < limit + 8; i++) {
    const r = await fetch(`${webs[i % webs.length].base}/api/v1/runs?project=${project}`, { headers: { authorization: `Bearer ${token}` } });
    await r.arrayBuffer();
    statuses.push(r.status);
  }
  const ok = statuses.filter((s) => s === 200).length, refused = statuses.filter((s) => s === 429).length;
  return ok === limit && refused === 8 ? [] : [`token limit ${limit} over ${webs.length} processes: ${ok} passed, ${refused} refused of ${statuses.length}`];
}

/** One triage item per failing spec, and each counted every run it failed in once. */
export async function checkTriage(db: pg.Client): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS items,
            count(*) FILTER (WHERE i."failureCount" <> f.runs)::int AS miscounted,
            (SELECT count(DISTINCT "testCaseId")::int FROM test_results WHERE status IN ('failed', 'errored')) AS failing
       FROM triage_items i
       LEFT JOIN (SELECT "testCaseId", count(DISTINCT "runId")::int AS runs FROM test_results WHERE status IN ('failed', 'errored') GROUP BY 1) f
         ON f."testCaseId" = i."testCaseId"`,
  );
  const r = rows[0];
  const out: string[] = [];
  if (r.items !== r.failing) out.push(`${r.items} triage items for ${r.failing} failing specs`);
  if (r.miscounted) out.push(`${r.miscounted} triage items whose failure count differs from the runs they failed in`);
  return out;
}
