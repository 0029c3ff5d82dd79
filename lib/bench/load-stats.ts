// Latency and status of every request a benchmark makes, per kind of request,
// summarised as n, errors and percentiles. A non-2xx status is an error; the
// first few of each kind are kept with their bodies so a failed run explains itself.

export interface ErrorSample {
  kind: string;
  status: number;
  url: string;
  body: string;
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export class RequestLog {
  private readonly samples = new Map<string, { ms: number[]; errors: number; bytes: number; n: number }>();
  readonly firstErrors: ErrorSample[] = [];
  /** false during warm-up: errors still count and are printed, latencies are not kept */
  recording = true;

  /** keeps the first `perKind` errors of each kind */
  constructor(private readonly perKind = 2) {}

  /** bytes: the length of the response body (decompressed) */
  ok(kind: string, ms: number, bytes = 0) {
    const e = this.entry(kind);
    e.bytes += bytes;
    e.n++;
    if (this.recording) e.ms.push(ms);
  }

  /** status 0 means no response (network error or timeout); body then holds the error */
  error(kind: string, ms: number, status: number, url: string, body: string) {
    const e = this.entry(kind);
    e.errors++;
    if (this.recording) e.ms.push(ms);
    if (this.firstErrors.filter((x) => x.kind === kind).length < this.perKind) this.firstErrors.push({ kind, status, url, body: body.slice(0, 500) });
  }

  /** forget the latencies so far (errors, counted and kept, stay) */
  reset() {
    for (const e of this.samples.values()) e.ms = [];
  }

  totalErrors(): number {
    return [...this.samples.values()].reduce((n, e) => n + e.errors, 0);
  }

  rows(order: string[]) {
    const kinds = [...order.filter((k) => this.samples.has(k)), ...[...this.samples.keys()].filter((k) => !order.includes(k))];
    return kinds.map((kind) => {
      const { ms, errors, bytes, n } = this.samples.get(kind)!;
      return {
        request: kind,
        n: ms.length,
        errors,
        "p50 ms": percentile(ms, 50).toFixed(0),
        "p95 ms": percentile(ms, 95).toFixed(0),
        "p99 ms": percentile(ms, 99).toFixed(0),
        "max ms": (ms.length ? Math.max(...ms) : NaN).toFixed(0),
        "body KB": n ? (bytes / n / 1024).toFixed(0) : "-",
      };
    });
  }

  private entry(kind: string) {
    let e = this.samples.get(kind);
    if (!e) this.samples.set(kind, (e = { ms: [], errors: 0, bytes: 0, n: 0 }));
    return e;
  }
}

/**
 * fetch that records the latency (to the complete body) and status under `kind`.
 * Never throws: a network error or timeout is recorded as status 0 and returns null.
 */
export async function timedFetch(log: RequestLog, kind: string, url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: string; serverTiming: string | null } | null> {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    const ms = performance.now() - t;
    if (res.status >= 200 && res.status < 300) log.ok(kind, ms, Buffer.byteLength(body));
    else log.error(kind, ms, res.status, url, body);
    return { status: res.status, body, serverTiming: res.headers.get("server-timing") };
  } catch (e) {
    log.error(kind, performance.now() - t, 0, url, String((e as Error)?.message ?? e));
    return null;
  }
}

/** Server-Timing stages (name;dur=ms) summed over the responses that carried them. */
export class StageTotals {
  readonly ms = new Map<string, number>();
  n = 0;

  add(header: string | null) {
    if (!header) return;
    this.n++;
    for (const part of header.split(",")) {
      const m = /^\s*([\w-]+);dur=([\d.]+)/.exec(part);
      if (m) this.ms.set(m[1], (this.ms.get(m[1]) ?? 0) + Number(m[2]));
    }
  }

  /** mean ms per response, per stage */
  means(): Record<string, string> {
    return Object.fromEntries([...this.ms].map(([k, v]) => [k, (v / Math.max(1, this.n)).toFixed(1)]));
  }
}
