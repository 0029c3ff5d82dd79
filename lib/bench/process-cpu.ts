// CPU time of process trees, read from /proc, for benchmarks (issue #17): how
// many CPU-seconds a run costs the web process, PostgreSQL and the load
// generator, and how busy the whole machine was meanwhile. Linux only.
// A process's own time plus its reaped children's (cutime, cstime) covers the
// backends PostgreSQL forked and reaped during the window.
import { execSync } from "node:child_process";
import fs from "node:fs";

let ticksPerSecond: number | undefined;
const hz = () => (ticksPerSecond ??= Number(execSync("getconf CLK_TCK").toString().trim()) || 100);

interface ProcStat { pid: number; ppid: number; ticks: number }

function readStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // fields after the command name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17)
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.push({ pid: Number(pid), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {
      /* process ended */
    }
  }
  return out;
}

/** CPU-seconds used so far by each tree (a root pid and all its descendants), keyed by name. */
export function treeCpuSeconds(roots: Record<string, number>): Record<string, number> {
  const stats = readStats();
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const sum = (pid: number): number => (byPid.get(pid)?.ticks ?? 0) + (children.get(pid) ?? []).reduce((n, c) => n + sum(c.pid), 0);
  return Object.fromEntries(Object.entries(roots).map(([name, pid]) => [name, sum(pid) / hz()]));
}

/** Busy CPU-seconds of the whole machine so far (all cores, from /proc/stat; idle and iowait excluded). */
export function machineBusySeconds(): number {
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return (user + nice + system + irq + softirq + (steal ?? 0)) / hz();
}

/** The postmaster's pid from its data directory (null when not found). */
export function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export type CpuSample = { at: number; trees: Record<string, number>; machine: number; self: number };

/** A sample of the named trees, the machine and this process (the load generator), to subtract later. */
export function sampleCpu(roots: Record<string, number>): CpuSample {
  const u = process.cpuUsage();
  return { at: performance.now(), trees: treeCpuSeconds(roots), machine: machineBusySeconds(), self: (u.user + u.system) / 1e6 };
}

/** CPU-seconds per run of each tree between two samples, with the window's length and the machine's busy cores. */
export function cpuPerRun(a: CpuSample, b: CpuSample, runs: number) {
  const seconds = (b.at - a.at) / 1000;
  const used: Record<string, number> = Object.fromEntries(Object.keys(b.trees).map((k) => [k, b.trees[k] - (a.trees[k] ?? 0)]));
  used["load generator"] = b.self - a.self;
  const ours = Object.values(used).reduce((n, x) => n + x, 0);
  const machine = b.machine - a.machine;
  const perRun = Object.fromEntries(Object.entries(used).map(([k, v]) => [k, runs ? (1000 * v) / runs : NaN]));
  return { seconds, used, ours, machine, others: machine - ours, perRunMs: perRun, oursPerRunMs: runs ? (1000 * ours) / runs : NaN };
}

/** One line per tree: CPU ms per run and cores used, then what the rest of the machine used meanwhile. */
export function formatCpu(label: string, c: ReturnType<typeof cpuPerRun>, runs: number, cores: number): string {
  const parts = Object.entries(c.perRunMs).map(([k, ms]) => `${k} ${ms.toFixed(0)} ms (${(c.used[k] / c.seconds).toFixed(2)} cores)`);
  const ceiling = c.oursPerRunMs ? (cores * 1000) / c.oursPerRunMs : NaN;
  return `${label}: CPU per run (n=${runs} runs, ${c.seconds.toFixed(1)} s): ${parts.join(", ")}; together ${c.oursPerRunMs.toFixed(0)} ms/run; `
    + `machine busy ${(c.machine / c.seconds).toFixed(2)} of ${cores} cores (other processes ${(c.others / c.seconds).toFixed(2)}); `
    + `ceiling at this cost with all ${cores} cores: ${ceiling.toFixed(1)} runs/s`;
}

/** CPU ms per request kind of each tree, from readings around serial requests (LoadClients.cpuProbe). */
export class CpuPerRequest {
  private readonly sums = new Map<string, { n: number; ms: Record<string, number> }>();

  constructor(private readonly roots: Record<string, number>) {}

  read(): Record<string, number> {
    const u = process.cpuUsage();
    return { ...treeCpuSeconds(this.roots), "load generator": (u.user + u.system) / 1e6 };
  }

  add(kind: string, before: Record<string, number>, after: Record<string, number>): void {
    const e = this.sums.get(kind) ?? { n: 0, ms: {} };
    e.n++;
    for (const k of Object.keys(after)) e.ms[k] = (e.ms[k] ?? 0) + 1000 * (after[k] - (before[k] ?? 0));
    this.sums.set(kind, e);
  }

  rows() {
    return [...this.sums].map(([kind, { n, ms }]) => ({
      request: kind, n, ...Object.fromEntries(Object.entries(ms).map(([k, v]) => [`${k} ms`, (v / n).toFixed(1)])),
    }));
  }
}
