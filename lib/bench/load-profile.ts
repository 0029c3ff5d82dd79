// `bench:load --profile`: where the server's time goes under load.
// - PostgreSQL: pg_stat_statements (the embedded server is started with it
//   preloaded), top statements by total execution time;
// - Node: the web process runs with --cpu-prof; the profiles are summarised as
//   self time per area (Next/React rendering, pg driver, the JUnit parser,
//   Runboard's own code by directory, GC...) and the top functions.
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";

export const PROFILE_PG_SETTINGS = { shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track": "all" };

export async function resetStatements(client: pg.Client): Promise<void> {
  await client.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
  await client.query(`SELECT pg_stat_statements_reset()`);
}

/** Statements by number of calls, per finished run: what each run asks PostgreSQL for (with the readers' pages). */
export async function printCallsPerRun(client: pg.Client, runs: number, n = 40): Promise<void> {
  const { rows } = await client.query(
    `SELECT round(calls::numeric / $2, 2) AS "calls/run", round((total_exec_time / $2)::numeric, 2) AS "ms/run",
            regexp_replace(left(query, 120), '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY calls DESC LIMIT $1`,
    [n, Math.max(1, runs)],
  );
  const sum = (await client.query(`SELECT round(sum(calls)::numeric / $1, 1) AS c FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`, [Math.max(1, runs)])).rows[0].c;
  console.log(`\nPostgreSQL statements by calls per finished run (${runs} runs; all statements: ${sum} calls/run):`);
  console.table(rows);
}

/** Rows written per finished run, by table (pg_stat_user_tables; taken before and after the loaded window). */
export async function tableWrites(client: pg.Client): Promise<Map<string, { ins: number; upd: number; hot: number; del: number; vac: number; an: number }>> {
  const { rows } = await client.query(
    `SELECT relname, n_tup_ins::float8 AS ins, n_tup_upd::float8 AS upd, n_tup_hot_upd::float8 AS hot, n_tup_del::float8 AS del,
            autovacuum_count::float8 AS vac, autoanalyze_count::float8 AS an FROM pg_stat_user_tables`,
  );
  return new Map(rows.map((r) => [r.relname as string, { ins: r.ins, upd: r.upd, hot: r.hot, del: r.del, vac: r.vac, an: r.an }]));
}

export async function printTableWritesPerRun(client: pg.Client, before: Awaited<ReturnType<typeof tableWrites>>, runs: number): Promise<void> {
  await client.query(`SELECT pg_stat_force_next_flush()`).catch(() => {});
  const after = await tableWrites(client);
  const n = Math.max(1, runs);
  const rows = [...after]
    .map(([t, a]) => {
      const b = before.get(t) ?? { ins: 0, upd: 0, hot: 0, del: 0, vac: 0, an: 0 };
      const upd = a.upd - b.upd;
      return {
        table: t, "inserted/run": (a.ins - b.ins) / n, "updated/run": upd / n, "HOT %": upd ? ((100 * (a.hot - b.hot)) / upd).toFixed(0) : "", "deleted/run": (a.del - b.del) / n,
        // autovacuum's own passes over the table in the window (a young table growing fast is analyzed at every 10 %)
        autovacuums: a.vac - b.vac, autoanalyzes: a.an - b.an,
      };
    })
    .filter((r) => r["inserted/run"] || r["updated/run"] || r["deleted/run"] || r.autovacuums || r.autoanalyzes)
    .sort((x, y) => y["inserted/run"] + y["updated/run"] - (x["inserted/run"] + x["updated/run"]))
    .map((r) => ({ ...r, "inserted/run": r["inserted/run"].toFixed(1), "updated/run": r["updated/run"].toFixed(1), "deleted/run": r["deleted/run"].toFixed(1) }));
  console.log(`\nRows written per finished run, and autovacuum passes in the window, by table (${runs} runs; pg_stat_user_tables):`);
  console.table(rows);
}

/** The loaded window starts: statements reset, table write counters read. */
export async function startDatabaseProfile(client: pg.Client): Promise<Awaited<ReturnType<typeof tableWrites>>> {
  await resetStatements(client);
  return tableWrites(client);
}

/** What PostgreSQL did in the loaded window: top statements, statements per run, rows written per run. */
export async function printDatabaseProfile(client: pg.Client, before: Awaited<ReturnType<typeof tableWrites>>, runs: number): Promise<void> {
  await printTopStatements(client);
  await printCallsPerRun(client, runs);
  await printTableWritesPerRun(client, before, runs);
}

export async function printTopStatements(client: pg.Client, n = 15): Promise<void> {
  const { rows } = await client.query(
    `SELECT calls, round(total_exec_time)::int AS total_ms, round(mean_exec_time::numeric, 2) AS mean_ms, rows,
            regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT $1`,
    [n],
  );
  const total = (await client.query(`SELECT round(sum(total_exec_time))::int AS ms FROM pg_stat_statements`)).rows[0].ms;
  console.log(`\nPostgreSQL, top statements by total execution time (all statements: ${total} ms):`);
  console.table(rows);
}

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

function area(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] === "next" && /react-dom|react-server/.test(url) ? "react (in next)" : m[1];
  const lib = /\/(lib\/[^/]+|app)\//.exec(url);
  if (lib) return lib[1];
  if (url.startsWith("node:")) return "node core";
  if (/\.next\/server\/chunks/.test(url)) return "app bundle (.next chunks)";
  return url.split("/").slice(-2).join("/");
}

