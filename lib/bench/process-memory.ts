// Resident memory of a process group (a server and the processes it forks),
// read from /proc, for benchmarks. Linux only.
import fs from "node:fs";

export function groupRssBytes(pgid: number): number {
  let total = 0;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // fields after the command name: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      /* process ended */
    }
  }
  return total;
}

/** Sample the group's RSS every 10 ms until stop(); returns the peak. */
export function sampleGroupPeak(pgid: number) {
  let peak = groupRssBytes(pgid);
  const timer = setInterval(() => (peak = Math.max(peak, groupRssBytes(pgid))), 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, groupRssBytes(pgid));
    },
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
