// A real HTTP receiver on a loopback port for webhook tests: every request is
// recorded (headers, body, time); each path answers from its own script of
// { status, delayMs } (the last entry repeats).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Answer {
  status: number;
  delayMs?: number;
  body?: string;
}

export interface WebhookReceiver {
  url(path: string): string;
  received: Received[];
  on(path: string, answers: Answer[]): void;
  of(path: string): Received[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const scripts = new Map<string, Answer[]>();
  const served = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const script = scripts.get(path) ?? [{ status: 200 }];
      const n = served.get(path) ?? 0;
      served.set(path, n + 1);
      const a = script[Math.min(n, script.length - 1)];
      const t = setTimeout(() => {
        timers.delete(t);
        res.writeHead(a.status, { "content-type": "text/plain" }).end(a.body ?? `answer ${n + 1}: ${a.status}`);
      }, a.delayMs ?? 0);
      timers.add(t);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    on: (path, answers) => void scripts.set(path, answers),
    of: (path) => received.filter((r) => r.path === path),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
