// Where a request's time went, by stage (Server-Timing of POST /api/v1/runs/:id/junit):
// lap(name) books the time since the previous lap under name; move(ms, from, to)
// re-books time measured inside a stage (e.g. waits inside parsing).
export class Stopwatch {
  readonly stages: Record<string, number> = {};
  private last = performance.now();
  readonly started = this.last;

  lap(name: string): void {
    const t = performance.now();
    this.stages[name] = (this.stages[name] ?? 0) + t - this.last;
    this.last = t;
  }

  move(ms: number, from: string, to: string): void {
    this.stages[from] = (this.stages[from] ?? 0) - ms;
    this.stages[to] = (this.stages[to] ?? 0) + ms;
  }

  /** ms since the stopwatch started */
  total(): number {
    return performance.now() - this.started;
  }
}