/** Self time per area and the top functions over every profile in `dir`. */
export function printCpuProfiles(dir: string, top = 20): void {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")) : [];
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  // for the heaviest native/core functions: who called them (3 frames up)
  const callers = new Map<string, Map<string, number>>();
  let totalMs = 0;
  for (const f of files) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const frame = (id: number) => {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      return `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^.*\/(lib|app)\//, "$1/")}:${lineNumber + 1}`;
    };
    p.samples.forEach((id, i) => {
      const ms = (p.timeDeltas[i] ?? 0) / 1000;
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      totalMs += ms;
      const a = area(url, functionName);
      areas.set(a, (areas.get(a) ?? 0) + ms);
      const key = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^.*\/(lib|app)\//, "$1/")}:${lineNumber + 1}`;
      fns.set(key, (fns.get(key) ?? 0) + ms);
      if (!url && !functionName.startsWith("(")) {
        const chain: string[] = [];
        // skip Node's own stream/net frames: the caller that matters is above them
        for (let up = parent.get(id); up !== undefined && chain.length < 3; up = parent.get(up)) {
          const f = frame(up);
          if (!f.includes(" node:")) chain.push(f.slice(0, 70));
        }
        const m = callers.get(key) ?? new Map<string, number>();
        callers.set(key, m);
        const c = chain.join(" < ");
        m.set(c, (m.get(c) ?? 0) + ms);
      }
    });
  }
  if (!totalMs) return void console.log(`no CPU profile found in ${dir}`);
  const rows = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => ({ what: k.slice(0, 110), ms: Math.round(ms), share: `${((100 * ms) / totalMs).toFixed(1)} %` }));
  console.log(`\nweb server CPU profile (${files.length} file(s), ${Math.round(totalMs)} ms sampled, idle included), self time by area:`);
  console.table(rows(areas));
  console.log("top functions by self time:");
  console.table(rows(fns));
  const heavyNative = [...callers].map(([k, m]) => [k, m, [...m.values()].reduce((a, b) => a + b, 0)] as const).sort((a, b) => b[2] - a[2]).slice(0, 4);
  for (const [k, m, ms] of heavyNative) {
    console.log(`callers of ${k} (${Math.round(ms)} ms):`);
    console.table(rows(m).slice(0, 5));
  }
}
