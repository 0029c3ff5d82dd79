// POST a huge JUnit-looking body without holding it: either only headers that
// declare its length, or a chunked stream generated from one 1 MB chunk that
// stops as soon as the server answers. Reports how many bytes had left the
// client (socket bytesWritten) when the answer arrived.
import http from "node:http";

const MB = 1024 * 1024;

export interface LargeBodyAnswer {
  status: number;
  body: string;
  /** bytes written to the socket (headers included) when the response arrived */
  sentAtAnswer: number;
  ms: number;
}

export function postLargeBody(url: string, o: { headers: Record<string, string>; declare?: number; total: number; timeoutMs?: number }): Promise<LargeBodyAnswer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const headers: Record<string, string | number> = { ...o.headers };
    if (o.declare) headers["content-length"] = o.declare;
    const req = http.request(url, { method: "POST", headers });
    let answered = false;
    let sentAtAnswer = 0;
    const timeoutMs = o.timeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on("response", (res) => {
      answered = true;
      sentAtAnswer = req.socket?.bytesWritten ?? 0;
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode!, body, sentAtAnswer, ms: performance.now() - t0 });
      });
    });
    req.on("error", (e) => {
      if (answered) return;
      clearTimeout(timer);
      reject(e);
    });
    if (o.declare) {
      req.flushHeaders();
      return;
    }
    const head = Buffer.from(`<?xml version="1.0"?>\n<testsuites><testsuite name="huge">\n`);
    const line = `<testcase classname="huge" name="case" time="0.001"/>\n`;
    const chunk = Buffer.from(line.repeat(Math.ceil(MB / line.length)));
    let sent = 0;
    const pump = () => {
      while (!answered && sent < o.total) {
        const ok = req.write(sent === 0 ? head : chunk);
        sent += sent === 0 ? head.length : chunk.length;
        if (!ok) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
